/**
 * Inquiries: what the external registries (company registry, national identity, degree
 * verification) answered about an application. No pages of its own: the card (InquiryResults) is
 * shown on the reviewer's task page and the administrator's instance page.
 */
import type { Feature } from '../types';
import { en, fa } from './messages';

export { InquiryResults } from './InquiryResults';

export const inquiriesFeature: Feature = {
  name: 'inquiries',
  messages: { fa, en },
};
