/**
 * The offline QR payload (see README, "A QR code that verifies offline"): signing in the worker,
 * and the library verifier for Node. The verify page uses check-payload.ts directly in the browser.
 */
import { X509Certificate } from 'node:crypto';
import { certificatePolicyOids, familyOfPolicyOid } from '../family-policy';
import { checkOfflinePayload, OfflineReading, SignerCertificate, trustSigner, TrustedSigner } from './check-payload';

export { signOfflinePayload, offlineQrText, certificateQrText } from './sign-payload';
export type { PayloadSigner, CertificateFacts } from './sign-payload';
export { checkOfflinePayload, trustSigner } from './check-payload';
export type { OfflineReading, OfflineProblemCode, SignerCertificate, TrustedSigner } from './check-payload';
export type { OfflineClaims } from './payload';
export { qrSegments, MAX_QR_TEXT } from './qr-text';

/** A signer certificate as the verifier needs it: the family from its certificatePolicies. */
export function signerCertificateOf(certificate: string | X509Certificate): SignerCertificate {
  const cert = typeof certificate === 'string' ? new X509Certificate(certificate) : certificate;
  const families = certificatePolicyOids(cert).map(familyOfPolicyOid).filter((f): f is string => f !== null);
  return {
    der: new Uint8Array(cert.raw),
    spki: new Uint8Array(cert.publicKey.export({ type: 'spki', format: 'der' })),
    subject: cert.subject.replace(/\n/g, ', '),
    family: families.length === 1 ? families[0] : null,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

/**
 * Reads a certificate QR code's text and verifies its signed payload with the given signer
 * certificates (PEM or X509Certificate), offline. Never throws on hostile text.
 */
export async function readOfflinePayload(qrText: unknown, trustedSignerCerts: readonly (string | X509Certificate)[], options: { now?: Date } = {}): Promise<OfflineReading> {
  const signers: TrustedSigner[] = await Promise.all(trustedSignerCerts.map((c) => trustSigner(signerCertificateOf(c))));
  return checkOfflinePayload(qrText, signers, options.now);
}
