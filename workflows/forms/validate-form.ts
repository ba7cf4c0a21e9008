/**
 * Validates a user's submission against the form embedded in the process (form-js JSON).
 * Runs inside the Temporal workflow: deterministic, no Node built-ins, no I/O.
 */
import type { FormSchema } from '../graph/types';
import { checkField } from './field-checks';
import { isHidden } from './visibility';

export type FormValidationResult =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

/** Error key used when the submission as a whole is unusable (not a plain object). */
export const FORM_ERROR_KEY = '_form';

/**
 * Checks every keyed field of `schema` against `input`. Hidden fields (conditional.hide true) are
 * skipped and dropped, like form-js does on submit; keys the form does not have are rejected.
 * On success `values` holds only the form's visible keys that were submitted.
 */
export function validateFormInput(schema: FormSchema, input: unknown): FormValidationResult {
  if (!isPlainObject(input)) return { ok: false, errors: { [FORM_ERROR_KEY]: 'must be an object' } };
  const fields = schema.components.filter((f) => typeof f.key === 'string' && f.type !== 'button');
  const known = new Set(fields.map((f) => f.key as string));
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};

  for (const key of Object.keys(input)) {
    if (!known.has(key)) define(errors, key, 'unknown field');
  }
  for (const field of fields) {
    const key = field.key as string;
    if (isHidden(field, input)) continue;
    const value = own(input, key);
    const problem = checkField(field, value);
    if (problem) define(errors, key, problem);
    else if (value !== undefined) define(values, key, value);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}


// helpers //////////

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
