/**
 * The one policy for text a person types (form fields, reasons, comments, names, file names): it is
 * stored, shown to officials, signed into certificates and published, so it is checked once at the
 * border and stored normalised. Pure and deterministic (the workflow runs it when a task form is
 * completed): no Node built-ins, no I/O.
 *
 * - refused: lone surrogates (they break JSON, PDF and e-mail output downstream, after the
 *   application was accepted), bidi embeddings, overrides and isolates and the LRM/RLM/ALM marks
 *   (they reorder what a reader sees: `Safe\u202Efdp.exe` reads as `Safeexe.pdf`), control
 *   characters (tab and line breaks only in multi-line text), U+2028/U+2029;
 * - normalised: Unicode NFC (one spelling per text, so search and comparisons agree), then trimmed
 *   of whitespace and invisible characters at both ends; text of only those counts as blank ('').
 *   ZWNJ (U+200C) and ZWJ inside the text stay: Persian spelling needs them.
 */

/**
 * Longest text (in characters) a field takes when its form sets no `validate.maxLength`: the
 * largest limit the bundled forms set. Longer text is no name, reason or description anyone needs,
 * and every downstream output (certificate PDF, SMS and e-mail notices, the public register) has
 * to hold what is accepted.
 */
export const MAX_TEXT_LENGTH = 4000;

export interface TextOptions {
  /** Tab and line breaks are allowed (a textarea, a comment, a reason). */
  multiline?: boolean;
}

export type TextCheck = { ok: true; text: string } | { ok: false; problem: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), LRM, RLM and ALM. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\u0009\u000A\u000D]/;
/**
 * Characters that show nothing: zero-width space, ZWNJ, ZWJ, word joiner and invisible operators,
 * BOM, soft hyphen, combining grapheme joiner, Mongolian vowel separator, Hangul fillers, Khmer
 * inherent vowels, Braille blank. Inside text ZWNJ/ZWJ matter; at the ends, or alone, none does.
 */
const INVISIBLE = '\\u200B-\\u200D\\u2060-\\u2064\\uFEFF\\u00AD\\u034F\\u180E\\u115F\\u1160\\u3164\\uFFA0\\u17B4\\u17B5\\u2800';
const EDGES = new RegExp(`^[\\s${INVISIBLE}]+|[\\s${INVISIBLE}]+$`, 'g');

/** Why `text` is refused, or undefined when it may be stored (after normaliseText). */
export function textProblem(text: string, options: TextOptions = {}): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired surrogate characters';
  if (BIDI_CONTROL.test(text)) return 'must not contain bidirectional control characters';
  if (CONTROL.test(text)) return 'must not contain control characters';
  // at the ends they are whitespace, trimmed like any other
  if (!options.multiline && LINE_CONTROL.test(text.replace(EDGES, ''))) return 'must be a single line (no tabs or line breaks)';
  return undefined;
}

/** `raw` as it is stored (NFC, trimmed; '' when blank or invisible-only), or why it is refused. */
export function normaliseText(raw: string, options: TextOptions = {}): TextCheck {
  const problem = textProblem(raw, options);
  if (problem) return { ok: false, problem };
  return { ok: true, text: raw.normalize('NFC').replace(EDGES, '') };
}

/** Length as people count it (code points, not UTF-16 units): an emoji or a Persian letter is one. */
export function textLength(text: string): number {
  return Array.from(text).length;
}
