import type { Feature } from '../types';

/** Placeholder until this area is built. */
export const applicantFeature: Feature = { name: 'applicant', messages: { fa: {}, en: {} } };
