/**
 * Revocation data and CA certificates, for validators (RFC 5280 CRL distribution points and
 * authorityInfoAccess name these URLs: activities/certificates/revocation/urls.ts). The API signs
 * nothing and opens no key: CRLs and OCSP answers are files the key holders publish
 * (revocation/publish.ts), read from the PKI folder at each request.
 *
 *   GET  /api/public/pki/crl/<root|g<n>>.crl     the root's or an issuing CA's CRL (DER)
 *   GET  /api/public/pki/certs/<root|g<n>>.crt   the root or an issuing CA certificate (DER)
 *   POST /api/public/pki/ocsp                    an OCSPRequest (application/ocsp-request, at most 16 KB)
 *   GET  /api/public/pki/ocsp/<base64 request>   the same, RFC 6960 A.1.1
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PKI_LAYOUT } from '../../../../activities/certificates/pki';
import { CertId, CERT_ID_HASHES, issuerHashes, OCSP_ERROR, ocspErrorResponse, readOcspRequest } from '../../../../activities/certificates/revocation/ocsp';
import { OCSP_DIR } from '../../../../activities/certificates/revocation/ocsp-responder';
import { CRL_FILE, RESPONSES_DIR, responseFileName } from '../../../../activities/certificates/revocation/publish';
import { ROOT_CRL_FILE } from '../../../../activities/certificates/revocation/root-crl';
import { HttpError } from '../../plugins/errors';
import { errorSchema } from '../../schemas/common';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';

export const MAX_OCSP_REQUEST_BYTES = 16 * 1024;
const OCSP_REQUEST_TYPE = 'application/ocsp-request';
const OCSP_RESPONSE_TYPE = 'application/ocsp-response';

const CA_NAME = /^(root|g[1-9][0-9]{0,5})$/;

const readOrNull = (file: string): Promise<Buffer | null> => fs.readFile(file).catch(() => null);

interface KnownIssuer {
  id: string;
  hashes: Record<(typeof CERT_ID_HASHES)[number], { issuerNameHash: Buffer; issuerKeyHash: Buffer }>;
}

/** The issuing CAs in the folder, with their CertID hashes (a certificate never changes once made, so each is read once). */
function issuerIndex(pkiDir: string): () => Promise<KnownIssuer[]> {
  const known = new Map<string, KnownIssuer>();
  return async () => {
    const ids = (await fs.readdir(path.join(pkiDir, PKI_LAYOUT.ISSUING_DIR)).catch(() => [] as string[])).filter((n) => CA_NAME.test(n) && n !== 'root');
    for (const id of ids) {
      if (known.has(id)) continue;
      const pem = await readOrNull(path.join(pkiDir, PKI_LAYOUT.ISSUING_DIR, id, PKI_LAYOUT.ISSUING_CERT));
      if (!pem) continue;
      const cert = new X509Certificate(pem);
      known.set(id, { id, hashes: { sha1: issuerHashes(cert.raw, 'sha1'), sha256: issuerHashes(cert.raw, 'sha256') } });
    }
    return [...known.values()];
  };
}

/** The pre-produced answer for a request's CertID, or an unsigned error status: never anything else. */
async function ocspAnswer(pkiDir: string, issuers: () => Promise<KnownIssuer[]>, request: Buffer): Promise<Buffer> {
  const reading = readOcspRequest(request);
  if (!reading.ok) return ocspErrorResponse(reading.status);
  const { certId } = reading;
  const issuer = (await issuers()).find((i) => matchesIssuer(i, certId));
  // an issuer we do not serve, or a serial it never issued (no answer produced): unauthorized (RFC 5019 2.2.3)
  if (!issuer) return ocspErrorResponse(OCSP_ERROR.unauthorized);
  const file = path.join(pkiDir, PKI_LAYOUT.ISSUING_DIR, issuer.id, OCSP_DIR, RESPONSES_DIR, responseFileName(certId.serial, certId.hash));
  return (await readOrNull(file)) ?? ocspErrorResponse(OCSP_ERROR.unauthorized);
}

const matchesIssuer = (issuer: KnownIssuer, certId: CertId): boolean =>
  issuer.hashes[certId.hash].issuerNameHash.equals(certId.issuerNameHash) && issuer.hashes[certId.hash].issuerKeyHash.equals(certId.issuerKeyHash);

const sendDer = (reply: FastifyReply, type: string, der: Buffer, cacheSeconds: number): FastifyReply =>
  reply.header('Content-Type', type).header('Cache-Control', cacheSeconds ? `public, max-age=${cacheSeconds}, no-transform` : 'no-store').send(der);

/** A name like `g2.crl` split into the CA name and checked against the suffix. */
function caNameOf(file: string, suffix: string): string {
  const name = file.endsWith(suffix) ? file.slice(0, -suffix.length) : '';
  if (!CA_NAME.test(name)) throw new HttpError(404, 'not_found', `no such file: ${file}`);
  return name;
}

