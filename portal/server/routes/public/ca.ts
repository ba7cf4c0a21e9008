/**
 * The CA certificates anyone needs to check a certificate PDF in their own verifier (Adobe, pdfsig,
 * openssl): the root to trust, and the issuing CAs that sign certificates, current and earlier ones
 * (a rotated-out issuing CA still verifies what it signed). Fingerprints are for comparing with a
 * copy obtained another way. Also each family's document signer (its family code and issuing
 * generation): the verify page keeps them to check a QR code's signed payload offline.
 */
import { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SignerCertificateEntry } from '../../../../activities/certificates/pki';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';

interface PublishedCa {
  subject: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  pem: string;
}

function describeCa(pem: string): PublishedCa {
  const cert = new X509Certificate(pem);
  return {
    subject: cert.subject,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sha256Fingerprint: cert.fingerprint256,
    pem: cert.toString(),
  };
}

const caSchema = {
  type: 'object',
  properties: { subject: { type: 'string' }, notBefore: { type: 'string' }, notAfter: { type: 'string' }, sha256Fingerprint: { type: 'string' }, pem: { type: 'string' } },
} as const;

const signerSchema = { type: 'object', properties: { ...caSchema.properties, family: { type: 'string' }, issuingId: { type: 'string' }, spki: { type: 'string' } } } as const;

/** A signer with its SubjectPublicKeyInfo in base64: WebCrypto imports that, not a certificate. */
function describeSigner({ family, issuingId, certPem }: SignerCertificateEntry) {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { family, issuingId, ...describeCa(certPem), spki };
}

export interface PublicCaOptions {
  rootCertPems: string[];
  issuingCertPems: string[];
  /** The family signers' certificates, read when asked (a signer appears on its family's first certificate). */
  signerCertificates?: () => Promise<SignerCertificateEntry[]>;
  limits: PublicRateLimits;
}

export async function publicCaRoutes(app: FastifyInstance, opts: PublicCaOptions): Promise<void> {
  const published = { roots: opts.rootCertPems.map(describeCa), issuing: opts.issuingCertPems.map(describeCa) };
  const signers = async () => (await (opts.signerCertificates?.() ?? Promise.resolve([]))).map(describeSigner);
  app.get('/api/public/ca', {
    config: limitPerMinute(opts.limits.lookupsPerMinute),
    schema: {
      tags: ['public'], summary: 'The root and issuing CA certificates (PEM) that certificate signatures chain to (no login)',
      response: { 200: { type: 'object', properties: { roots: { type: 'array', items: caSchema }, issuing: { type: 'array', items: caSchema }, signers: { type: 'array', items: signerSchema } } } },
    },
  }, async () => ({ ...published, signers: await signers() }));
}
