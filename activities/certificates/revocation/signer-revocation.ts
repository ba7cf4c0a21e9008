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
  source: 'crl';
}

/**
 * Whether a revoked signer makes the file not valid: yes, unless the revocation came after the
 * signing time and was not for a compromised key (a stolen key could sign with any claimed time).
 */
export const revocationInvalidates = (revocation: SignerRevocation | undefined): boolean =>
  revocation?.status === 'revoked' && !(revocation.revokedAfterSigning === true && revocation.reason !== 'keyCompromise');
