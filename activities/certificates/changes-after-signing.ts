/**
 * What happened to a signed PDF, told from its bytes: when the signature's ByteRange ends before
 * the file does, what follows the signed revision (bytes that are no PDF revision, or an
 * incremental update, classified by the objects it replaces and adds); and the two kinds found
 * inside the signed range (a changed byte, a rewritten file), which verify-pdf.ts reports.
 *
 * The verdict is about the signed revision's own objects: an update that replaces the page, adds
 * a content stream, a font, an annotation or a form field can change what the page shows; one that
 * touches only the document information (/Info and the strings it points to) or the XMP metadata
 * cannot. Bounded for hostile input (see pdf-objects.ts): at most MAX_OBJECTS objects are looked
 * at, and at most MAX_LISTED are listed.
 */
import type { ChangedObject, Modification, ObjectRole } from './modification';
import { dictAtOffset, hasKey, nameValue, objectOffsets, refsIn, ScannedObject, scanObjects } from './pdf-objects';

export type { ChangedObject, Modification, ModificationKind, ObjectRole } from './modification';

export const MAX_OBJECTS = 10_000;
export const MAX_LISTED = 50;
const MAX_SIGNED_OBJECTS = 200_000;

const SHOWS_ON_PAGE = new Set<ObjectRole>(['page', 'content', 'annotation', 'form']);
const DOCUMENT_INFORMATION = new Set<ObjectRole>(['info', 'metadata']);

/** Keys whose references name what a page draws with: its content streams, resources, fonts, images. */
const DRAWING_REFS = /\/(?:Contents|Resources|FontFile[23]?|FontDescriptor|ToUnicode|DescendantFonts|SMask|Font|XObject|ExtGState|ColorSpace|Pattern|Shading)\s*(\[[^\]]{0,4096}\]|<<[^<>]{0,4096}>>|[0-9]{1,10}\s+[0-9]{1,5}\s+R)/g;
const ANNOTATION_SUBTYPES = /^(Widget|Link|Text|FreeText|Stamp|Ink|Square|Circle|Line|Polygon|PolyLine|Highlight|Underline|StrikeOut|Squiggly|Caret|FileAttachment|Sound|Movie|Screen|PrinterMark|TrapNet|Watermark|3D|Redact|Popup|RichMedia)$/;
const DRAWING_TYPES = /^(Font|FontDescriptor|XObject|ExtGState|Pattern|Shading)$/;

export const signedBytesChanged = (detail: string): Modification => ({ kind: 'signed-bytes-changed', detail, bytesAfterSignedRevision: 0, objects: [] });
export const rewritten = (detail: string): Modification => ({ kind: 'rewritten', detail, bytesAfterSignedRevision: 0, objects: [] });

function drawingRefs(text: string): Set<string> {
  const refs = new Set<string>();
  for (const match of text.matchAll(DRAWING_REFS)) for (const ref of refsIn(match[1])) refs.add(ref);
  return refs;
}

const trailerInfoRefs = (text: string): string[] => [...text.matchAll(/\/Info\s+([0-9]{1,10}\s+[0-9]{1,5}\s+R)/g)].flatMap((m) => refsIn(m[1]));

const withoutMetadata = (catalog: string): string => catalog.replace(/\/Metadata\s+[0-9]+\s+[0-9]+\s+R/, '').replace(/\s+/g, ' ').trim();

interface Context {
  infoRefs: Set<string>;
  drawing: Set<string>;
}

function roleOf(dict: string, ref: string, context: Context): ObjectRole {
  const type = nameValue(dict, 'Type');
  const subtype = nameValue(dict, 'Subtype');
  if (type === 'Page' || type === 'Pages') return 'page';
  if (hasKey(dict, 'FT') || hasKey(dict, 'Fields')) return 'form';
  if (type === 'Annot' || (subtype && ANNOTATION_SUBTYPES.test(subtype))) return 'annotation';
  if (type === 'Metadata') return 'metadata';
  if (type === 'Catalog') return 'catalog';
  if ((type && DRAWING_TYPES.test(type)) || subtype === 'Image' || subtype === 'Form') return 'content';
  if (context.infoRefs.has(ref)) return 'info';
  if (context.drawing.has(ref)) return 'content';
  return 'other';
}

/** A replaced object counts as what it was if that shows on the page (a page replaced by junk still changes the page). */
function combinedRole(now: ObjectRole, before: ObjectRole | null): ObjectRole {
  if (before === null || SHOWS_ON_PAGE.has(now)) return now;
  if (SHOWS_ON_PAGE.has(before) || now === 'other') return before;
  return now;
}