const binary = { type: 'string', format: 'binary' } as const;

export async function publicPkiRoutes(app: FastifyInstance, { pkiDir, limits }: { pkiDir?: string; limits: PublicRateLimits }): Promise<void> {
  const dir = pkiDir ? path.resolve(pkiDir) : null;
  const issuers = dir ? issuerIndex(dir) : async () => [];
  const fileIn = (...parts: string[]): string => {
    if (!dir) throw new HttpError(404, 'not_found', 'this API serves no PKI');
    return path.join(dir, ...parts);
  };

  app.addContentTypeParser(OCSP_REQUEST_TYPE, { parseAs: 'buffer', bodyLimit: MAX_OCSP_REQUEST_BYTES }, (_request, body, done) => done(null, body));

  app.get<{ Params: { file: string } }>('/api/public/pki/crl/:file', {
    config: limitPerMinute(limits.lookupsPerMinute),
    schema: {
      tags: ['public'], summary: 'The CRL of the root (root.crl) or of an issuing CA (g<n>.crl), DER (application/pkix-crl); named in certificates\' CRL distribution points',
      params: { type: 'object', properties: { file: { type: 'string', maxLength: 20 } } },
      response: { 200: binary, 404: errorSchema, 429: errorSchema },
    },
  }, async (request, reply) => {
    const name = caNameOf(request.params.file, '.crl');
    const der = await readOrNull(name === 'root' ? fileIn(ROOT_CRL_FILE) : fileIn(PKI_LAYOUT.ISSUING_DIR, name, CRL_FILE));
    if (!der) throw new HttpError(404, 'not_found', `no CRL published for ${name}`);
    return sendDer(reply, 'application/pkix-crl', der, 3600);
  });

  app.get<{ Params: { file: string } }>('/api/public/pki/certs/:file', {
    config: limitPerMinute(limits.lookupsPerMinute),
    schema: {
      tags: ['public'], summary: 'The root (root.crt) or an issuing CA certificate (g<n>.crt), DER (application/pkix-cert); named in certificates\' authorityInfoAccess caIssuers',
      params: { type: 'object', properties: { file: { type: 'string', maxLength: 20 } } },
      response: { 200: binary, 404: errorSchema, 429: errorSchema },
    },
  }, async (request, reply) => {
    const name = caNameOf(request.params.file, '.crt');
    const pem = await readOrNull(name === 'root' ? fileIn(PKI_LAYOUT.ROOT_CERT) : fileIn(PKI_LAYOUT.ISSUING_DIR, name, PKI_LAYOUT.ISSUING_CERT));
    if (!pem) throw new HttpError(404, 'not_found', `no CA certificate ${name}`);
    return sendDer(reply, 'application/pkix-cert', new X509Certificate(pem).raw, 86_400);
  });

  app.post('/api/public/pki/ocsp', {
    config: limitPerMinute(limits.lookupsPerMinute),
    bodyLimit: MAX_OCSP_REQUEST_BYTES,
    schema: {
      tags: ['public'], summary: 'OCSP responder (RFC 6960, RFC 5019 profile) for certificates issued by the issuing CAs; body: a DER OCSPRequest (application/ocsp-request, at most 16 KB)',
      consumes: [OCSP_REQUEST_TYPE],
      response: { 200: binary, 413: errorSchema, 415: errorSchema, 429: errorSchema },
    },
  }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw new HttpError(415, 'unsupported_media_type', `send the OCSP request as ${OCSP_REQUEST_TYPE}`);
    return sendDer(reply, OCSP_RESPONSE_TYPE, dir ? await ocspAnswer(dir, issuers, request.body) : ocspErrorResponse(OCSP_ERROR.unauthorized), 0);
  });

  app.get<{ Params: { '*': string } }>('/api/public/pki/ocsp/*', {
    config: limitPerMinute(limits.lookupsPerMinute),
    schema: {
      tags: ['public'], summary: 'OCSP responder, GET form: the URL-encoded base64 of a DER OCSPRequest after /ocsp/ (RFC 6960 A.1.1)',
      response: { 200: binary, 429: errorSchema },
    },
  }, async (request, reply) => {
    let encoded = request.params['*'];
    try {
      encoded = decodeURIComponent(encoded);
    } catch {
      encoded = ''; // not URL-encoding: malformed below
    }
    const base64 = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && encoded.length <= Math.ceil(MAX_OCSP_REQUEST_BYTES / 3) * 4 ? encoded : '';
    const der = Buffer.from(base64, 'base64');
    const answer = der.length === 0 ? ocspErrorResponse(OCSP_ERROR.malformedRequest) : dir ? await ocspAnswer(dir, issuers, der) : ocspErrorResponse(OCSP_ERROR.unauthorized);
    return sendDer(reply, OCSP_RESPONSE_TYPE, answer, 0);
  });
}
