/**
 * Notice texts: definitions/notification-templates.json, one entry per event (the template name),
 * in Persian and English for the inbox and e-mail, and a short Persian text for the 4040 SMS.
 * An entry may override any of its texts per licence family (`families.<process key>`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { rejectionCondition } from '../definition-data';
import { toPersianDigits } from '../certificates/digits';

export interface NoticeTexts { subjectFa: string; subjectEn: string; bodyFa: string; bodyEn: string; sms: string }
interface TemplateEntry extends NoticeTexts { families?: Record<string, Partial<NoticeTexts>> }

export const TEMPLATES_FILE = path.resolve(__dirname, '../../definitions/notification-templates.json');

/**
 * A quoted value as a notice may carry it: control characters (but line breaks) and bidi embeddings,
 * overrides and isolates removed (they could make a message read as something else: Payam Iran's
 * purpose includes stopping forgery), a lone surrogate replaced (no store or channel takes one).
 */
export function plainText(value: string): string {
  return value
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The language a text is written in: Persian texts (and the SMS) show numbers in Persian digits. */
export type TextLanguage = 'fa' | 'en';

/**
 * A sum of money (a value named `…Amount`, in rials) as people read it: in groups of three, with the
 * Persian thousands separator and digits in a Persian text (۲۵٬۰۰۰٬۰۰۰), commas in an English one.
 */
export function formatAmount(amount: number, language: TextLanguage): string {
  const grouped = Math.trunc(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, language === 'fa' ? '\u066c' : ',');
  return language === 'fa' ? toPersianDigits(grouped) : grouped;
}

function isAmount(key: string, value: unknown): value is number {
  return /Amount$/.test(key) && typeof value === 'number' && Number.isFinite(value);
}

export function fillTemplate(text: string, values: Record<string, unknown>, language: TextLanguage = 'en'): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (value === undefined || value === null || value === '') return '—';
    if (isAmount(key, value)) return formatAmount(value, language);
    return plainText(Array.isArray(value) ? value.map(String).join('، ') : String(value));
  });
}

/**
 * What every message may quote besides the process variables: the process's name in each language,
 * the named rejection condition in each language (definitions/rejection-conditions.json), and the
 * reason in each language (a reviewer writes one text; automated checks give both).
 */
export function messageValues(variables: Record<string, unknown>, process: { key: string; name: string | null }): Record<string, unknown> {
  const [nameFa, nameEn] = (process.name ?? process.key).split(/\s+—\s+/);
  const code = variables.rejectionCondition;
  const condition = typeof code === 'string' ? rejectionCondition(process.key, code) : undefined;
  const reason = variables.rejectionReason;
  return {
    ...variables,
    processNameFa: nameFa,
    processNameEn: nameEn ?? nameFa,
    rejectionConditionFa: condition?.fa ?? code,
    rejectionConditionEn: condition?.en ?? code,
    rejectionReasonFa: variables.rejectionReasonFa ?? reason,
    rejectionReasonEn: variables.rejectionReasonEn ?? reason,
  };
}

function readTemplates(): Record<string, TemplateEntry> {
  return JSON.parse(fs.readFileSync(TEMPLATES_FILE, 'utf8')) as Record<string, TemplateEntry>;
}

export function hasTemplate(event: string): boolean {
  return Object.hasOwn(readTemplates(), event);
}

/** The texts of `event` for the family `processKey` (its overrides over the default), filled with `values`; undefined for an unknown event. */
export function renderNotice(event: string, processKey: string | null | undefined, values: Record<string, unknown>): NoticeTexts | undefined {
  const all = readTemplates();
  const entry = Object.hasOwn(all, event) ? all[event] : undefined;
  if (!entry) return undefined;
  const override = processKey && entry.families && Object.hasOwn(entry.families, processKey) ? entry.families[processKey] : {};
  const pick = (k: keyof NoticeTexts) => fillTemplate(override[k] ?? entry[k] ?? '', values, k.endsWith('En') ? 'en' : 'fa');
  return { subjectFa: pick('subjectFa'), subjectEn: pick('subjectEn'), bodyFa: pick('bodyFa'), bodyEn: pick('bodyEn'), sms: pick('sms') };
}
