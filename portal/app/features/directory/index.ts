import type { Feature } from '../types';

/** Placeholder until this area is built. */
export const directoryFeature: Feature = { name: 'directory', messages: { fa: {}, en: {} } };
