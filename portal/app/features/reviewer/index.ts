import type { Feature } from '../types';

/** Placeholder until this area is built. */
export const reviewerFeature: Feature = { name: 'reviewer', messages: { fa: {}, en: {} } };
