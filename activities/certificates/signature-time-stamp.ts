/**
 * The signature time-stamp of a PAdES B-T signature (unsigned attribute
 * id-aa-signatureTimeStampToken): an RFC 3161 token whose imprint is the hash of the SignerInfo's
 * signature value. When it holds, it proves the signature existed at its time, so the signer's
 * chain is judged then rather than now.
 */
import { X509Certificate } from 'node:crypto';
import type { ParsedCms } from './cms-parse';
import { verifyTimeStampToken } from './timestamp/timestamp-token';
import { TSP_OID } from './timestamp/tsp-oids';

export interface SignatureTimeStamp {
  /** The time-stamp's genTime, once the token could be read. */
  time: Date | null;
  valid: boolean;
  tsaSubject: string | null;
  problem?: string;
}

/** PAdES baseline levels this verifier recognises (B-LT and B-LTA: ltv/long-term-revisions.ts). */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** A time-stamp later than this past the verification time is not believed (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The signature's time-stamp, checked against `rootCertPems`; null when the signature has none. Never throws. */
export function signatureTimeStampOf(cms: ParsedCms, trust: { rootCertPems: string[]; at?: Date }): SignatureTimeStamp | null {
  const tokens = cms.signerInfo.unsignedAttributes.get(TSP_OID.signatureTimeStampToken);
  if (!tokens?.length) return null;
  const extraCertPems = cms.certificates.map((der) => new X509Certificate(der).toString());
  const check = verifyTimeStampToken(tokens[0], { data: cms.signerInfo.signature }, { rootCertPems: trust.rootCertPems, extraCertPems });
  const stamp: SignatureTimeStamp = { time: check.time, valid: check.valid, tsaSubject: check.tsaSubject, ...(check.problem ? { problem: check.problem } : {}) };
  if (stamp.valid && stamp.time && stamp.time.getTime() > (trust.at ?? new Date()).getTime() + CLOCK_SKEW_MS) {
    return { ...stamp, valid: false, problem: `the time-stamp's time ${stamp.time.toISOString()} is after the time of verification` };
  }
  return stamp;
}
