import type { FormField, FormSchema } from '../workflows/graph/types';

/** form-js field types the engine validates input for (workflows/forms/validate-form.ts). */
export const DATA_FIELD_TYPES: ReadonlySet<string> = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio']);
const CHOICE_TYPES: ReadonlySet<string> = new Set(['select', 'radio']);
const VALIDATE_KEYS: ReadonlySet<string> = new Set(['required', 'minLength', 'maxLength', 'pattern', 'min', 'max']);
/** Field keys become process variable names: plain identifiers, never prototype names. */
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type FormSchemaResult = { ok: true; schema: FormSchema } | { ok: false; reason: string };

/**
 * Reads a zeebe:userTaskForm body (form-js JSON). The whole JSON is kept so the portal can render
 * it with form-js; the parts the engine validates with are checked here so a bad form fails at
 * deploy time, not when a reviewer submits it.
 */
export function parseFormSchema(body: string | undefined): FormSchemaResult {
  if (body === undefined || body.trim() === '') return { ok: false, reason: 'the form body is empty' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return { ok: false, reason: `the form is not valid json (${err instanceof Error ? err.message.toLowerCase() : 'parse error'})` };
  }
  if (!isRecord(json) || !Array.isArray(json.components)) {
    return { ok: false, reason: 'the form must be a json object with a "components" array' };
  }
  const keys = new Set<string>();
  for (const [index, component] of json.components.entries()) {
    const reason = checkComponent(component, keys);
    if (reason) return { ok: false, reason: `component ${index + 1}${keyOf(component)}: ${reason}` };
  }
  return { ok: true, schema: json as unknown as FormSchema };
}

/** The FEEL hide expressions of a parsed form, with the key of the field they belong to. */
export function hideExpressions(schema: FormSchema): Array<{ key: string; expression: string }> {
  const found: Array<{ key: string; expression: string }> = [];
  schema.components.forEach((c, i) => {
    const hide = c.conditional?.hide;
    if (typeof hide === 'string') found.push({ key: c.key ?? `component ${i + 1}`, expression: hide });
  });
  return found;
}


// helpers //////////

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyOf(component: unknown): string {
  return isRecord(component) && typeof component.key === 'string' ? ` ("${component.key}")` : '';
}

function checkComponent(component: unknown, keys: Set<string>): string | undefined {
  if (!isRecord(component)) return 'must be an object';
  const { type, key } = component;
  if (typeof type !== 'string' || type === '') return 'has no type';
  if (component.components !== undefined) return `nested components (${type}) are not supported yet`;
  if (component.label !== undefined && typeof component.label !== 'string') return 'label must be a string';
  if (component.conditional !== undefined) {
    const reason = checkConditional(component.conditional);
    if (reason) return reason;
  }
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key) || RESERVED_KEYS.has(key)) {
    return 'key must be a plain name made of letters, digits and underscores';
  }
  if (keys.has(key)) return `key "${key}" is used twice`;
  keys.add(key);
  if (type === 'button') return undefined;
  if (!DATA_FIELD_TYPES.has(type)) return `field type "${type}" is not supported yet`;
  return checkValidate(component.validate) ?? checkValues(type, component);
}

function checkConditional(conditional: unknown): string | undefined {
  if (!isRecord(conditional)) return 'conditional must be an object';
  if (Object.keys(conditional).some((k) => k !== 'hide')) return 'only conditional.hide is supported';
  const { hide } = conditional;
  if (hide === undefined) return undefined;
  if (typeof hide !== 'string' || !hide.trim().startsWith('=')) return 'conditional.hide must be a feel expression starting with "="';
  return undefined;
}

function checkValidate(validate: unknown): string | undefined {
  if (validate === undefined) return undefined;
  if (!isRecord(validate)) return 'validate must be an object';
  const unknown = Object.keys(validate).find((k) => !VALIDATE_KEYS.has(k));
  if (unknown) return `validate.${unknown} is not supported yet`;
  const { required, minLength, maxLength, pattern, min, max } = validate;
  if (required !== undefined && typeof required !== 'boolean') return 'validate.required must be true or false';
  for (const [name, value] of [['minLength', minLength], ['maxLength', maxLength]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) return `validate.${name} must be a whole number`;
  }
  for (const [name, value] of [['min', min], ['max', max]] as const) {
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) return `validate.${name} must be a number`;
  }
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') return 'validate.pattern must be a string';
    try {
      new RegExp(pattern);
    } catch {
      return `validate.pattern is not a valid regular expression`;
    }
  }
  return undefined;
}

function checkValues(type: string, component: Record<string, unknown>): string | undefined {
  if (!CHOICE_TYPES.has(type)) return undefined;
  if (component.valuesKey !== undefined || component.valuesExpression !== undefined) {
    return 'options loaded from variables (valuesKey, valuesExpression) are not supported yet';
  }
  const { values } = component;
  if (!Array.isArray(values) || values.length === 0) return `a ${type} needs a static "values" list`;
  const ok = values.every((v) => isRecord(v) && typeof v.value === 'string' && typeof v.label === 'string');
  return ok ? undefined : 'each option needs a string label and value';
}
