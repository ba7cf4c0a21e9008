/**
 * Certificate templates are data: definitions/certificate-templates/<key>.json, one per family.
 * A template names the family (title, issuer, legal basis, statement, validity, the code used in
 * certificate numbers) and lists the subject and scope fields the certificate prints, each read
 * from the process variable of the same name. Templates are validated on load, so a bad file fails
 * loudly, with every problem listed, before any PDF is issued.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Bilingual {
  fa: string;
  en: string;
}

/** Labels of the parts every certificate has, whatever its family. */
export const TEMPLATE_LABEL_KEYS = [
  'holder',
  'nationalId',
  'number',
  'issueDate',
  'expiryDate',
  'trackingNumber',
  'verification',
  'signature',
  'recordHash',
] as const;

export type TemplateLabelKey = (typeof TEMPLATE_LABEL_KEYS)[number];

/**
 * - text: free text, printed as given in both columns (long values are set smaller, then wrap);
 * - version: a product version, printed as given;
 * - enum: one of `options`, printed with the option's label in each language;
 * - list: several of `options` (a scope: activity categories, service layers…), one bullet line each;
 * - grade: a grade, one of `options` when the template lists them, else short free text; printed larger;
 * - score: a result out of 100 (0–100, one decimal), printed `87.5 / 100` (Persian digits in Persian).
 */
export const FIELD_KINDS = ['text', 'version', 'enum', 'list', 'grade', 'score'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * Where a field sits: `full` is a row of its language column, `half` shares a row with the next
 * half field, `page` (text only) spans the page below both columns, printed once.
 */
export const FIELD_WIDTHS = ['full', 'half', 'page'] as const;
export type FieldWidth = (typeof FIELD_WIDTHS)[number];

export interface FieldOption {
  /** What the process variable holds, e.g. `web` or `security-testing`. */
  value: string;
  label: Bilingual;
}

export interface SubjectField {
  /** The process variable the value is read from; also its key in the stored subject. */
  variable: string;
  label: Bilingual;
  kind: FieldKind;
  required: boolean;
  /** Longest accepted value in characters (text, version, grade without options). */
  maxLength?: number;
  /** The accepted values of an enum, a list or a grade. */
  options?: FieldOption[];
  width?: FieldWidth;
  /** A `page` field prints at most this many lines (the record keeps the whole text). */
  maxLines?: number;
}

export interface CertificateTemplate {
  key: string;
  /** Certificate-number family code, e.g. TA. */
  family: string;
  title: Bilingual;
  issuer: Bilingual;
  legalBasis: Bilingual;
  statement: Bilingual;
  validityMonths: number;
  /**
   * A process variable that may set the validity instead (a whole number of months, 1–120), e.g.
   * from a decision table that grades the subject; `validityMonths` when it is absent.
   */
  validityMonthsVariable?: string;
  labels: Record<TemplateLabelKey, Bilingual>;
  /** The subject and scope of the certificate, in printing order. */
  fields: SubjectField[];
}

/** Defaults of `maxLength` per kind when the template gives none. */
export const DEFAULT_MAX_LENGTH: Record<'text' | 'version' | 'grade', number> = { text: 200, version: 50, grade: 20 };
export const DEFAULT_PAGE_MAX_LINES = 3;

export const DEFAULT_TEMPLATE_DIR = path.resolve(__dirname, '../../definitions/certificate-templates');

const TEMPLATE_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const OPTION_VALUE = /^[A-Za-z0-9][A-Za-z0-9+_.-]{0,63}$/;
const TOP_LEVEL_KEYS = ['key', 'family', 'title', 'issuer', 'legalBasis', 'statement', 'validityMonths', 'validityMonthsVariable', 'labels', 'fields'];
const FIELD_KEYS = ['variable', 'label', 'kind', 'required', 'maxLength', 'options', 'width', 'maxLines'];

export class TemplateShapeError extends Error {
  constructor(
    file: string,
    readonly problems: string[],
  ) {
    super(`certificate template ${file} is invalid: ${problems.join('; ')}`);
    this.name = 'TemplateShapeError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBilingual(value: unknown, at: string, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${at} must be an object with fa and en`);
    return;
  }
  for (const lang of ['fa', 'en'] as const) {
    if (typeof value[lang] !== 'string' || (value[lang] as string).trim() === '') {
      problems.push(`${at}.${lang} must be a non-empty string`);
    }
  }
}

function checkUnknownKeys(value: Record<string, unknown>, known: string[], at: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) problems.push(`${at}has an unknown property ${JSON.stringify(key)} (known: ${known.join(', ')})`);
  }
}

