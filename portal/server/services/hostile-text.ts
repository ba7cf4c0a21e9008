/**
 * The text policy (workflows/forms/text-policy.ts) at the API border for text outside forms:
 * feedback, answers, reasons, comments, names. Hostile text (bidi controls, lone surrogates,
 * control characters) is refused with a 400 naming the field rather than silently altered; clean
 * text is returned as it is stored: NFC, trimmed, and refused as blank when only whitespace or
 * invisible characters are left. ZWNJ (U+200C) and ZWJ, which Persian spelling needs, are allowed.
 */
import { MAX_TEXT_LENGTH, normaliseText, textLength, textProblem } from '../../../workflows/forms/text-policy';
import { badRequest } from '../plugins/errors';

/** Why `text` is refused (multi-line text allowed), or undefined when it is clean. */
export function hostileTextProblem(text: string): string | undefined {
  return textProblem(text, { multiline: true });
}

export interface CleanTextOptions<K> {
  /** Fields that are one line (names, numbers): tabs and line breaks are refused there. */
  singleLine?: readonly K[];
}

/**
 * Each named field as stored (NFC, trimmed), or a 400 naming every hostile, blank or over-long
 * (MAX_TEXT_LENGTH) field. Undefined fields are optional and absent: they are skipped.
 */
export function requireCleanText<T extends Record<string, string | undefined>>(fields: T, { singleLine = [] }: CleanTextOptions<keyof T> = {}): T {
  const errors: Record<string, string> = {};
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const checked = normaliseText(value, { multiline: !singleLine.includes(name) });
    if (!checked.ok) errors[name] = checked.problem;
    else if (checked.text.length === 0) errors[name] = 'must not be blank';
    else if (textLength(checked.text) > MAX_TEXT_LENGTH) errors[name] = `must be at most ${MAX_TEXT_LENGTH} characters`;
    else out[name] = checked.text;
  }
  if (Object.keys(errors).length) throw badRequest(`invalid text in ${Object.keys(errors).join(', ')}`, errors);
  return out as T;
}

/** A reason (for a withdrawal, an appeal, a status change) as stored: clean text of at least `minLength` characters. */
export function requireReason(value: string, minLength: number): string {
  const { reason } = requireCleanText({ reason: value });
  if (textLength(reason) < minLength) throw badRequest(`give the reason in at least ${minLength} characters`, { reason: `must be at least ${minLength} characters` });
  return reason;
}

/** Optional text: absent, blank or invisible-only is undefined; otherwise as requireCleanText. */
export function optionalCleanText(name: string, value: string | undefined, options: { singleLine?: boolean } = {}): string | undefined {
  if (value === undefined) return undefined;
  const checked = normaliseText(value, { multiline: !options.singleLine });
  if (checked.ok && checked.text.length === 0) return undefined;
  return requireCleanText({ [name]: value }, { singleLine: options.singleLine ? [name] : [] })[name];
}
