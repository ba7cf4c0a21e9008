/** The kinds of files the product stores, recognised by their first bytes (never by their name). */

export type DocumentContentType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** Every storable type with the file name extensions that stand for it. */
export const DOCUMENT_TYPES: Record<DocumentContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

export const DOCUMENT_TYPE_NAMES: Record<DocumentContentType, string> = {
  'application/pdf': 'a PDF',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
};

/** The content type a file's first bytes show, for the kinds a document may be. */
export function sniffContentType(data: Buffer): DocumentContentType | undefined {
  if (data.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return undefined;
}
