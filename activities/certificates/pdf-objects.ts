/**
 * Finding indirect objects (`12 0 obj << … >> … endobj`) in the raw text of a PDF, bounded for
 * hostile input: a dictionary is read from a window of DICT_WINDOW characters, stream data is
 * skipped, and scans stop after a given number of objects. Enough to tell what an incremental
 * update touches; not a PDF parser (objects inside compressed object streams are not seen).
 */

export interface ScannedObject {
  /** `num gen`, e.g. "8 0". */
  ref: string;
  /** The object's text up to `stream` or `endobj` (at most DICT_WINDOW characters). */
  dict: string;
}

export const DICT_WINDOW = 8 * 1024;

const OBJECT_HEADER = /(?<![0-9])([0-9]{1,10})[ \t\r\n\f\0]+([0-9]{1,5})[ \t\r\n\f\0]+obj\b/g;
const REF = /([0-9]{1,10})[ \t\r\n\f\0]+([0-9]{1,5})[ \t\r\n\f\0]+R\b/g;

const refOf = (num: string, gen: string): string => `${Number(num)} ${Number(gen)}`;

function dictAt(text: string, start: number): { dict: string; next: number } {
  const window = text.slice(start, start + DICT_WINDOW);
  const endobj = window.indexOf('endobj');
  const stream = window.indexOf('stream');
  if (stream >= 0 && (endobj < 0 || stream < endobj)) {
    const endstream = text.indexOf('endstream', start + stream + 6);
    return { dict: window.slice(0, stream), next: endstream < 0 ? text.length : endstream + 9 };
  }
  if (endobj >= 0) return { dict: window.slice(0, endobj), next: start + endobj + 6 };
  return { dict: window, next: start };
}

/** The objects defined in text[from, to), in file order, at most `limit`; `complete` is false when the limit cut the scan short. */
export function scanObjects(text: string, from: number, to: number, limit: number): { objects: ScannedObject[]; complete: boolean } {
  const objects: ScannedObject[] = [];
  const header = new RegExp(OBJECT_HEADER.source, 'g');
  header.lastIndex = from;
  for (let match = header.exec(text); match && match.index < to; match = header.exec(text)) {
    if (objects.length >= limit) return { objects, complete: false };
    const { dict, next } = dictAt(text, header.lastIndex);
    objects.push({ ref: refOf(match[1], match[2]), dict });
    header.lastIndex = Math.max(next, header.lastIndex);
  }
  return { objects, complete: true };
}

/** Where each object of text[0, to) is defined last (offset just past its `obj`), for at most `limit` objects. */
export function objectOffsets(text: string, to: number, limit: number): Map<string, number> {
  const offsets = new Map<string, number>();
  const header = new RegExp(OBJECT_HEADER.source, 'g');
  for (let match = header.exec(text); match && match.index < to && offsets.size < limit; match = header.exec(text)) {
    offsets.set(refOf(match[1], match[2]), header.lastIndex);
  }
  return offsets;
}

/** The dictionary of the object whose `obj` keyword ends at `offset`. */
export const dictAtOffset = (text: string, offset: number): string => dictAt(text, offset).dict;

/** Every `n g R` reference in a piece of text. */
export function refsIn(text: string): string[] {
  return [...text.matchAll(REF)].map((m) => refOf(m[1], m[2]));
}

/** The value of a name key in a dictionary's text (`/Type /Page` → "Page"), or null. */
export function nameValue(dict: string, key: string): string | null {
  const match = new RegExp(`/${key}\\s*/([A-Za-z0-9_.#+-]+)`).exec(dict);
  return match ? match[1] : null;
}

/** Whether a dictionary's text has the key (not as the prefix of a longer key). */
export const hasKey = (dict: string, key: string): boolean => new RegExp(`/${key}(?![A-Za-z0-9_.#+-])`).test(dict);
