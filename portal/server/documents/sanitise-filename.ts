/**
 * The uploaded name of a document, made safe to show and to offer as a download name: it is only
 * ever displayed (files are stored under generated keys), but it must not reorder text around it,
 * hide characters, or look like a path. A new upload whose name breaks the text policy is refused
 * before this (saveDocument); this also cleans names stored earlier, so it never refuses.
 */

export const MAX_FILENAME_LENGTH = 200;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), LRM, RLM and ALM. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const PATH_SEPARATOR = /[/\\]/g;

export function sanitiseFilename(name: string | undefined): string {
  const cleaned = (name ?? '')
    .replace(LONE_SURROGATE, '\ufffd')
    .normalize('NFC')
    .replace(BIDI_CONTROL, '')
    .replace(CONTROL, '_')
    .replace(PATH_SEPARATOR, '_')
    .trim();
  const shortened = shorten(cleaned);
  return /^[.\s_]*$/.test(shortened) ? 'file' : shortened;
}

/** At most MAX_FILENAME_LENGTH characters (code points), keeping a short extension. */
function shorten(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_FILENAME_LENGTH) return name;
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
  return chars.slice(0, MAX_FILENAME_LENGTH - ext.length).join('') + ext;
}
