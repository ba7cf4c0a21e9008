/**
 * The revisions an issuer appends after the signed revision to keep a signature verifiable for
 * decades, told apart from tampering: a validation-data update (PAdES B-LT: only the /DSS
 * dictionary, its streams, and a catalog that differs only by /DSS) and a document time-stamp
 * update (B-LTA: a /DocTimeStamp signature dictionary, its field, and an AcroForm that differs only
 * by that field in /Fields) whose token covers the file up to the update's end and verifies against
 * the given roots. Revisions are read in order from the end of the signed one; the first that is
 * neither, or a time-stamp that does not hold, ends the recognised part, and what follows is
 * classified as any other change (changes-after-signing.ts). Never throws on hostile input.
 */
import { createHash } from 'node:crypto';
import { dictAtOffset, hasKey, nameValue, objectOffsets, refsIn, ScannedObject, scanObjects } from '../pdf-objects';
import { verifyTimeStampToken } from '../timestamp/timestamp-token';

export interface DocumentTimeStamp {
  /** The token's genTime, once it could be read. */
  time: Date | null;
  valid: boolean;
  tsaSubject: string | null;
  problem?: string;
}

export interface LongTermRevisions {
  /** Whether a validation-data (DSS) update follows the signed revision. */
  validationData: boolean;
  /** Whether a valid document time-stamp follows a validation-data update (B-LTA). */
  timeStampedAfterValidationData: boolean;
  documentTimeStamps: DocumentTimeStamp[];
  /** Where the recognised revisions end: what follows is any other change. */
  end: number;
}

/** At most this many objects in one recognised revision (the issuer's hold a few dozen). */
const MAX_REVISION_OBJECTS = 1_000;
const MAX_FILE_OBJECTS = 200_000;

const normalised = (dict: string): string => dict.replace(/\s+/g, ' ').replace(/\s*(<<|>>|\[|\])\s*/g, '$1').trim();
const without = (dict: string, key: string): string => normalised(dict.replace(new RegExp(`/${key}\\s+[0-9]+\\s+[0-9]+\\s+R`), ''));

/** The end of the revision starting at `from`: just past its `%%EOF` and end-of-line, or -1. */
function revisionEnd(text: string, from: number): number {
  const eof = text.indexOf('%%EOF', from);
  if (eof < 0) return -1;
  const after = eof + 5;
  return text.startsWith('\r\n', after) ? after + 2 : text[after] === '\n' || text[after] === '\r' ? after + 1 : after;
}

interface Revision {
  text: string;
  start: number;
  end: number;
  objects: ScannedObject[];
  /** Where each object before the revision is last defined. */
  before: Map<string, number>;
}

const isAdded = (revision: Revision, ref: string): boolean => !revision.before.has(ref);
const oldDict = (revision: Revision, ref: string): string => dictAtOffset(revision.text, revision.before.get(ref) ?? 0);
const onlyLength = (dict: string): boolean => /^<<\s*\/Length\s+[0-9]+\s*>>\s*$/.test(dict.trim());

/** The trailer's /Root and /Info references, the last given in text[from, to). */
function trailerRefs(text: string, from: number, to: number): string {
  const trailers = [...text.slice(from, to).matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref/g)];
  const last = trailers[trailers.length - 1]?.[1] ?? '';
  return ['Root', 'Info'].map((key) => new RegExp(`/${key}\\s+([0-9]+\\s+[0-9]+)\\s+R`).exec(last)?.[1] ?? '').join('|');
}

function isValidationData(revision: Revision): boolean {
  const dss = revision.objects.find((o) => nameValue(o.dict, 'Type') === 'DSS');
  if (!dss) return false;
  const dssRefs = new Set(refsIn(dss.dict));
  return revision.objects.every((o) => {
    if (o === dss) return true;
    if (nameValue(o.dict, 'Type') === 'Catalog') return !isAdded(revision, o.ref) && without(o.dict, 'DSS') === without(oldDict(revision, o.ref), 'DSS') && refsIn(/\/DSS\s+[0-9]+\s+[0-9]+\s+R/.exec(o.dict)?.[0] ?? '')[0] === dss.ref;
    return isAdded(revision, o.ref) && dssRefs.has(o.ref) && onlyLength(o.dict);
  });
}

