/** Long-term validation: the DSS (PAdES B-LT) and document time-stamps (B-LTA), appended as incremental updates. */
export { appendValidationData } from './dss-writer';
export type { ValidationData } from './dss-writer';
export { appendDocumentTimeStamp, DOCUMENT_TIME_STAMP_CONTENTS_BYTES } from './document-time-stamp';
export { appendIncrementalUpdate, readTrailer } from './incremental-update';
export { pkiValidationData } from './pki-validation-data';
export type { ValidationDataSource } from './pki-validation-data';
export { extendToLta, recordingTimeStamper, signLongTerm } from './long-term';
export type { LongTermInputs } from './long-term';
export { readLongTermRevisions } from './long-term-revisions';
export type { DocumentTimeStamp, LongTermRevisions } from './long-term-revisions';
