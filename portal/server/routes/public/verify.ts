import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../prisma/client';
import { HttpError } from '../../plugins/errors';
import { readUpload } from '../../services/read-upload';
import { looksLikePdf, verifyUpload } from '../../services/verify-upload';
import { errorSchema } from '../../schemas/common';
import { MODIFICATION_KINDS, OBJECT_ROLES } from '../../../../activities/certificates/modification';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';
import { readPublishedCrls } from '../../../../activities/certificates/revocation/published-crls';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;

const modifiedAfterSigning = {
  type: ['object', 'null'],
  description: 'What was done to the file since it was signed, told from the file alone (apart from hashMatchesRecord); null when nothing is seen',
  properties: {
    kind: {
      type: 'string',
      enum: MODIFICATION_KINDS,
      description: 'after the signed revision: bytes-appended (not a PDF revision), info-update (only /Info or XMP metadata), '
        + 'content-update (page content, annotations or form fields), other-update; inside it: signed-bytes-changed (the signature does not match), '
        + 'rewritten (the signed revision is gone: no ByteRange, a ByteRange pointing elsewhere, or no signature)',
    },
    detail: { type: 'string', description: 'one technical sentence in English' },
    bytesAfterSignedRevision: { type: 'integer' },
    objects: {
      type: 'array',
      description: 'the objects an incremental update replaces or adds (at most 50)',
      items: {
        type: 'object',
        properties: {
          ref: { type: 'string', description: 'object number and generation, e.g. "8 0"' },
          change: { type: 'string', enum: ['replaced', 'added'] },
          role: { type: 'string', enum: OBJECT_ROLES },
        },
      },
    },
  },
} as const;

const signerRevocation = {
  type: 'object',
  description: 'the signer\'s status in its issuing CA\'s published CRL (absent when the API serves no PKI folder)',
  properties: {
    status: { type: 'string', enum: ['good', 'revoked', 'unknown'] },
    revokedAt: { type: 'string', description: 'ISO 8601, when revoked' },
    reason: { type: 'string', description: 'the CRL reason, e.g. keyCompromise, superseded' },
    revokedAfterSigning: { type: ['boolean', 'null'], description: 'revoked after the signing time (the time-stamp\'s, else the one the file claims in /M); null when none is known' },
    signingTimeFrom: { type: 'string', enum: ['time-stamp', 'caller', 'signature-dictionary'], description: 'where that signing time comes from: a time-stamp proves it, /M only claims it' },
    source: { type: 'string', enum: ['crl'] },
  },
} as const;

export async function publicVerifyRoutes(app: FastifyInstance, { db, rootCertPems, limits, pkiDir }: { db: Db; rootCertPems: string[]; limits: PublicRateLimits; pkiDir?: string }): Promise<void> {
  app.post('/api/public/verify', {
    config: limitPerMinute(limits.uploadsPerMinute),
    schema: {
      tags: ['public'], summary: 'Check an uploaded certificate PDF (multipart field `file`) against its signature and the issuing record',
      consumes: ['multipart/form-data'],
      response: {
        200: {
          type: 'object',
          properties: {
            signatureValid: { type: 'boolean' }, chainTrusted: { type: 'boolean' }, hashMatchesRecord: { type: 'boolean' },
            signerFamilies: { type: 'array', items: { type: 'string' }, description: 'the certificate families the signer\'s certificate policy names' },
            signerFamilyMatches: { type: 'boolean', description: 'the number\'s family is one the signer may sign; false makes the file not valid' },
            modifiedAfterSigning,
            timeStamp: {
              type: ['object', 'null'],
              description: 'the signature time-stamp (RFC 3161): when the signature was made, as the time-stamping authority attests; null when the signature has none',
              properties: {
                time: { type: ['string', 'null'], format: 'date-time' }, valid: { type: 'boolean', description: 'the token verifies, stamps this signature and its TSA chains to the root' },
                tsaSubject: { type: ['string', 'null'] }, problem: { type: 'string' },
              },
            },
            padesLevel: { type: ['string', 'null'], enum: ['B-B', 'B-T', 'B-LT', 'B-LTA', null], description: 'the PAdES baseline level: B-T with a valid signature time-stamp (the chain is then judged at its time), B-LT when the validation data (DSS) follows, B-LTA when a valid document time-stamp follows that, else B-B' },
            validationData: { type: 'boolean', description: 'the issuer\'s validation-data update (the DSS: certificates, CRLs, OCSP answers) follows the signature; not a modification' },
            documentTimeStamps: {
              type: 'array', description: 'the document time-stamps after the signature (RFC 3161 over the whole file before each); a valid one is not a modification',
              items: { type: 'object', properties: { time: { type: ['string', 'null'], format: 'date-time' }, valid: { type: 'boolean' }, tsaSubject: { type: ['string', 'null'] }, problem: { type: 'string' } } },
            },
            signerRevocation,
            number: { type: ['string', 'null'], description: 'the number in the signed revision\'s document information' }, status: { type: 'string' },
            verdict: { ...bilingual, description: 'the overall verdict, in Persian and English' },
          },
        },
        400: errorSchema, 413: errorSchema, 415: errorSchema, 429: errorSchema,
      },
    },
  }, async (request) => {
    const { data: file } = await readUpload(request, MAX_UPLOAD_BYTES, 'the PDF');
    if (!looksLikePdf(file)) throw new HttpError(415, 'not_a_pdf', 'the uploaded file is not a PDF');
    return verifyUpload(db, file, rootCertPems, pkiDir ? await readPublishedCrls(pkiDir) : undefined);
  });
}
