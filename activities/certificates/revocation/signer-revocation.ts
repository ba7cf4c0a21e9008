/** What the verifier says of the signer's revocation (no node: imports, so the portal's page shares it). */
export interface SignerRevocation {
  status: 'good' | 'revoked' | 'unknown';
  /** ISO 8601, when revoked. */
  revokedAt?: string;
  /** The CRL reason, when revoked (and given). */
  reason?: string;
  /**
   * When revoked: whether the revocation came after the signing time (the signature was made while
   * the signer was good), before it, or null when no signing time is known.
   */
  revokedAfterSigning?: boolean | null;
  /** When revoked and a signing time was known: a signature time-stamp's (proven), the caller's, or the signature dictionary's /M (claimed). */
  signingTimeFrom?: 'time-stamp' | 'caller' | 'signature-dictionary';
  source: 'crl';
}

/**
 * Whether a revoked signer makes the file not valid: yes, unless the revocation came after the
 * signing time, and that time is proven by a time-stamp or the reason was not a compromised key
 * (a stolen key could sign with any claimed time).
 */
export const revocationInvalidates = (revocation: SignerRevocation | undefined): boolean =>
  revocation?.status === 'revoked'
  && !(revocation.revokedAfterSigning === true && (revocation.signingTimeFrom === 'time-stamp' || revocation.reason !== 'keyCompromise'));
