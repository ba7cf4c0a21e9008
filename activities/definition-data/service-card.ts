/**
 * The service identity card (شناسنامه خدمت, regulations §3.2–§3.3) and the permit record
 * (شناسنامه مجوز, §4) of a licence family: the `card` and `permit` sections of
 * definitions/services/<process key>.json. This module names the fields the rules require and
 * finds the missing ones; a process whose card is incomplete cannot become a family's live version.
 *
 * Facts kept elsewhere in definitions/ are not repeated here: the service ID, legal time, fee and
 * inquiries (the service file's other sections), the issuing authority and validity (certificate
 * templates), the documents (the start form), the conditions (rejection-conditions.json).
 */
import type { Bilingual } from './read-json';
import { isBilingual, isRecord } from './read-json';
import type { ServiceData } from './services';

export const NATURES = {
  sovereign: { fa: 'حاکمیتی', en: 'Sovereign (regulatory)' },
  proprietary: { fa: 'تصدی‌گری', en: 'Proprietary (operational)' },
  supportive: { fa: 'حمایتی', en: 'Supportive' },
} as const satisfies Record<string, Bilingual>;

export const SERVICE_TYPES = {
  G2B: { fa: 'دولت به کسب‌وکار (G2B)', en: 'Government to business (G2B)' },
  G2C: { fa: 'دولت به شهروند (G2C)', en: 'Government to citizen (G2C)' },
  G2G: { fa: 'دولت به دولت (G2G)', en: 'Government to government (G2G)' },
} as const satisfies Record<string, Bilingual>;

export const LEVELS = {
  national: { fa: 'ملی', en: 'National' },
  regional: { fa: 'منطقه‌ای', en: 'Regional' },
  provincial: { fa: 'استانی', en: 'Provincial' },
  urban: { fa: 'شهری', en: 'Urban' },
  rural: { fa: 'روستایی', en: 'Rural' },
} as const satisfies Record<string, Bilingual>;

export const DELIVERY_METHODS = {
  transactional: { fa: 'الکترونیکی تراکنشی', en: 'Electronic, transactional' },
  interactive: { fa: 'الکترونیکی تعاملی', en: 'Electronic, interactive' },
  informational: { fa: 'الکترونیکی اطلاع‌رسانی', en: 'Electronic, informational' },
  'non-electronic': { fa: 'غیرالکترونیکی', en: 'Non-electronic' },
} as const satisfies Record<string, Bilingual>;

export const CHANNELS = {
  web: { fa: 'اینترنت (درگاه سازمان)', en: 'Internet (the organisation’s portal)' },
  mobile: { fa: 'تلفن همراه', en: 'Mobile' },
  email: { fa: 'پست الکترونیکی', en: 'E-mail' },
  sms: { fa: 'پیامک', en: 'SMS' },
  'karpooshe': { fa: 'کارپوشه ایران (پیام ایران)', en: 'Karpooshe (Payam Iran)' },
  'call-centre': { fa: 'مرکز تماس', en: 'Call centre' },
  'counter-office': { fa: 'دفاتر پیشخوان', en: 'Counter offices' },
  post: { fa: 'پست', en: 'Post' },
  intranet: { fa: 'اینترانت / سامانه داخلی', en: 'Intranet (internal system)' },
} as const satisfies Record<string, Bilingual>;

export const CHANNEL_STAGES = {
  information: { fa: 'اطلاع‌رسانی', en: 'Information' },
  request: { fa: 'درخواست', en: 'Request' },
  production: { fa: 'تولید (فرایند داخلی)', en: 'Production (internal process)' },
  delivery: { fa: 'ارائه', en: 'Delivery' },
} as const satisfies Record<string, Bilingual>;

