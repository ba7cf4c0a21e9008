/**
 * Each licence family as a public service: definitions/services/<process key>.json holds what the
 * law and the e-government rules make per-family data (legal time and what happens at the
 * deadline, the appeal window, the fee, the renewal reminder, the registries inquired). Read here
 * only; no per-family fact is written in TypeScript.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEFINITIONS_DIR, isBilingual, isRecord, readDefinitionData, type Bilingual } from './read-json';

export interface LegalTime {
  /** The legal maximum time to a decision, in working days of `calendar`. */
  maxWorkingDays: number;
  calendar: string;
  /** تأییدمحور (approval) or ثبت‌محور (registration). */
  basis: 'approval' | 'registration';
  /** What happens when an approval-based application has no decision by its deadline. */
  onDeadline: 'deemed-approval' | 'escalate';
  /** The candidate group an escalated application goes to. */
  escalateTo: string;
  /**
   * Registration-based families only: the undertaking (تعهدنامه) the applicant accepts on the start
   * form (its required checkbox `undertaking`); recorded with the application, and the certificate
   * is issued on registration (permits-portals.md §1).
   */
  undertaking?: Bilingual;
}

/** The words for each legal basis, as the catalogue and the public record say them. */
export const LEGAL_BASIS_WORDS: Record<LegalTime['basis'], Bilingual> = {
  approval: { fa: 'تأییدمحور', en: 'Approval-based' },
  registration: { fa: 'ثبت‌محور', en: 'Registration-based' },
};

export interface AppealRule {
  windowWorkingDays: number;
  /** Reviews appeals; never the group that rejected (four eyes). */
  reviewerGroup: string;
}

export interface FeeRule {
  currency: 'IRR';
  /** The fee in rials for the application as a whole (0: only per-category fees). */
  amount: number;
  /** Per category (AFTA): the fee for each value of `categoryField` applied for. */
  perCategory?: Record<string, number>;
  categoryField?: string;
  /** Whether a fee paid before review is refunded when the application ends that way before review started. */
  refundOnRejectionBeforeReview: boolean;
  refundOnWithdrawalBeforeReview: boolean;
  /** ... when it lapses (the applicant let a deadline pass, e.g. the fix step's). */
  refundOnLapseBeforeReview: boolean;
}

export interface ServiceData {
  processKey: string;
  /** The service ID (شناسه خدمت) the rules assign; keys satisfaction ratings and the catalogue. */
  serviceId: string;
  legal: LegalTime;
  appeal: AppealRule;
  fee: FeeRule;
  notices: { renewalReminderWorkingDays: number };
  /** Registries inquired (connector names). */
  inquiries: string[];
  /** Further sections (the service identity card, the permit record) are read by their own modules. */
  [section: string]: unknown;
}

const SERVICES_DIR = 'services';

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function checkServiceData(data: unknown, file: string): ServiceData {
  if (!isRecord(data)) fail(file, 'must be a JSON object');
  const { processKey, serviceId, legal, appeal, fee, notices, inquiries } = data;
  if (typeof processKey !== 'string' || !processKey) fail(file, '"processKey" is required');
  if (path.basename(file) !== `${processKey}.json`) fail(file, `is named after process "${processKey}"`);
  if (typeof serviceId !== 'string' || !serviceId.trim()) fail(file, '"serviceId" is required');
  if (!isRecord(legal) || !positiveInt(legal.maxWorkingDays) || typeof legal.calendar !== 'string' ||
    (legal.basis !== 'approval' && legal.basis !== 'registration') ||
    (legal.onDeadline !== 'deemed-approval' && legal.onDeadline !== 'escalate') || typeof legal.escalateTo !== 'string') {
    fail(file, '"legal" needs maxWorkingDays (> 0), calendar, basis (approval|registration), onDeadline (deemed-approval|escalate), escalateTo');
  }
  if (legal.basis === 'registration' && !isBilingual(legal.undertaking)) fail(file, 'a registration-based family needs "legal.undertaking" ({ fa, en }): the undertaking its applicants accept');
  if (legal.undertaking !== undefined && legal.basis !== 'registration') fail(file, '"legal.undertaking" belongs to registration-based families only');
  if (!isRecord(appeal) || !positiveInt(appeal.windowWorkingDays) || typeof appeal.reviewerGroup !== 'string') {
    fail(file, '"appeal" needs windowWorkingDays (> 0) and reviewerGroup');
  }
  if (!isRecord(fee) || fee.currency !== 'IRR' || !nonNegative(fee.amount) ||
    typeof fee.refundOnRejectionBeforeReview !== 'boolean' || typeof fee.refundOnWithdrawalBeforeReview !== 'boolean' || typeof fee.refundOnLapseBeforeReview !== 'boolean') {
    fail(file, '"fee" needs currency IRR, amount (>= 0), refundOnRejectionBeforeReview, refundOnWithdrawalBeforeReview and refundOnLapseBeforeReview (true or false)');
  }
  if (fee.perCategory !== undefined && (!isRecord(fee.perCategory) || !Object.values(fee.perCategory).every(nonNegative) || typeof fee.categoryField !== 'string')) {
    fail(file, '"fee.perCategory" maps categories to amounts (>= 0) and needs "fee.categoryField"');
  }
  if (!isRecord(notices) || !positiveInt(notices.renewalReminderWorkingDays)) fail(file, '"notices.renewalReminderWorkingDays" (> 0) is required');
  if (!Array.isArray(inquiries) || !inquiries.every((i) => typeof i === 'string')) fail(file, '"inquiries" is a list of connector names');
  // the card and the permit record may be incomplete here (deploying then names what they lack: service-card.ts)
  for (const section of ['card', 'permit'] as const) {
    if (data[section] !== undefined && !isRecord(data[section])) fail(file, `"${section}" must be an object`);
  }
  return data as ServiceData;
}

/** The service data of one process, or undefined when the process is not a public service. */
export function serviceData(processKey: string, dir: string = DEFINITIONS_DIR): ServiceData | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(processKey)) return undefined;
  const name = path.join(SERVICES_DIR, `${processKey}.json`);
  if (!existsSync(path.join(dir, name))) return undefined;
  return readDefinitionData(name, checkServiceData, dir);
}

/** Every service, by process key. */
export function allServiceData(dir: string = DEFINITIONS_DIR): ServiceData[] {
  const folder = path.join(dir, SERVICES_DIR);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.json')).sort()
    .map((f) => readDefinitionData(path.join(SERVICES_DIR, f), checkServiceData, dir));
}

/** The fee for an application: the family's amount plus each category applied for. */
export function feeFor(service: ServiceData, data: Record<string, unknown>): number {
  const { amount, perCategory, categoryField } = service.fee;
  const chosen = categoryField ? data[categoryField] : undefined;
  const categories = Array.isArray(chosen) ? chosen.filter((c): c is string => typeof c === 'string') : [];
  return amount + categories.reduce((sum, c) => sum + (perCategory?.[c] ?? 0), 0);
}
