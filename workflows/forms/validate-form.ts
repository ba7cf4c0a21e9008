/**
 * Validates a user's submission against the form embedded in the process (form-js JSON).
 * Runs inside the Temporal workflow: deterministic, no Node built-ins, no I/O.
 */
import type { FormField, FormSchema } from '../graph/types';
import { checkField } from './field-checks';
import { normaliseText } from './text-policy';
import { isHidden } from './visibility';

export type FormValidationResult =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** Error key used when the submission as a whole is unusable (not a plain object). */
export const FORM_ERROR_KEY = '_form';

/** Rows a dynamic list may hold in one submission. */
export const MAX_LIST_ROWS = 100;

/** The variable a field writes: its key, or a dynamic list's path. Display components write none. */
export function fieldName(field: FormField): string | undefined {
  return field.type === 'dynamiclist' ? field.path : field.key;
}

/**
 * Checks every data field of `schema` against `input`. Hidden fields (conditional.hide true) are
 * skipped and dropped, like form-js does on submit; read-only fields only show a value, so whatever
 * is submitted for them is dropped too; keys the form does not have are rejected. A dynamic list's
 * rows are each checked against the row's fields (errors keyed `list[2].field`). Hide conditions see
 * the submission over `context` (variables the form reads but does not hold, see hideContextOf). Text
 * values follow the text policy (text-policy.ts): refused when hostile, else NFC and trimmed before
 * the required check, so whitespace- or invisible-only text is missing. On success `values` holds
 * only the form's visible, writable fields that were submitted, text as normalised.
 */
export function validateFormInput(schema: FormSchema, input: unknown, context: Record<string, unknown> = {}): FormValidationResult {
  if (!isPlainObject(input)) return { ok: false, errors: { [FORM_ERROR_KEY]: 'must be an object' } };
  const fields = schema.components.filter((f) => typeof fieldName(f) === 'string' && f.type !== 'button');
  const known = new Set(fields.map((f) => fieldName(f) as string));
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};

  for (const key of Object.keys(input)) {
    if (!known.has(key)) define(errors, key, 'unknown field');
  }
  for (const field of fields) {
    const name = fieldName(field) as string;
    if (field.readonly === true || isHidden(field, { ...context, ...input })) continue;
    const submitted = own(input, name);
    if (field.type === 'dynamiclist') {
      const rows = checkRows(field, submitted, errors, { ...context, ...input });
      if (rows !== undefined) define(values, name, rows);
      continue;
    }
    // text is checked and normalised (text-policy.ts) before the field's own rules see it
    const text = typeof submitted === 'string' ? normaliseText(submitted, { multiline: field.type === 'textarea' }) : undefined;
    if (text && !text.ok) {
      define(errors, name, text.problem);
      continue;
    }
    const value = text ? text.text : submitted;
    const problem = checkField(field, value);
    if (problem) define(errors, name, problem);
    else if (value !== undefined) define(values, name, value);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}


// helpers //////////

/** The checked rows of a dynamic list (absent stays absent), reporting problems into `errors`. */
function checkRows(field: FormField, value: unknown, errors: Record<string, string>, context: Record<string, unknown>): Record<string, unknown>[] | undefined {
  const name = fieldName(field) as string;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    define(errors, name, 'must be a list of rows');
    return undefined;
  }
  if (value.length > MAX_LIST_ROWS) {
    define(errors, name, `must have at most ${MAX_LIST_ROWS} rows`);
    return undefined;
  }
  const rows: Record<string, unknown>[] = [];
  value.forEach((row, index) => {
    const checked = validateFormInput({ components: field.components ?? [] }, row, context);
    if (checked.ok) rows.push(checked.values);
    else for (const [key, message] of Object.entries(checked.errors)) define(errors, key === FORM_ERROR_KEY ? `${name}[${index}]` : `${name}[${index}].${key}`, message);
  });
  return rows;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Plain assignment with a submitted key such as `__proto__` would change the prototype instead. */
function define(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
