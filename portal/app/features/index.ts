/** Every area of the portal, in menu order. */
import type { Feature } from './types';
import { publicFeature } from './public';
import { applicantFeature } from './applicant';
import { reviewerFeature } from './reviewer';
import { processesFeature } from './processes';
import { operationsFeature } from './operations';
import { directoryFeature } from './directory';
import { paymentsFeature } from './payments';

export const FEATURES: readonly Feature[] = [publicFeature, applicantFeature, reviewerFeature, processesFeature, operationsFeature, directoryFeature, paymentsFeature];
