import type { Feature } from '../types';

/** Placeholder until this area is built. */
export const processesFeature: Feature = { name: 'processes', messages: { fa: {}, en: {} } };