/** The national base databases (regulations §5.6). */
export const BASE_DATABASES = {
  'natural-persons': { fa: 'پایگاه ملی هویت اشخاص حقیقی', en: 'National identity of natural persons' },
  'legal-persons': { fa: 'پایگاه ملی هویت اشخاص حقوقی', en: 'National identity of legal persons' },
  'iran-code': { fa: 'پایگاه کالا و خدمات (ایران کد)', en: 'Goods and services (Iran Code)' },
  'service-cards': { fa: 'پایگاه شناسنامه خدمات و فرآیندهای دولتی', en: 'Service identity cards and government processes' },
  gnaf: { fa: 'نظام ملی آدرس‌گذاری مکان‌محور (GNAF)', en: 'National location-based address system (GNAF)' },
  'monetary-financial': { fa: 'پایگاه نظام پولی و مالی کشور', en: 'Monetary and financial system' },
} as const satisfies Record<string, Bilingual>;

export const PAYMENT_METHODS = {
  electronic: { fa: 'پرداخت الکترونیکی در درگاه', en: 'Electronic payment on the portal' },
  free: { fa: 'رایگان', en: 'Free' },
} as const satisfies Record<string, Bilingual>;

type Code<T> = keyof T & string;
export type Channel = Code<typeof CHANNELS>;

export interface ServiceCard {
  title: Bilingual;
  description: Bilingual;
  nature: Code<typeof NATURES>;
  recipients: Bilingual;
  serviceTypes: Code<typeof SERVICE_TYPES>[];
  level: Code<typeof LEVELS>;
  channels: Record<Code<typeof CHANNEL_STAGES>, Channel[]>;
  deliveryMethod: Code<typeof DELIVERY_METHODS>;
  inPersonVisits: { count: number; reasons: Bilingual[] };
  startTrigger: Bilingual;
  upstreamLaws: Bilingual[];
  authentication: Bilingual;
  baseDatabases: Code<typeof BASE_DATABASES>[];
  payment: Code<typeof PAYMENT_METHODS>;
  frequency: Bilingual;
  lifeEvent?: Bilingual;
}

export interface PermitRecord {
  issue: Bilingual;
  renewal: Bilingual;
  revocation: Bilingual;
  reinstatement: Bilingual;
  /** Whether the permit's whole process is electronic (Form 2's last column). */
  electronic: boolean;
  /** The agency behind each inquiry connector of the service's `inquiries`. */
  inquiredAgencies: Record<string, Bilingual>;
  exemption?: Bilingual;
}

export interface MissingField {
  /** Where in the service file, e.g. `card.recipients` or `permit.inquiredAgencies.company-registry`. */
  path: string;
  label: Bilingual;
}

