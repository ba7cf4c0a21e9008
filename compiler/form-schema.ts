import type { FormField, FormOption, FormSchema } from '../workflows/graph/types';
import type { FormOptionSources } from './context';

/** form-js field types the engine validates input for (workflows/forms/validate-form.ts). */
export const DATA_FIELD_TYPES: ReadonlySet<string> = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio', 'checklist', 'filepicker']);
/** Display-only form-js components: allowed, never validated or stored. */
const DISPLAY_TYPES: ReadonlySet<string> = new Set(['text', 'spacer', 'separator']);
const CHOICE_TYPES: ReadonlySet<string> = new Set(['select', 'radio', 'checklist']);
/** Register lists (filled in per request) make sense for a single choice on a start form. */
const REGISTER_CHOICE_TYPES: ReadonlySet<string> = new Set(['select', 'radio']);
/** Field types a dynamic list row may hold. */
const ROW_FIELD_TYPES: ReadonlySet<string> = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio', 'checklist']);
const VALIDATE_KEYS: ReadonlySet<string> = new Set(['required', 'minLength', 'maxLength', 'pattern', 'min', 'max']);
/** Rules that mean something for a list of choices or files: only whether one is needed. */
const LIST_VALIDATE_KEYS: ReadonlySet<string> = new Set(['required']);
/** Field keys become process variable names: plain identifiers, never prototype names. */
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** A dynamic list's `defaultRepetitions` beyond this would be a mistake, not a form. */
const MAX_DEFAULT_REPETITIONS = 50;

export type FormSchemaResult = { ok: true; schema: FormSchema } | { ok: false; reason: string };

/** Where a form is used: only a start form may take its options from a register list. */
export interface FormPlace {
  sources: FormOptionSources;
  isStartForm: boolean;
}

const NO_SOURCES: FormPlace = { sources: { lists: {}, registerLists: new Set() }, isStartForm: false };

/**
 * Reads a zeebe:userTaskForm body (form-js JSON). The whole JSON is kept so the portal can render
 * it with form-js; the parts the engine validates with are checked here so a bad form fails at
 * deploy time, not when a reviewer submits it. Options named by `valuesKey` are filled in from the
 * lists the compiler was given (the family's rejection conditions); register lists are left for the
 * portal server to fill in.
 */
export function parseFormSchema(body: string | undefined, place: FormPlace = NO_SOURCES): FormSchemaResult {
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
  const checked = checkComponents(json.components, place, 'top');
  if ('reason' in checked) return { ok: false, reason: checked.reason };
  return { ok: true, schema: { ...(json as unknown as FormSchema), components: checked.components } };
}

/** The FEEL hide expressions of a parsed form (rows of dynamic lists too), with the key of the field they belong to. */
export function hideExpressions(schema: FormSchema): Array<{ key: string; expression: string }> {
  const found: Array<{ key: string; expression: string }> = [];
  const visit = (components: FormField[], prefix: string) =>
    components.forEach((c, i) => {
      const name = c.key ?? c.path ?? `component ${i + 1}`;
      const hide = c.conditional?.hide;
      if (typeof hide === 'string') found.push({ key: `${prefix}${name}`, expression: hide });
      if (c.type === 'dynamiclist' && c.components) visit(c.components, `${prefix}${name}[].`);
    });
  visit(schema.components, '');
  return found;
}


// helpers //////////

type Checked = { components: FormField[] } | { reason: string };

