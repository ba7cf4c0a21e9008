/** The kinds of files the product stores, recognised by their first bytes (never by their name). */
import type { DocumentContentType } from './document-limits';

export { DOCUMENT_TYPES, DOCUMENT_TYPE_NAMES, MAX_DOCUMENT_BYTES, type DocumentContentType } from './document-limits';

/** The content type a file's first bytes show, for the kinds a document may be. */
export function sniffContentType(data: Buffer): DocumentContentType | undefined {
  if (data.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return undefined;
}
