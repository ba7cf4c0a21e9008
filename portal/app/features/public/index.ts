import type { Feature } from '../types';

/** Placeholder until this area is built. */
export const publicFeature: Feature = { name: 'public', messages: { fa: {}, en: {} } };
