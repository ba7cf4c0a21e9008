/**
 * What the verifier says was done to a signed certificate PDF (changes-after-signing.ts finds it).
 * Shared with the API's schema and the portal's verify page.
 */

/**
 * After the signed revision:
 * - bytes-appended: bytes that are not a PDF revision (no object, xref or trailer);
 * - info-update: an incremental update that changes only the document information (/Info) or the XMP metadata;
 * - content-update: an incremental update that changes or adds page content, annotations or form fields;
 * - other-update: any other incremental update.
 * Inside it:
 * - signed-bytes-changed: a byte inside the signed range changed, so the signature does not match;
 * - rewritten: the file no longer holds the signed revision's bytes (the ByteRange is gone or
 *   points elsewhere, or the signature was removed).
 */
export const MODIFICATION_KINDS = ['bytes-appended', 'info-update', 'content-update', 'other-update', 'signed-bytes-changed', 'rewritten'] as const;
export type ModificationKind = (typeof MODIFICATION_KINDS)[number];

export const OBJECT_ROLES = ['page', 'content', 'annotation', 'form', 'info', 'metadata', 'catalog', 'other'] as const;
export type ObjectRole = (typeof OBJECT_ROLES)[number];

export interface ChangedObject {
  /** `num gen`, e.g. "8 0". */
  ref: string;
  change: 'replaced' | 'added';
  role: ObjectRole;
}

export interface Modification {
  kind: ModificationKind;
  /** One English sentence, technical. */
  detail: string;
  /** How many bytes follow the signed revision (0 for a change inside it). */
  bytesAfterSignedRevision: number;
  /** The objects an incremental update replaces or adds, at most 50 (MAX_LISTED). */
  objects: ChangedObject[];
}