function listChanges(objects: ChangedObject[], total: { replaced: number; added: number }): string {
  const list = (change: ChangedObject['change']) => objects.filter((o) => o.change === change).map((o) => `${o.ref} (${o.role})`).join(', ');
  const parts = [];
  if (total.replaced) parts.push(`replaces ${total.replaced} object(s): ${list('replaced')}`);
  if (total.added) parts.push(`adds ${total.added} object(s): ${list('added')}`);
  return parts.length ? parts.join('; ') : 'replaces no object';
}

const KIND_WORDS: Record<'info-update' | 'content-update' | 'other-update', string> = {
  'info-update': 'an incremental update that changes only the document information or metadata',
  'content-update': 'an incremental update that changes what the page shows (page content, annotations or form fields)',
  'other-update': 'an incremental update',
};

/** The objects of the update, each once (its last definition), that are not xref streams. */
function updatedObjects(scanned: ScannedObject[]): ScannedObject[] {
  const byRef = new Map<string, ScannedObject>();
  for (const object of scanned) if (nameValue(object.dict, 'Type') !== 'XRef') byRef.set(object.ref, object);
  return [...byRef.values()];
}

/** What follows the signed revision, which ends at `signedLength` (< pdf.length). */
export function classifyChangesAfterSigning(pdf: Buffer, signedLength: number): Modification {
  const text = pdf.toString('latin1');
  const signed = text.slice(0, signedLength);
  const tail = text.slice(signedLength);
  const bytesAfterSignedRevision = tail.length;
  const { objects: scanned, complete } = scanObjects(text, signedLength, text.length, MAX_OBJECTS);

  if (scanned.length === 0 && !/\b(?:xref|trailer|startxref)\b/.test(tail)) {
    return {
      kind: 'bytes-appended', bytesAfterSignedRevision, objects: [],
      detail: `${bytesAfterSignedRevision} byte(s) follow the signed revision and are not a PDF revision (no object, xref or trailer); viewers ignore them, but the file is not the one signed`,
    };
  }

  const updated = updatedObjects(scanned);
  const before = objectOffsets(signed, signed.length, MAX_SIGNED_OBJECTS);
  const oldInfo = trailerInfoRefs(signed).pop() ?? null;
  const newInfo = trailerInfoRefs(tail);
  const infoChanged = newInfo.length > 0 && newInfo[newInfo.length - 1] !== oldInfo;
  const dictOf = (ref: string): string | null => {
    const fresh = updated.find((o) => o.ref === ref);
    if (fresh) return fresh.dict;
    const offset = before.get(ref);
    return offset === undefined ? null : dictAtOffset(signed, offset);
  };
  const infoRefs = new Set<string>();
  for (const ref of [oldInfo, ...newInfo]) {
    if (!ref) continue;
    infoRefs.add(ref);
    const oldOffset = before.get(ref);
    for (const value of [oldOffset === undefined ? '' : dictAtOffset(signed, oldOffset), dictOf(ref) ?? '']) refsIn(value).forEach((r) => infoRefs.add(r));
  }
  const context: Context = { infoRefs, drawing: new Set([...drawingRefs(signed), ...updated.flatMap((o) => [...drawingRefs(o.dict)])]) };

  const changed: ChangedObject[] = updated.map(({ ref, dict }) => {
    const offset = before.get(ref);
    if (offset === undefined) return { ref, change: 'added', role: roleOf(dict, ref, context) };
    const oldDict = dictAtOffset(signed, offset);
    const now = roleOf(dict, ref, context);
    const role = now === 'catalog' && withoutMetadata(dict) === withoutMetadata(oldDict) ? 'metadata' : combinedRole(now, roleOf(oldDict, ref, context));
    return { ref, change: 'replaced', role };
  });

  const roles = new Set(changed.map((o) => o.role));
  const kind = [...roles].some((r) => SHOWS_ON_PAGE.has(r))
    ? 'content-update'
    : (roles.size > 0 || infoChanged) && [...roles].every((r) => DOCUMENT_INFORMATION.has(r)) && complete
      ? 'info-update'
      : 'other-update';
  const total = { replaced: changed.filter((o) => o.change === 'replaced').length, added: changed.filter((o) => o.change === 'added').length };
  const listed = changed.slice(0, MAX_LISTED);
  const notes = [
    infoChanged ? 'points the trailer at another document information dictionary' : '',
    complete ? '' : `(only the first ${MAX_OBJECTS} objects were looked at)`,
    changed.length > listed.length ? `(the first ${MAX_LISTED} are listed)` : '',
  ].filter(Boolean);
  return {
    kind, bytesAfterSignedRevision, objects: listed,
    detail: `${KIND_WORDS[kind]} after the signed revision (${bytesAfterSignedRevision} bytes): it ${[listChanges(listed, total), ...notes].join('; ')}`,
  };
}
