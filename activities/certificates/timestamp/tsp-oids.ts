/** Object identifiers of RFC 3161 time-stamping and the PAdES signature time-stamp. */
import { POLICY_ARC } from '../family-policy';

export const TSP_OID = {
  /** id-ct-TSTInfo: the eContentType of a time-stamp token. */
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  /** id-aa-signatureTimeStampToken: the unsigned attribute holding a time-stamp of the signature value (PAdES B-T). */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

/**
 * The policy under which this TSA issues time-stamps (TSTInfo.policy, and the certificatePolicies of
 * its certificate). Under POLICY_ARC, which is a PLACEHOLDER (see family-policy.ts): family signers
 * use POLICY_ARC.<n> with n ≥ 28, so POLICY_ARC.2.x is free for trust services.
 */
export const TSA_POLICY_OID = `${POLICY_ARC}.2.1`;
