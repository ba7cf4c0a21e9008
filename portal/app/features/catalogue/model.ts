/** What the public catalogue and statistics endpoints answer (GET /api/public/catalogue, /statistics). */
export interface Bilingual { fa: string; en: string }

export interface ServiceCard {
  title: Bilingual;
  description: Bilingual;
  nature: string;
  recipients: Bilingual;
  serviceTypes: string[];
  level: string;
  channels: Record<string, string[]>;
  deliveryMethod: string;
  inPersonVisits: { count: number; reasons: Bilingual[] };
  startTrigger: Bilingual;
  upstreamLaws: Bilingual[];
  authentication: Bilingual;
  baseDatabases: string[];
  payment: string;
  frequency: Bilingual;
  lifeEvent?: Bilingual;
}

export interface PermitRecord {
  issue: Bilingual;
  renewal: Bilingual;
  revocation: Bilingual;
  reinstatement: Bilingual;
  electronic: boolean;
  inquiredAgencies: Record<string, Bilingual>;
}

export interface CatalogueEntry {
  processKey: string;
  serviceId: string;
  name: Bilingual;
  permits: { key: string; family: string; title: Bilingual; issuer: Bilingual; legalBasis: Bilingual; validityMonths: number }[];
  legalBasis: Bilingual[];
  conditions: { code: string; fa: string; en: string }[];
  documents: { key: string; label: Bilingual; required: boolean }[];
  inquiries: { connector: string; agency: Bilingual | null }[];
  legalTime: { maxWorkingDays: number; calendar: string; basis: string; basisWords?: Bilingual; onDeadline: string; undertaking?: Bilingual | null };
  appeal: { windowWorkingDays: number };
  fee: { currency: string; amount: number; perCategory: Record<string, number> | null };
  process: { version: number; versionTag: string | null; deployedAt: string } | null;
  card: ServiceCard | null;
  permit: PermitRecord | null;
  missingCardFields: { path: string; label: Bilingual }[];
}

export interface ServiceFigures {
  processKey: string;
  serviceId: string;
  name: Bilingual;
  legalMaxWorkingDays: number;
  received: number;
  certified: number;
  medianDaysToCertificate: number | null;
  p90DaysToCertificate: number | null;
  decided: number;
  decidedWithinLegalTime: number;
  shareWithinLegalTime: number | null;
}

export interface StatisticsAnswer { windowDays: number; from: string; to: string; families: ServiceFigures[] }

/** A number in the page's language (Persian digits in Persian). */
export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', options).format(value);
}

/** Whether a service matches the typed search: its names, service ID, key or its certificates' names. */
export function matches(entry: CatalogueEntry, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  const hay = [entry.name.fa, entry.name.en, entry.serviceId, entry.processKey, ...entry.permits.flatMap((p) => [p.title.fa, p.title.en, p.family])];
  return hay.some((h) => h.toLowerCase().includes(q));
}
