/**
 * The public permit catalogue: each licence family as a service, generated from definitions/ —
 * the service file (ID, legal time, fee, appeal, inquiries, identity card, permit record), the
 * certificate templates its current process version issues (names, issuing authority, legal basis,
 * validity), its rejection conditions and the documents its start form asks for. Nothing is typed
 * twice: a fact changes in its one file and the catalogue follows.
 */
import type { Db } from '../../../prisma/client';
import type { FormField, ProcessGraph, ServiceTaskNode } from '../../../workflows/graph/types';
import { LEGAL_BASIS_WORDS, allServiceData, missingCardFields, rejectionConditionsOf, serviceData, type Bilingual, type MissingField, type PermitRecord, type ServiceCard, type ServiceData } from '../../../activities/definition-data';
import { loadCertificateTemplate } from '../../../activities/certificates/certificate-template';
import { notFound } from '../plugins/errors';

export interface CataloguePermit {
  /** Certificate template key. */
  key: string;
  /** Certificate-number family code (TA, SA…). */
  family: string;
  title: Bilingual;
  issuer: Bilingual;
  legalBasis: Bilingual;
  validityMonths: number;
}

export interface CatalogueDocument {
  key: string;
  label: Bilingual;
  required: boolean;
}

export interface CatalogueEntry {
  processKey: string;
  serviceId: string;
  name: Bilingual;
  permits: CataloguePermit[];
  legalBasis: Bilingual[];
  conditions: { code: string; fa: string; en: string }[];
  documents: CatalogueDocument[];
  inquiries: { connector: string; agency: Bilingual | null }[];
  /** basisWords: تأییدمحور / ثبت‌محور in words; undertaking: what a registration-based family's applicants accept (else null). */
  legalTime: { maxWorkingDays: number; calendar: string; basis: string; basisWords: Bilingual; onDeadline: string; undertaking: Bilingual | null };
  appeal: { windowWorkingDays: number };
  fee: { currency: string; amount: number; perCategory: Record<string, number> | null };
  process: { version: number; versionTag: string | null; deployedAt: string } | null;
  card: ServiceCard | null;
  permit: PermitRecord | null;
  /** What the card lacks; empty when it is complete (only complete cards can go live). */
  missingCardFields: MissingField[];
}

/** form-js labels of this product read `فارسی / English`. */
export function splitBilingualLabel(label: string): Bilingual {
  const at = label.indexOf(' / ');
  return at < 0 ? { fa: label, en: label } : { fa: label.slice(0, at).trim(), en: label.slice(at + 3).trim() };
}

function fieldsOf(components: FormField[]): FormField[] {
  return components.flatMap((c) => [c, ...fieldsOf((c as { components?: FormField[] }).components ?? [])]);
}

/** The documents a start form asks for: its file pickers. */
export function documentsOf(graph: ProcessGraph): CatalogueDocument[] {
  const start = graph.elements[graph.startEventIds[0]] as { form?: { components: FormField[] } } | undefined;
  return fieldsOf(start?.form?.components ?? [])
    .filter((f) => f.type === 'filepicker' && f.key)
    .map((f) => ({ key: f.key!, label: splitBilingualLabel(f.label ?? f.key!), required: f.validate?.required === true }));
}

/** The certificate templates a process issues: its issue-certificate tasks' `family` headers. */
export function permitsOf(graph: ProcessGraph): CataloguePermit[] {
  const keys = new Set<string>();
  for (const node of Object.values(graph.elements)) {
    const task = node as Partial<ServiceTaskNode>;
    if (task.kind === 'serviceTask' && task.taskType === 'issue-certificate' && task.headers?.family) keys.add(task.headers.family);
  }
  return [...keys].sort().map((key) => {
    const t = loadCertificateTemplate(key);
    return { key: t.key, family: t.family, title: t.title, issuer: t.issuer, legalBasis: t.legalBasis, validityMonths: t.validityMonths };
  });
}

type Latest = { version: number; versionTag: string | null; deployedAt: Date; graph: string };

function entryOf(service: ServiceData, latest: Latest | undefined): CatalogueEntry {
  const graph = latest ? (JSON.parse(latest.graph) as ProcessGraph) : undefined;
  const permits = graph ? permitsOf(graph) : [];
  const missing = missingCardFields(service);
  const card = missing.length ? null : (service.card as ServiceCard);
  const permit = missing.length ? null : (service.permit as PermitRecord);
  const agencies = (service.permit as Partial<PermitRecord> | undefined)?.inquiredAgencies ?? {};
  const legalBasis = new Map(permits.map((p) => [p.legalBasis.en, p.legalBasis]));
  return {
    processKey: service.processKey,
    serviceId: service.serviceId,
    name: (service.card as Partial<ServiceCard> | undefined)?.title ?? { fa: service.processKey, en: service.processKey },
    permits,
    legalBasis: [...legalBasis.values()],
    conditions: rejectionConditionsOf(service.processKey).map(({ code, fa, en }) => ({ code, fa, en })),
    documents: graph ? documentsOf(graph) : [],
    inquiries: service.inquiries.map((connector) => ({ connector, agency: agencies[connector] ?? null })),
    legalTime: {
      maxWorkingDays: service.legal.maxWorkingDays, calendar: service.legal.calendar, basis: service.legal.basis, basisWords: LEGAL_BASIS_WORDS[service.legal.basis],
      onDeadline: service.legal.onDeadline, undertaking: service.legal.undertaking ?? null,
    },
    appeal: { windowWorkingDays: service.appeal.windowWorkingDays },
    fee: { currency: service.fee.currency, amount: service.fee.amount, perCategory: service.fee.perCategory ?? null },
    process: latest ? { version: latest.version, versionTag: latest.versionTag, deployedAt: latest.deployedAt.toISOString() } : null,
    card,
    permit,
    missingCardFields: missing,
  };
}

async function latestVersions(db: Db, keys: string[]): Promise<Map<string, Latest>> {
  const rows = await db.processDefinition.findMany({
    where: { key: { in: keys } },
    select: { key: true, version: true, versionTag: true, deployedAt: true, graph: true },
    orderBy: [{ key: 'asc' }, { version: 'asc' }],
  });
  return new Map(rows.map((r) => [r.key, r]));
}

/** Every public service, by service ID. */
export async function catalogue(db: Db, definitionsDir?: string): Promise<CatalogueEntry[]> {
  const services = allServiceData(definitionsDir);
  const latest = await latestVersions(db, services.map((s) => s.processKey));
  return services.map((s) => entryOf(s, latest.get(s.processKey))).sort((a, b) => a.serviceId.localeCompare(b.serviceId));
}

/** One service by its process key or its service ID; 404 for anything else. */
export async function catalogueEntry(db: Db, keyOrId: string, definitionsDir?: string): Promise<CatalogueEntry> {
  const service = serviceData(keyOrId, definitionsDir) ?? allServiceData(definitionsDir).find((s) => s.serviceId === keyOrId);
  if (!service) throw notFound(`no service ${keyOrId}`);
  const latest = await latestVersions(db, [service.processKey]);
  return entryOf(service, latest.get(service.processKey));
}
