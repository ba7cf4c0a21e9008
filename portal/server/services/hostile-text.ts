/**
 * Free text from users (feedback, answers, satisfaction comments) is checked before it is stored:
 * bidi embedding/override/isolate controls could reorder what an administrator reads, lone
 * surrogates break JSON and PDF output, and control characters (other than tab and newlines) have
 * no place in a message. Such text is refused with a clear 400 rather than silently altered.
 * ZWNJ (U+200C) and ZWJ, which Persian spelling needs, are allowed.
 */
import { badRequest } from '../plugins/errors';

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` is refused, or undefined when it is clean. */
export function hostileTextProblem(text: string): string | undefined {
  if (BIDI_CONTROLS.test(text)) return 'must not contain bidirectional control characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired surrogate characters';
  if (CONTROL.test(text)) return 'must not contain control characters';
  return undefined;
}

/** Trims each named field and refuses the request (400, every bad field named) if one is hostile or blank. */
export function requireCleanText<T extends Record<string, string | undefined>>(fields: T): T {
  const errors: Record<string, string> = {};
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const problem = hostileTextProblem(value);
    if (problem) errors[name] = problem;
    const trimmed = value.trim();
    if (!problem && trimmed.length === 0) errors[name] = 'must not be blank';
    out[name] = trimmed;
  }
  if (Object.keys(errors).length) throw badRequest(`invalid text in ${Object.keys(errors).join(', ')}`, errors);
  return out as T;
}
