/**
 * Reads the one file of a multipart upload, with the checks every upload route needs: multipart
 * at all (415), the expected field, a size limit that also catches a truncated last chunk (413),
 * and not empty.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, badRequest } from '../plugins/errors';

export interface Upload {
  filename: string;
  data: Buffer;
}

export async function readUpload(request: FastifyRequest, maxBytes: number, what = 'the file'): Promise<Upload> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', `send ${what} as multipart/form-data in the field "file"`);
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5 } });
  if (!part) throw badRequest(`no file uploaded: send ${what} in the multipart field "file"`);
  if (part.fieldname !== 'file') throw badRequest(`${what} must be in the multipart field "file", not "${part.fieldname}"`);
  const tooLarge = new HttpError(413, 'file_too_large', `the file is larger than ${maxBytes / 1024 / 1024} MB`);
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch {
    throw tooLarge;
  }
  // toBuffer() can miss a truncation that happens on the last chunk; check it ourselves
  if (part.file.truncated || data.length > maxBytes) throw tooLarge;
  if (data.length === 0) throw badRequest('the uploaded file is empty');
  return { filename: part.filename, data };
}