const oneOf = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

function checkOptions(value: unknown, at: string, problems: string[]): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${at} must be a non-empty list of { value, label }`);
    return;
  }
  const seen = new Set<string>();
  value.forEach((option, i) => {
    const where = `${at}[${i}]`;
    if (!isRecord(option)) {
      problems.push(`${where} must be an object with value and label`);
      return;
    }
    checkUnknownKeys(option, ['value', 'label'], `${where} `, problems);
    if (typeof option.value !== 'string' || !OPTION_VALUE.test(option.value)) {
      problems.push(`${where}.value must be a short code of letters, digits and - _ . + (got ${JSON.stringify(option.value)})`);
    } else if (seen.has(option.value)) {
      problems.push(`${where}.value ${JSON.stringify(option.value)} is listed twice`);
    } else {
      seen.add(option.value);
    }
    checkBilingual(option.label, `${where}.label`, problems);
  });
}

function checkField(field: unknown, i: number, variables: Map<string, number>, problems: string[]): void {
  const at = `fields[${i}]`;
  if (!isRecord(field)) {
    problems.push(`${at} must be an object`);
    return;
  }
  const name = typeof field.variable === 'string' ? field.variable : undefined;
  const where = name ? `${at} (${name})` : at;
  checkUnknownKeys(field, FIELD_KEYS, `${where} `, problems);
  if (name === undefined || !VARIABLE_NAME.test(name)) {
    problems.push(`${at}.variable must be a process variable name (a letter, then letters, digits or _), got ${JSON.stringify(field.variable)}`);
  } else if (variables.has(name)) {
    problems.push(`${where}: variable ${JSON.stringify(name)} is used twice (also fields[${variables.get(name)}])`);
  } else {
    variables.set(name, i);
  }
  checkBilingual(field.label, `${where}.label`, problems);
  if (typeof field.required !== 'boolean') problems.push(`${where}.required must be true or false`);

  const kind = field.kind as FieldKind;
  if (!FIELD_KINDS.includes(kind)) {
    problems.push(`${where}.kind must be one of ${oneOf(FIELD_KINDS)}, got ${JSON.stringify(field.kind)}`);
    return;
  }
  if (kind === 'enum' || kind === 'list') checkOptions(field.options, `${where}.options`, problems);
  else if (kind === 'grade' && field.options !== undefined) checkOptions(field.options, `${where}.options`, problems);
  else if (field.options !== undefined) problems.push(`${where}.options is only for enum, list and grade fields`);

  const lengthKind = kind === 'text' || kind === 'version' || (kind === 'grade' && field.options === undefined);
  if (field.maxLength !== undefined) {
    if (!lengthKind) problems.push(`${where}.maxLength is only for text, version and grade fields without options`);
    else if (!Number.isInteger(field.maxLength) || (field.maxLength as number) < 1 || (field.maxLength as number) > 4000) {
      problems.push(`${where}.maxLength must be an integer from 1 to 4000`);
    }
  }
  const width = field.width ?? 'full';
  if (!FIELD_WIDTHS.includes(width as FieldWidth)) {
    problems.push(`${where}.width must be one of ${oneOf(FIELD_WIDTHS)}, got ${JSON.stringify(field.width)}`);
  } else if (width === 'page' && kind !== 'text') {
    problems.push(`${where}.width "page" is only for text fields`);
  } else if (width === 'half' && kind === 'list') {
    problems.push(`${where}.width "half" is not for lists: a list takes the whole column`);
  }
  if (field.maxLines !== undefined) {
    if (width !== 'page') problems.push(`${where}.maxLines is only for fields of width "page"`);
    else if (!Number.isInteger(field.maxLines) || (field.maxLines as number) < 1 || (field.maxLines as number) > 6) {
      problems.push(`${where}.maxLines must be an integer from 1 to 6`);
    }
  }
}

/** Checks the parsed JSON and returns it typed, or throws listing every problem. */
export function validateCertificateTemplate(data: unknown, file = '(inline)'): CertificateTemplate {
  const problems: string[] = [];
  if (!isRecord(data)) throw new TemplateShapeError(file, ['the top level must be an object']);
  checkUnknownKeys(data, TOP_LEVEL_KEYS, '', problems);
  if (typeof data.key !== 'string' || !TEMPLATE_KEY.test(data.key)) problems.push('key must be kebab-case');
  if (typeof data.family !== 'string' || !/^[A-Z]{2,4}$/.test(data.family)) problems.push('family must be 2-4 uppercase letters');
  for (const field of ['title', 'issuer', 'legalBasis', 'statement'] as const) checkBilingual(data[field], field, problems);
  if (!Number.isInteger(data.validityMonths) || (data.validityMonths as number) < 1 || (data.validityMonths as number) > 120) {
    problems.push('validityMonths must be an integer from 1 to 120');
  }
  if (data.validityMonthsVariable !== undefined && !(typeof data.validityMonthsVariable === 'string' && VARIABLE_NAME.test(data.validityMonthsVariable))) {
    problems.push('validityMonthsVariable must be a process variable name');
  }
  if (!isRecord(data.labels)) {
    problems.push('labels must be an object');
  } else {
    const labels = data.labels;
    checkUnknownKeys(labels, [...TEMPLATE_LABEL_KEYS], 'labels ', problems);
    for (const key of TEMPLATE_LABEL_KEYS) checkBilingual(labels[key], `labels.${key}`, problems);
  }
  if (!Array.isArray(data.fields) || data.fields.length === 0) {
    problems.push('fields must be a non-empty list of subject fields');
  } else {
    const variables = new Map<string, number>();
    data.fields.forEach((field, i) => checkField(field, i, variables, problems));
  }
  if (problems.length > 0) throw new TemplateShapeError(file, problems);
  return data as unknown as CertificateTemplate;
}

/** Loads definitions/certificate-templates/<key>.json, e.g. key 'software-technical-approval'. */
export function loadCertificateTemplate(key: string, dir: string = DEFAULT_TEMPLATE_DIR): CertificateTemplate {
  if (!TEMPLATE_KEY.test(key)) throw new Error(`certificate template key must be kebab-case, got ${JSON.stringify(key)}`);
  const file = path.join(dir, `${key}.json`);
  if (!existsSync(file)) {
    const known = listTemplateKeys(dir);
    throw new Error(`unknown certificate template ${JSON.stringify(key)}; known: ${known.join(', ') || 'none'}`);
  }
  // Public lookups and every application start read templates: parse a file once per version of it.
  const modified = statSync(file).mtimeMs;
  const cached = parsedTemplates.get(file);
  if (cached && cached.modified === modified) return cached.template;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`certificate template ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const template = validateCertificateTemplate(data, file);
  if (template.key !== key) throw new TemplateShapeError(file, [`key is ${JSON.stringify(template.key)} but the file is named ${key}.json`]);
  parsedTemplates.set(file, { modified, template });
  return template;
}

const parsedTemplates = new Map<string, { modified: number; template: CertificateTemplate }>();

/** Every template in `dir`, checked, and checked to use distinct family codes. */
export function loadAllCertificateTemplates(dir: string = DEFAULT_TEMPLATE_DIR): CertificateTemplate[] {
  const templates = listTemplateKeys(dir).map((key) => loadCertificateTemplate(key, dir));
  const byFamily = new Map<string, string>();
  for (const template of templates) {
    const other = byFamily.get(template.family);
    if (other) throw new Error(`certificate templates ${other} and ${template.key} both use family code ${template.family}`);
    byFamily.set(template.family, template.key);
  }
  return templates;
}

/** Finds the template whose `family` is the given certificate-number family code, e.g. 'TA'. */
export function loadCertificateTemplateForFamily(family: string, dir: string = DEFAULT_TEMPLATE_DIR): CertificateTemplate {
  const template = loadAllCertificateTemplates(dir).find((t) => t.family === family);
  if (!template) throw new Error(`no certificate template for family ${JSON.stringify(family)} in ${dir}`);
  return template;
}

export function listTemplateKeys(dir: string = DEFAULT_TEMPLATE_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}
