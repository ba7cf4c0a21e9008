import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../prisma/client';
import { HttpError } from '../../plugins/errors';
import { readUpload } from '../../services/read-upload';
import { looksLikePdf, verifyUpload } from '../../services/verify-upload';
import { errorSchema } from '../../schemas/common';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;

export async function publicVerifyRoutes(app: FastifyInstance, { db, rootCertPems, limits }: { db: Db; rootCertPems: string[]; limits: PublicRateLimits }): Promise<void> {
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
            number: { type: ['string', 'null'] }, status: { type: 'string' }, verdict: bilingual,
          },
        },
        400: errorSchema, 413: errorSchema, 415: errorSchema, 429: errorSchema,
      },
    },
  }, async (request) => {
    const { data: file } = await readUpload(request, MAX_UPLOAD_BYTES, 'the PDF');
    if (!looksLikePdf(file)) throw new HttpError(415, 'not_a_pdf', 'the uploaded file is not a PDF');
    return verifyUpload(db, file, rootCertPems);
  });
}
