/**
 * The kinds of files the product stores and how large one may be. Pure (no Node types): the portal
 * app imports it to say the limits before an upload; content-type.ts recognises the kinds by content.
 */

/** The largest document accepted, in bytes. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

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

