/** RFC 3161 time-stamping: the authority, its requests and replies, tokens, and time-stampers for signers. */
export { TSA_POLICY_OID, TSP_OID } from './tsp-oids';
export { buildTimeStampRequest, parseTimeStampRequest, imprintOf, MAX_TIME_STAMP_REQUEST_BYTES, FAILURE_BIT } from './timestamp-request';
export type { TimeStampRequest, MessageImprint, FailureInfo, HashName, RequestReading } from './timestamp-request';
export { createTimeStampAuthority, PKI_STATUS } from './time-stamp-authority';
export type { TimeStampAuthority, TimeStampAuthorityOptions } from './time-stamp-authority';
export { parseTimeStampReply, checkTimeStampReply } from './timestamp-reply';
export type { TimeStampReply, ReplyCheck } from './timestamp-reply';
export { verifyTimeStampToken, parseTstInfo } from './timestamp-token';
export type { TimeStampCheck, TimeStampTrust, TstInfo, Stamped } from './timestamp-token';
export { timeStamperOver, inProcessTimeStamper, httpTimeStamper, TimeStampFailure, TIME_STAMP_QUERY, TIME_STAMP_REPLY } from './time-stamper';
export type { TimeStamper, TimeStampTransport } from './time-stamper';
export { extendedKeyUsageOf, timeStampingProblem } from './tsa-certificate';
export { pkiTimeStamper } from './pki-time-stamper';
