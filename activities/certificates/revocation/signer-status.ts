/**
 * The revocation status of a PDF's signer from its issuing CA's CRL (the one the caller read from
 * the PKI folder): revoked (when, why, and whether before or after the signing time given), good
 * (a current CRL of that issuer does not list it) or unknown (no such CRL, or only an outdated one).
 */
import { X509Certificate } from 'node:crypto';
import { crlIssuedBy, parseCrl, ParsedCrl } from './crl';
import { certificateFields } from './der-parts';
import type { SignerRevocation } from './signer-revocation';

export type { SignerRevocation } from './signer-revocation';


function parsed(ders: Buffer[]): ParsedCrl[] {
  const crls: ParsedCrl[] = [];
  for (const der of ders) {
    try {
      crls.push(parseCrl(der));
    } catch {
      // an unreadable CRL says nothing
    }
  }
  return crls;
}

/** The time a revocation is compared with, and where it comes from (a time-stamp proves it; the others are claims). */
export interface SigningTime {
  time: Date | null;
  from: NonNullable<SignerRevocation['signingTimeFrom']>;
}

export function signerRevocationStatus(signer: X509Certificate, candidates: X509Certificate[], crlDers: Buffer[], signing: SigningTime, now: Date): SignerRevocation {
  const issuer = candidates.find((c) => c.ca && signer.checkIssued(c) && signer.verify(c.publicKey));
  const crls = issuer ? parsed(crlDers).filter((crl) => crlIssuedBy(crl, issuer)) : [];
  if (crls.length === 0) return { status: 'unknown', source: 'crl' };
  const newest = crls.reduce((a, b) => (b.thisUpdate > a.thisUpdate ? b : a));
  const entry = newest.revoked.get(certificateFields(signer.raw).serialHex);
  if (entry) {
    return {
      status: 'revoked',
      revokedAt: entry.revokedAt.toISOString(),
      ...(entry.reason ? { reason: entry.reason } : {}),
      revokedAfterSigning: signing.time ? signing.time.getTime() < entry.revokedAt.getTime() : null,
      ...(signing.time ? { signingTimeFrom: signing.from } : {}),
      source: 'crl',
    };
  }
  // a revocation is for good, but "not listed" holds only while the CRL is current
  const current = newest.nextUpdate === null || now <= newest.nextUpdate;
  return { status: current ? 'good' : 'unknown', source: 'crl' };
}
