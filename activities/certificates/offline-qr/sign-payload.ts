/**
 * Signs a certificate's offline payload with its family's document signer (in the worker, which
 * holds the key): RS256 (RSA PKCS#1 v1.5, SHA-256), the kind of key the signers have.
 */
import crypto, { KeyObject, X509Certificate } from 'node:crypto';
import { recordSha256, shortRecordHash } from '../record-hash';
import { encodeClaims, encodeCoseSign1, encodeProtectedHeader, KID_BYTES, OfflineClaims, toBeSigned } from './payload';
import { composeQrText } from './qr-text';

export interface PayloadSigner {
  key: KeyObject;
  certPem: string;
}

export function signOfflinePayload(claims: OfflineClaims, signer: PayloadSigner): Uint8Array {
  const kid = crypto.createHash('sha256').update(new X509Certificate(signer.certPem).raw).digest().subarray(0, KID_BYTES);
  const protectedHeader = encodeProtectedHeader(kid);
  const payload = encodeClaims(claims);
  const signature = crypto.sign('sha256', toBeSigned(protectedHeader, payload), { key: signer.key, padding: crypto.constants.RSA_PKCS1_PADDING });
  return encodeCoseSign1(protectedHeader, payload, signature);
}

/** What the certificate's QR code holds: the verify link, then `#` and the signed payload. */
export function offlineQrText(verifyLink: string, claims: OfflineClaims, signer: PayloadSigner): string {
  return composeQrText(verifyLink, signOfflinePayload(claims, signer));
}

/** What a certificate states, as rendered and recorded (render-certificate-pdf's input). */
export interface CertificateFacts {
  number: string;
  holder: { name: string; nationalId: string };
  subject: Record<string, unknown>;
  issuedAt: Date;
  expiresAt: Date;
  verifyUrl: string;
}

/** The QR text of a certificate of `family` (the template key) whose number is of family `familyCode`. */
export function certificateQrText(facts: CertificateFacts, family: { key: string; code: string }, signer: PayloadSigner): string {
  const hash = recordSha256({ number: facts.number, family: family.key, holder: facts.holder, subject: facts.subject, issuedAt: facts.issuedAt, expiresAt: facts.expiresAt });
  const claims: OfflineClaims = {
    issuer: new URL(facts.verifyUrl).origin,
    number: facts.number,
    familyCode: family.code,
    holder: { name: facts.holder.name, nationalId: facts.holder.nationalId },
    issuedAt: facts.issuedAt,
    expiresAt: facts.expiresAt,
    recordHash: shortRecordHash(hash),
  };
  return offlineQrText(facts.verifyUrl, claims, signer);
}
