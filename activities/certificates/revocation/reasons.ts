/** CRLReason (RFC 5280 5.3.1) as named on the command line, in revocations.json and by the verifier. */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

export const isRevocationReason = (name: string): name is RevocationReason => Object.hasOwn(REVOCATION_REASONS, name);

export function reasonOfCode(code: number): RevocationReason | undefined {
  return (Object.keys(REVOCATION_REASONS) as RevocationReason[]).find((name) => REVOCATION_REASONS[name] === code);
}

/** One revoked certificate: what revocations.json holds and CRLs and OCSP answers say. */
export interface Revocation {
  /** The serial number as lowercase hex of its DER INTEGER content. */
  serial: string;
  revokedAt: Date;
  reason: RevocationReason;
}