const isCode = (table: Record<string, Bilingual>) => (v: unknown) => typeof v === 'string' && Object.hasOwn(table, v);
const nonEmptyList = (ok: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(ok);

/** The card's required fields, in the order of the rules' form, each with its test. */
const CARD_FIELDS: { key: keyof ServiceCard; label: Bilingual; ok: (v: unknown) => boolean }[] = [
  { key: 'title', label: { fa: 'عنوان خدمت', en: 'Service title' }, ok: isBilingual },
  { key: 'description', label: { fa: 'شرح خدمت', en: 'Description' }, ok: isBilingual },
  { key: 'nature', label: { fa: 'ماهیت خدمت', en: 'Nature' }, ok: isCode(NATURES) },
  { key: 'recipients', label: { fa: 'خدمت‌گیرندگان', en: 'Recipients' }, ok: isBilingual },
  { key: 'serviceTypes', label: { fa: 'نوع خدمت', en: 'Service type' }, ok: nonEmptyList(isCode(SERVICE_TYPES)) },
  { key: 'level', label: { fa: 'سطح ارائه خدمت', en: 'Level' }, ok: isCode(LEVELS) },
  {
    key: 'channels', label: { fa: 'کانال‌های ارائه خدمت', en: 'Channels' },
    ok: (v) => isRecord(v) && Object.keys(CHANNEL_STAGES).every((stage) => nonEmptyList(isCode(CHANNELS))(v[stage])),
  },
  { key: 'deliveryMethod', label: { fa: 'روش ارائه خدمت', en: 'Delivery method' }, ok: isCode(DELIVERY_METHODS) },
  {
    key: 'inPersonVisits', label: { fa: 'تعداد و ضرورت مراجعه حضوری', en: 'In-person visits and their reasons' },
    ok: (v) => isRecord(v) && Number.isInteger(v.count) && (v.count as number) >= 0 && Array.isArray(v.reasons) && v.reasons.every(isBilingual) &&
      ((v.count as number) === 0 || v.reasons.length > 0),
  },
  { key: 'startTrigger', label: { fa: 'نحوه آغاز خدمت', en: 'How the service starts' }, ok: isBilingual },
  { key: 'upstreamLaws', label: { fa: 'قوانین و مقررات بالادستی', en: 'Upstream laws and rules' }, ok: nonEmptyList(isBilingual) },
  { key: 'authentication', label: { fa: 'نیازمندی‌های احراز هویت', en: 'Authentication requirements' }, ok: isBilingual },
  { key: 'baseDatabases', label: { fa: 'پایگاه‌های اطلاعات پایه مورد استفاده', en: 'Base databases used' }, ok: nonEmptyList(isCode(BASE_DATABASES)) },
  { key: 'payment', label: { fa: 'روش پرداخت هزینه', en: 'Payment method' }, ok: isCode(PAYMENT_METHODS) },
  { key: 'frequency', label: { fa: 'تواتر دریافت خدمت', en: 'Frequency' }, ok: isBilingual },
];

const PERMIT_FIELDS: { key: keyof PermitRecord; label: Bilingual; ok: (v: unknown) => boolean }[] = [
  { key: 'issue', label: { fa: 'شیوه صدور', en: 'How it is issued' }, ok: isBilingual },
  { key: 'renewal', label: { fa: 'شیوه تمدید', en: 'How it is renewed' }, ok: isBilingual },
  { key: 'revocation', label: { fa: 'شیوه لغو', en: 'How it is revoked' }, ok: isBilingual },
  { key: 'reinstatement', label: { fa: 'شیوه احیاء', en: 'How it is reinstated' }, ok: isBilingual },
  { key: 'electronic', label: { fa: 'فرایند مجوز الکترونیکی است؟', en: 'Electronic or not' }, ok: (v) => typeof v === 'boolean' },
];

/** The card and permit fields a service file lacks (absent, empty or not one of the allowed values). */
export function missingCardFields(service: ServiceData): MissingField[] {
  const missing: MissingField[] = [];
  const card = isRecord(service.card) ? service.card : {};
  for (const f of CARD_FIELDS) if (!f.ok(card[f.key])) missing.push({ path: `card.${f.key}`, label: f.label });
  const permit = isRecord(service.permit) ? service.permit : {};
  for (const f of PERMIT_FIELDS) if (!f.ok(permit[f.key])) missing.push({ path: `permit.${f.key}`, label: f.label });
  const agencies = isRecord(permit.inquiredAgencies) ? permit.inquiredAgencies : {};
  for (const connector of service.inquiries) {
    if (!isBilingual(agencies[connector])) {
      missing.push({ path: `permit.inquiredAgencies.${connector}`, label: { fa: `دستگاه استعلام‌شونده «${connector}»`, en: `Inquired agency of “${connector}”` } });
    }
  }
  return missing;
}

/** The complete card and permit record of a service, or the fields it lacks. */
export function serviceCardOf(service: ServiceData): { card: ServiceCard; permit: PermitRecord } | { missing: MissingField[] } {
  const missing = missingCardFields(service);
  if (missing.length) return { missing };
  return { card: service.card as ServiceCard, permit: service.permit as PermitRecord };
}

/** One line naming the missing fields in Persian and in English (deploy problems, logs). */
export function describeMissing(missing: MissingField[]): Bilingual {
  return {
    fa: `شناسنامه خدمت کامل نیست؛ این موارد را ندارد: ${missing.map((m) => m.label.fa).join('، ')}`,
    en: `the service identity card is incomplete; it lacks: ${missing.map((m) => `${m.label.en} (${m.path})`).join(', ')}`,
  };
}