function checkComponents(components: unknown[], place: FormPlace, level: 'top' | 'row'): Checked {
  const names = new Set<string>();
  const out: FormField[] = [];
  for (const [index, component] of components.entries()) {
    const checked = checkComponent(component, names, place, level);
    if ('reason' in checked) return { reason: `${level === 'row' ? 'row ' : ''}component ${index + 1}${nameOf(component)}: ${checked.reason}` };
    out.push(checked.field);
  }
  return { components: out };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(component: unknown): string {
  if (!isRecord(component)) return '';
  const name = component.type === 'dynamiclist' ? component.path : component.key;
  return typeof name === 'string' ? ` ("${name}")` : '';
}

function checkName(name: unknown, names: Set<string>, what: 'key' | 'path'): string | undefined {
  if (typeof name !== 'string' || !KEY_PATTERN.test(name) || RESERVED_KEYS.has(name)) {
    return `${what} must be a plain name made of letters, digits and underscores`;
  }
  if (names.has(name)) return `${what} "${name}" is used twice`;
  names.add(name);
  return undefined;
}

function checkComponent(component: unknown, names: Set<string>, place: FormPlace, level: 'top' | 'row'): { field: FormField } | { reason: string } {
  if (!isRecord(component)) return { reason: 'must be an object' };
  const { type, key } = component;
  if (typeof type !== 'string' || type === '') return { reason: 'has no type' };
  const field = component as unknown as FormField;
  const reason = checkCommon(component);
  if (reason) return { reason };
  if (type === 'dynamiclist') return level === 'row' ? { reason: 'a dynamic list cannot sit inside another' } : checkDynamicList(component, names, place);
  if (component.components !== undefined) return { reason: `nested components (${type}) are not supported yet` };
  if (key === undefined) return { field };
  const badName = checkName(key, names, 'key');
  if (badName) return { reason: badName };
  if (type === 'button' || DISPLAY_TYPES.has(type)) return { field };
  if (!(level === 'row' ? ROW_FIELD_TYPES : DATA_FIELD_TYPES).has(type)) {
    return { reason: level === 'row' ? `a dynamic list row cannot hold a "${type}" field` : `field type "${type}" is not supported yet` };
  }
  const listLike = type === 'checklist' || type === 'filepicker';
  const invalid = checkValidate(component.validate, listLike ? LIST_VALIDATE_KEYS : VALIDATE_KEYS) ?? (type === 'filepicker' ? checkFilePicker(component) : undefined);
  if (invalid) return { reason: invalid };
  return checkValues(type, field, place);
}

function checkCommon(component: Record<string, unknown>): string | undefined {
  if (component.label !== undefined && typeof component.label !== 'string') return 'label must be a string';
  if (component.readonly !== undefined && typeof component.readonly !== 'boolean') return 'readonly must be true or false (a FEEL readonly is not supported yet)';
  if (component.properties !== undefined && !(isRecord(component.properties) && Object.values(component.properties).every((v) => typeof v === 'string'))) {
    return 'properties must map names to text';
  }
  if (component.conditional !== undefined) return checkConditional(component.conditional);
  return undefined;
}

function checkDynamicList(component: Record<string, unknown>, names: Set<string>, place: FormPlace): { field: FormField } | { reason: string } {
  if (component.key !== undefined) return { reason: 'a dynamic list names its variable with "path", not "key"' };
  const badName = checkName(component.path, names, 'path');
  if (badName) return { reason: badName };
  const { defaultRepetitions, components } = component;
  if (defaultRepetitions !== undefined && !(Number.isInteger(defaultRepetitions) && (defaultRepetitions as number) >= 0 && (defaultRepetitions as number) <= MAX_DEFAULT_REPETITIONS)) {
    return { reason: `defaultRepetitions must be a whole number from 0 to ${MAX_DEFAULT_REPETITIONS}` };
  }
  if (!Array.isArray(components) || components.length === 0) return { reason: 'a dynamic list needs the "components" of one row' };
  const rows = checkComponents(components, { ...place, isStartForm: false }, 'row');
  if ('reason' in rows) return rows;
  return { field: { ...(component as unknown as FormField), components: rows.components } };
}

function checkConditional(conditional: unknown): string | undefined {
  if (!isRecord(conditional)) return 'conditional must be an object';
  if (Object.keys(conditional).some((k) => k !== 'hide')) return 'only conditional.hide is supported';
  const { hide } = conditional;
  if (hide === undefined) return undefined;
  if (typeof hide !== 'string' || !hide.trim().startsWith('=')) return 'conditional.hide must be a feel expression starting with "="';
  return undefined;
}

function checkValidate(validate: unknown, allowed: ReadonlySet<string>): string | undefined {
  if (validate === undefined) return undefined;
  if (!isRecord(validate)) return 'validate must be an object';
  const unknown = Object.keys(validate).find((k) => !allowed.has(k));
  if (unknown) return VALIDATE_KEYS.has(unknown) ? `validate.${unknown} does not apply to this field type` : `validate.${unknown} is not supported yet`;
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

const ACCEPTED_FILE_KINDS: ReadonlySet<string> = new Set(['.pdf', '.png', '.jpg', '.jpeg', 'application/pdf', 'image/png', 'image/jpeg', 'image/*']);

function checkFilePicker(component: Record<string, unknown>): string | undefined {
  const { accept, multiple } = component;
  if (multiple !== undefined && typeof multiple !== 'boolean') return 'multiple must be true or false (a FEEL multiple is not supported yet)';
  if (accept === undefined) return undefined;
  if (typeof accept !== 'string') return 'accept must be text, e.g. ".pdf" or "image/*"';
  const kinds = accept.split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
  const unknown = kinds.find((k) => !ACCEPTED_FILE_KINDS.has(k));
  if (unknown !== undefined || kinds.length === 0) return `accept may list only ${[...ACCEPTED_FILE_KINDS].join(', ')} (documents are PDF, PNG or JPEG)`;
  return undefined;
}

function checkValues(type: string, field: FormField, place: FormPlace): { field: FormField } | { reason: string } {
  if (!CHOICE_TYPES.has(type)) return { field };
  const component = field as unknown as Record<string, unknown>;
  if (component.valuesExpression !== undefined) return { reason: 'options from a FEEL expression (valuesExpression) are not supported yet' };
  const { valuesKey } = component;
  if (valuesKey !== undefined) {
    if (component.values !== undefined) return { reason: 'has both "values" and "valuesKey"; keep one' };
    if (typeof valuesKey !== 'string') return { reason: 'valuesKey must be a name' };
    if (Object.hasOwn(place.sources.lists, valuesKey)) return { field: { ...field, values: place.sources.lists[valuesKey].map((o) => ({ ...o })) } };
    if (place.sources.registerLists.has(valuesKey)) {
      if (!place.isStartForm || !REGISTER_CHOICE_TYPES.has(type)) {
        return { reason: `the register list "${valuesKey}" fills in a select or radio of a start form only` };
      }
      return { field };
    }
    const known = [...Object.keys(place.sources.lists), ...place.sources.registerLists];
    return { reason: `options from valuesKey "${valuesKey}" are not a list the engine knows${known.length ? ` (known: ${known.join(', ')})` : ''}` };
  }
  const { values } = component;
  if (!Array.isArray(values) || values.length === 0) return { reason: `a ${type} needs a static "values" list or a known "valuesKey"` };
  const ok = values.every((v) => isRecord(v) && typeof v.value === 'string' && typeof v.label === 'string');
  return ok ? { field } : { reason: 'each option needs a string label and value' };
}

export type { FormOption };
