import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../prisma/client';
import { HttpError, badRequest } from '../../plugins/errors';
import { looksLikePdf, verifyUpload } from '../../services/verify-upload';
import { errorSchema } from '../../schemas/common';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;

export async function publicVerifyRoutes(app: FastifyInstance, { db, rootCertPems }: { db: Db; rootCertPems: string[] }): Promise<void> {
  app.post('/api/public/verify', {
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
        400: errorSchema, 413: errorSchema, 415: errorSchema,
      },
    },
  }, async (request) => {
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'send the PDF as multipart/form-data in the field "file"');
    const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
    if (!part) throw badRequest('no file uploaded: send the PDF in the multipart field "file"');
    if (part.fieldname !== 'file') throw badRequest(`the PDF must be in the multipart field "file", not "${part.fieldname}"`);
    const tooLarge = new HttpError(413, 'file_too_large', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    let file: Buffer;
    try {
      file = await part.toBuffer();
    } catch {
      throw tooLarge;
    }
    // toBuffer() can miss a truncation that happens on the last chunk; check it ourselves
    if (part.file.truncated || file.length > MAX_UPLOAD_BYTES) throw tooLarge;
    if (file.length === 0) throw badRequest('the uploaded file is empty');
    if (!looksLikePdf(file)) throw new HttpError(415, 'not_a_pdf', 'the uploaded file is not a PDF');
    return verifyUpload(db, file, rootCertPems);
  });
}
