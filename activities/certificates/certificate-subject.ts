/**
 * The subject of a certificate (what it is about and its scope), read from the process variables
 * by the template's fields, and the same values put into words for each language.
 *
 * A stored subject is a JSON object keyed by the fields' variable names: strings for text,
 * version, enum and grade fields, a list of option values (in the template's order) for lists.
 */
import type { Bilingual, CertificateTemplate, SubjectField } from './certificate-template';
import { DEFAULT_MAX_LENGTH } from './certificate-template';
import { toPersianDigits } from './digits';

export type SubjectValue = string | string[];
export type CertificateSubject = Record<string, SubjectValue>;

export interface SubjectProblem {
  variable: string;
  /** `missing`: a required variable is absent or empty; `invalid`: it holds something the field does not accept. */
  kind: 'missing' | 'invalid';
  message: string;
}

export type SubjectReading = { ok: true; subject: CertificateSubject } | { ok: false; problems: SubjectProblem[] };

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const codePoints = (text: string): number => [...text].length;

export function maxLengthOf(field: SubjectField): number | undefined {
  if (field.kind === 'text' || field.kind === 'version') return field.maxLength ?? DEFAULT_MAX_LENGTH[field.kind];
  if (field.kind === 'grade' && !field.options) return field.maxLength ?? DEFAULT_MAX_LENGTH.grade;
  return undefined;
}

type Read = { value: SubjectValue } | { problem: string };

function readOne(field: SubjectField, raw: unknown): Read {
  const allowed = () => field.options!.map((o) => o.value).join(', ');
  if (field.kind === 'list') {
    const items = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) return { problem: 'must be a list of option values' };
    const unknown = items.filter((item) => !field.options!.some((o) => o.value === item));
    if (unknown.length) return { problem: `has unknown item${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')} (allowed: ${allowed()})` };
    // Stored in the template's order, once each: the same scope is always the same subject.
    return { value: field.options!.map((o) => o.value).filter((value) => items.includes(value)) };
  }
  if (field.kind === 'score') {
    const score = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) return { problem: 'must be a score from 0 to 100' };
    return { value: String(Math.round(score * 10) / 10) };
  }
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof text !== 'string') return { problem: 'must be text' };
  const value = text.trim();
  if (field.options) {
    return field.options.some((o) => o.value === value) ? { value } : { problem: `must be one of ${allowed()} (got ${JSON.stringify(value)})` };
  }
  const max = maxLengthOf(field)!;
  if (codePoints(value) > max) return { problem: `must be at most ${max} characters (got ${codePoints(value)})` };
  return { value };
}

/**
 * Reads the template's fields from `variables`. Absent optional fields are left out; every problem
 * is reported, each naming its variable.
 */
export function readSubject(template: CertificateTemplate, variables: Record<string, unknown>): SubjectReading {
  const subject: CertificateSubject = {};
  const problems: SubjectProblem[] = [];
  for (const field of template.fields) {
    const raw = Object.prototype.hasOwnProperty.call(variables, field.variable) ? variables[field.variable] : undefined;
    if (isBlank(raw)) {
      if (field.required) problems.push({ variable: field.variable, kind: 'missing', message: 'is required' });
      continue;
    }
    const read = readOne(field, raw);
    if ('problem' in read) problems.push({ variable: field.variable, kind: 'invalid', message: read.problem });
    else subject[field.variable] = read.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, subject };
}

/** One line per problem: `variable "platform" must be one of web, desktop (got "mainframe")`. */
export function describeProblems(problems: SubjectProblem[]): string {
  return problems.map((p) => `variable "${p.variable}" ${p.message}`).join('; ');
}

/** A field's value in one language, ready to print: lists give one entry per item. */
export interface PrintedValue {
  field: SubjectField;
  fa: string[];
  en: string[];
}

function optionLabel(field: SubjectField, value: string): Bilingual {
  return field.options?.find((o) => o.value === value)?.label ?? { fa: value, en: value };
}

/** The subject's values in template order, in words: option labels for enums, lists and graded scales. */
export function printedValues(template: CertificateTemplate, subject: CertificateSubject): PrintedValue[] {
  const values: PrintedValue[] = [];
  for (const field of template.fields) {
    const value = subject[field.variable];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (Array.isArray(value)) {
      const labels = value.map((v) => optionLabel(field, v));
      values.push({ field, fa: labels.map((l) => l.fa), en: labels.map((l) => l.en) });
    } else if (field.options) {
      const label = optionLabel(field, value);
      values.push({ field, fa: [label.fa], en: [label.en] });
    } else if (field.kind === 'grade') {
      values.push({ field, fa: [toPersianDigits(value)], en: [value] });
    } else if (field.kind === 'score') {
      values.push({ field, fa: [toPersianDigits(`${value.replace('.', '٫')} از ۱۰۰`)], en: [`${value} / 100`] });
    } else {
      values.push({ field, fa: [value], en: [value] });
    }
  }
  return values;
}

/** What the public record tells a reader about the subject's keys: labels, kinds and option labels. */
export interface PublicSubjectField {
  key: string;
  kind: SubjectField['kind'];
  label: Bilingual;
  options?: Record<string, Bilingual>;
}

export function publicSubjectFields(template: CertificateTemplate): PublicSubjectField[] {
  return template.fields.map((field) => ({
    key: field.variable,
    kind: field.kind,
    label: field.label,
    ...(field.options ? { options: Object.fromEntries(field.options.map((o) => [o.value, o.label])) } : {}),
  }));
}
