/**
 * Certificate templates are data: definitions/certificate-templates/<key>.json.
 * They are validated on load so a bad file fails loudly before any PDF is issued.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Bilingual {
  fa: string;
  en: string;
}

export const TEMPLATE_LABEL_KEYS = [
  'holder',
  'nationalId',
  'subject',
  'version',
  'platform',
  'description',
  'number',
  'issueDate',
  'expiryDate',
  'trackingNumber',
  'verification',
  'signature',
] as const;

export type TemplateLabelKey = (typeof TEMPLATE_LABEL_KEYS)[number];

export interface CertificateTemplate {
  key: string;
  /** Certificate-number family code, e.g. TA. */
  family: string;
  title: Bilingual;
  issuer: Bilingual;
  legalBasis: Bilingual;
  statement: Bilingual;
  validityMonths: number;
  labels: Record<TemplateLabelKey, Bilingual>;
}

export const DEFAULT_TEMPLATE_DIR = path.resolve(__dirname, '../../definitions/certificate-templates');

const TEMPLATE_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

class TemplateShapeError extends Error {
  constructor(file: string, problems: string[]) {
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

/** Checks the parsed JSON and returns it typed, or throws listing every problem. */
export function validateCertificateTemplate(data: unknown, file = '(inline)'): CertificateTemplate {
  const problems: string[] = [];
  if (!isRecord(data)) throw new TemplateShapeError(file, ['the top level must be an object']);
  if (typeof data.key !== 'string' || !TEMPLATE_KEY.test(data.key)) problems.push('key must be kebab-case');
  if (typeof data.family !== 'string' || !/^[A-Z]{2,4}$/.test(data.family)) problems.push('family must be 2-4 uppercase letters');
  for (const field of ['title', 'issuer', 'legalBasis', 'statement'] as const) checkBilingual(data[field], field, problems);
  if (!Number.isInteger(data.validityMonths) || (data.validityMonths as number) < 1 || (data.validityMonths as number) > 120) {
    problems.push('validityMonths must be an integer from 1 to 120');
  }
  if (!isRecord(data.labels)) {
    problems.push('labels must be an object');
  } else {
    const labels = data.labels;
    for (const key of TEMPLATE_LABEL_KEYS) checkBilingual(labels[key], `labels.${key}`, problems);
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

/** Finds the template whose `family` is the given certificate-number family code, e.g. 'TA'. */
export function loadCertificateTemplateForFamily(family: string, dir: string = DEFAULT_TEMPLATE_DIR): CertificateTemplate {
  for (const key of listTemplateKeys(dir)) {
    const template = loadCertificateTemplate(key, dir);
    if (template.family === family) return template;
  }
  throw new Error(`no certificate template for family ${JSON.stringify(family)} in ${dir}`);
}

export function listTemplateKeys(dir: string = DEFAULT_TEMPLATE_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}