/** The document time-stamp the revision adds, when it is nothing but that; null otherwise. */
function documentTimeStampIn(revision: Revision, trust: { rootCertPems: string[] }): DocumentTimeStamp | null {
  if (revision.objects.length !== 3) return null;
  const signature = revision.objects.find((o) => nameValue(o.dict, 'Type') === 'DocTimeStamp' && nameValue(o.dict, 'SubFilter') === 'ETSI.RFC3161' && isAdded(revision, o.ref));
  const field = revision.objects.find((o) => nameValue(o.dict, 'FT') === 'Sig' && isAdded(revision, o.ref));
  const form = revision.objects.find((o) => hasKey(o.dict, 'Fields') && !isAdded(revision, o.ref));
  if (!signature || !field || !form) return null;
  if (refsIn(/\/V\s+[0-9]+\s+[0-9]+\s+R/.exec(field.dict)?.[0] ?? '')[0] !== signature.ref) return null;
  const fields = (dict: string): string[] => refsIn(/\/Fields\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '');
  const old = oldDict(revision, form.ref);
  const strip = (dict: string): string => normalised(dict.replace(/\/Fields\s*\[[^\]]*\]/, ''));
  if (strip(form.dict) !== strip(old) || fields(form.dict).join(',') !== [...fields(old), field.ref].join(',')) return null;
  return checkDocumentTimeStamp(revision, signature.dict, trust);
}

function checkDocumentTimeStamp(revision: Revision, dict: string, trust: { rootCertPems: string[] }): DocumentTimeStamp {
  const invalid = (problem: string): DocumentTimeStamp => ({ time: null, valid: false, tsaSubject: null, problem });
  const range = /\/ByteRange\s*\[\s*0\s+([0-9]+)\s+([0-9]+)\s+([0-9]+)\s*\]/.exec(dict);
  if (!range) return invalid('the document time-stamp has no /ByteRange starting at 0');
  const [gapStart, gapEnd, tail] = range.slice(1).map(Number);
  if (gapEnd + tail !== revision.end || gapStart < revision.start || gapEnd <= gapStart) return invalid('the document time-stamp does not cover the file up to the end of its revision');
  const gap = revision.text.slice(gapStart, gapEnd);
  if (!/^<[0-9a-fA-F]+>$/.test(gap) || !/\/Contents\s*$/.test(revision.text.slice(gapStart - 16, gapStart))) return invalid('the document time-stamp\'s /ByteRange gap is not its /Contents');
  const token = Buffer.from(gap.slice(1, -1), 'hex'); // the reader stops at the DER's end, before the zero padding
  const data = Buffer.from(revision.text.slice(0, gapStart) + revision.text.slice(gapEnd, revision.end), 'latin1');
  const check = verifyTimeStampToken(token, { imprint: { hash: 'sha256', hashedMessage: createHash('sha256').update(data).digest() } }, trust);
  return { time: check.time, valid: check.valid, tsaSubject: check.tsaSubject, ...(check.problem ? { problem: check.problem } : {}) };
}

/** The validation-data and document time-stamp revisions after the signed revision ending at `signedLength`. */
export function readLongTermRevisions(pdf: Buffer, signedLength: number, trust: { rootCertPems: string[] }): LongTermRevisions {
  const text = pdf.toString('latin1');
  const found: LongTermRevisions = { validationData: false, timeStampedAfterValidationData: false, documentTimeStamps: [], end: signedLength };
  for (let start = signedLength; start < text.length;) {
    const end = revisionEnd(text, start);
    if (end < 0) break;
    const { objects, complete } = scanObjects(text, start, end, MAX_REVISION_OBJECTS);
    if (!complete || objects.length === 0) break;
    const revision: Revision = { text, start, end, objects: objects.filter((o) => nameValue(o.dict, 'Type') !== 'XRef'), before: objectOffsets(text, start, MAX_FILE_OBJECTS) };
    if (trailerRefs(text, start, end) !== trailerRefs(text, 0, start)) break; // another catalog or document information
    if (isValidationData(revision)) {
      found.validationData = true;
    } else {
      const stamp = documentTimeStampIn(revision, trust);
      if (!stamp) break;
      found.documentTimeStamps.push(stamp);
      if (!stamp.valid) break;
      if (found.validationData) found.timeStampedAfterValidationData = true;
    }
    found.end = start = end;
  }
  return found;
}
