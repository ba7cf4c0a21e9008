/**
 * The CA certificates anyone needs to check a certificate PDF in their own verifier (Adobe, pdfsig,
 * openssl): the root to trust, and the issuing CAs that sign certificates, current and earlier ones
 * (a rotated-out issuing CA still verifies what it signed). Fingerprints are for comparing with a
 * copy obtained another way.
 */
import { X509Certificate } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
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

export async function publicCaRoutes(app: FastifyInstance, opts: { rootCertPems: string[]; issuingCertPems: string[]; limits: PublicRateLimits }): Promise<void> {
  const published = { roots: opts.rootCertPems.map(describeCa), issuing: opts.issuingCertPems.map(describeCa) };
  app.get('/api/public/ca', {
    config: limitPerMinute(opts.limits.lookupsPerMinute),
    schema: {
      tags: ['public'], summary: 'The root and issuing CA certificates (PEM) that certificate signatures chain to (no login)',
      response: { 200: { type: 'object', properties: { roots: { type: 'array', items: caSchema }, issuing: { type: 'array', items: caSchema } } } },
    },
  }, async () => published);
}
