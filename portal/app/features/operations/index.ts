import type { Feature } from '../types';

/** Placeholder until this area is built. */
export const operationsFeature: Feature = { name: 'operations', messages: { fa: {}, en: {} } };
