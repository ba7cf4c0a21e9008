/**
 * Checks one submitted value against one form-js field. Pure and deterministic (runs in the
 * workflow sandbox). Messages are short, lower-case English, shown next to the field.
 */
import { DOCUMENT_ID_PATTERN, type FormField } from '../graph/types';
import { MAX_TEXT_LENGTH, textLength } from './text-policy';

/** Files one filepicker may hold. */
export const MAX_FILES = 20;

/** Field types whose values are validated; any other keyed type only gets the `required` check. */
const VALUE_TYPES: Record<string, 'string' | 'number' | 'boolean'> = {
  textfield: 'string',
  textarea: 'string',
  number: 'number',
  checkbox: 'boolean',
  select: 'string',
  radio: 'string',
};

const TYPE_ERRORS = { string: 'must be text', number: 'must be a number', boolean: 'must be true or false' } as const;

/** form-js treats a missing, null or empty-string value (and an empty list) as "no value". */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The first problem with `value` for `field`, or undefined when it is acceptable. */
export function checkField(field: FormField, value: unknown): string | undefined {
  const rules = field.validate ?? {};
  if (isEmpty(value)) return rules.required ? 'is required' : undefined;
  if (field.type === 'checklist') return checkChecklist(field, value);
  if (field.type === 'filepicker') return checkFiles(field, value);
  const expected = VALUE_TYPES[field.type];
  if (!expected) return undefined;
  if (!hasType(value, expected)) return TYPE_ERRORS[expected];
  if (typeof value === 'string') return checkText(field, value);
  if (typeof value === 'number') return checkNumber(field, value);
  return undefined;
}


// helpers //////////

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A checklist's value: some of its options, each once. */
function checkChecklist(field: FormField, value: unknown): string | undefined {
  if (!isTextList(value)) return 'must be a list of options';
  if (new Set(value).size !== value.length) return 'must not name an option twice';
  const allowed = (field.values ?? []).map((v) => v.value);
  if (value.some((v) => !allowed.includes(v))) return `must be some of: ${allowed.join(', ')}`;
  return undefined;
}

/** A filepicker's value: ids of uploaded documents (whether they exist is the portal server's check). */
function checkFiles(field: FormField, value: unknown): string | undefined {
  if (!isTextList(value)) return 'must be a list of document ids';
  if (value.some((id) => !DOCUMENT_ID_PATTERN.test(id))) return 'must hold document ids only';
  if (new Set(value).size !== value.length) return 'must not name a document twice';
  const max = field.multiple === true ? MAX_FILES : 1;
  if (value.length > max) return max === 1 ? 'takes one file' : `takes at most ${max} files`;
  return undefined;
}

function hasType(value: unknown, expected: 'string' | 'number' | 'boolean'): boolean {
  if (expected === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === expected;
}

function checkText(field: FormField, value: string): string | undefined {
  const { minLength, pattern } = field.validate ?? {};
  // free text without a limit of its own still has one (text-policy.ts); options are checked below
  const maxLength = field.validate?.maxLength ?? (field.type === 'textfield' || field.type === 'textarea' ? MAX_TEXT_LENGTH : undefined);
  const length = textLength(value);
  if (minLength !== undefined && length < minLength) return `must be at least ${minLength} characters`;
  if (maxLength !== undefined && length > maxLength) return `must be at most ${maxLength} characters`;
  if (pattern !== undefined && !new RegExp(pattern).test(value)) return `must match the pattern ${pattern}`;
  if (field.values && (field.type === 'select' || field.type === 'radio')) {
    const allowed = field.values.map((v) => v.value);
    if (!allowed.includes(value)) return `must be one of: ${allowed.join(', ')}`;
  }
  return undefined;
}

function checkNumber(field: FormField, value: number): string | undefined {
  const { min, max } = field.validate ?? {};
  if (min !== undefined && value < min) return `must be at least ${min}`;
  if (max !== undefined && value > max) return `must be at most ${max}`;
  return undefined;
}
