/** Every area of the portal, in menu order. */
import type { Feature } from './types';
import { publicFeature } from './public';
import { catalogueFeature } from './catalogue';
import { applicantFeature } from './applicant';
import { reviewerFeature } from './reviewer';
import { processesFeature } from './processes';
import { operationsFeature } from './operations';
import { directoryFeature } from './directory';
import { outboxFeature } from './outbox';
import { feedbackFeature } from './feedback';
import { inquiriesFeature } from './inquiries';
import { paymentsFeature } from './payments';

export const FEATURES: readonly Feature[] = [publicFeature, catalogueFeature, applicantFeature, reviewerFeature, processesFeature, operationsFeature, directoryFeature, outboxFeature, paymentsFeature, feedbackFeature, inquiriesFeature];
