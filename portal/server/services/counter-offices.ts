/**
 * Counter offices (دفاتر پیشخوان خدمات دولت) as administrators manage them: the list with their
 * agents and authorisations counted, one office with its agents and authorisations, registering a
 * new office (its organisation with a legal national ID and the office code of the counter-office
 * network), and deactivating or reactivating one. A deactivated office's authorisations are not in
 * force (services/agents.ts), so its agents act for nobody until it is reactivated.
 */
import type { Db } from '../../../prisma/client';
import { authorisationsInForce } from './agents';
import { badRequest, conflict, notFound } from '../plugins/errors';
import { isValidLegalEntityId, normaliseLegalEntityId } from './legal-entity-id';

export interface OrgRef { nationalId: string; nameFa: string; nameEn: string | null }

export interface AuthorisationView {
  id: string;
  contractNumber: string;
  validFrom: string;
  validTo: string;
  revokedAt: string | null;
  /** user name of who revoked it (the company's user or an administrator) */
  revokedBy: string | null;
  createdAt: string;
  company: OrgRef | null;
  office: OrgRef | null;
  /** the office is active (a deactivated office's authorisations are not in force) */
  officeActive: boolean;
  inForce: boolean;
}

export interface OfficeSummary {
  /** the office's organisation id (CounterOffice.organisationId) */
  id: string;
  officeCode: string;
  nationalId: string;
  nameFa: string;
  nameEn: string | null;
  active: boolean;
  createdAt: string;
  agentCount: number;
  authorisationsInForce: number;
}

export interface OfficeAgent { id: string; username: string; displayName: string; active: boolean; createdAt: string }

export interface OfficeDetail extends OfficeSummary {
  agents: OfficeAgent[];
  authorisations: AuthorisationView[];
}

type AuthorisationRow = Awaited<ReturnType<Db['agentAuthorisation']['findMany']>>[number];

/** The authorisations as the API shows them: both organisations named, who revoked, whether in force now. */
export async function authorisationViews(db: Db, rows: AuthorisationRow[]): Promise<AuthorisationView[]> {
  const orgIds = [...new Set(rows.flatMap((r) => [r.companyId, r.agentOrganisationId]))];
  const userIds = [...new Set(rows.flatMap((r) => (r.revokedById ? [r.revokedById] : [])))];
  const [orgs, offices, users, active] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, nationalId: true, nameFa: true, nameEn: true } }),
    db.counterOffice.findMany({ where: { organisationId: { in: orgIds } }, select: { organisationId: true, active: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true } }),
    authorisationsInForce(db, rows.map((r) => r.id)),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, { nationalId: o.nationalId, nameFa: o.nameFa, nameEn: o.nameEn }]));
  const officeActive = new Map(offices.map((o) => [o.organisationId, o.active]));
  const username = new Map(users.map((u) => [u.id, u.username]));
  return rows.map((r) => ({
    id: r.id,
    contractNumber: r.contractNumber,
    validFrom: r.validFrom.toISOString(),
    validTo: r.validTo.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokedBy: r.revokedById ? username.get(r.revokedById) ?? null : null,
    createdAt: r.createdAt.toISOString(),
    company: orgById.get(r.companyId) ?? null,
    office: orgById.get(r.agentOrganisationId) ?? null,
    officeActive: officeActive.get(r.agentOrganisationId) ?? false,
    inForce: active.has(r.id),
  }));
}

/** Every counter office (or only the one with organisation id `only`) by office code, with its number of agent users and of authorisations in force. */
export async function listOffices(db: Db, only?: string): Promise<OfficeSummary[]> {
  const offices = await db.counterOffice.findMany({ where: only === undefined ? {} : { organisationId: only }, orderBy: { officeCode: 'asc' } });
  const ids = offices.map((o) => o.organisationId);
  const [orgs, agents, authorisations] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, nationalId: true, nameFa: true, nameEn: true } }),
    db.user.findMany({ where: { organisationId: { in: ids }, roles: { some: { role: 'agent' } } }, select: { organisationId: true } }),
    db.agentAuthorisation.findMany({ where: { agentOrganisationId: { in: ids }, revokedAt: null }, select: { id: true, agentOrganisationId: true } }),
  ]);
  const inForce = await authorisationsInForce(db, authorisations.map((a) => a.id));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const count = <T>(items: T[], key: (item: T) => string | null) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const k = key(item);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const agentCounts = count(agents, (a) => a.organisationId);
  const inForceCounts = count(authorisations.filter((a) => inForce.has(a.id)), (a) => a.agentOrganisationId);
  return offices.flatMap((o) => {
    const org = orgById.get(o.organisationId);
    if (!org) return [];
    return [{
      id: o.organisationId,
      officeCode: o.officeCode,
      nationalId: org.nationalId,
      nameFa: org.nameFa,
      nameEn: org.nameEn,
      active: o.active,
      createdAt: o.createdAt.toISOString(),
      agentCount: agentCounts.get(o.organisationId) ?? 0,
      authorisationsInForce: inForceCounts.get(o.organisationId) ?? 0,
    }];
  });
}

/** One office with its agent users and every authorisation of it, newest first; 404 when there is none. */
export async function officeDetail(db: Db, id: string): Promise<OfficeDetail> {
  const [summary] = await listOffices(db, id);
  if (!summary) throw notFound(`no counter office with id "${id}"`);
  const [agents, authorisations] = await Promise.all([
    db.user.findMany({ where: { organisationId: id, roles: { some: { role: 'agent' } } }, orderBy: { username: 'asc' }, select: { id: true, username: true, displayName: true, active: true, createdAt: true } }),
    db.agentAuthorisation.findMany({ where: { agentOrganisationId: id }, orderBy: { createdAt: 'desc' }, take: 500 }),
  ]);
  return { ...summary, agents: agents.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })), authorisations: await authorisationViews(db, authorisations) };
}

export interface NewOffice { nationalId: string; nameFa: string; nameEn: string; officeCode: string }

/** The office code as stored: trimmed and upper-case, so «pk-7» and «PK-7» are one code. */
export const normaliseOfficeCode = (code: string): string => code.trim().toUpperCase();

/**
 * Registers a counter office and its organisation. The national ID must be a legal person's (check
 * digit) and not yet registered: a company already in the register does not become an office here.
 */
export async function createOffice(db: Db, input: NewOffice): Promise<{ id: string; nationalId: string; officeCode: string }> {
  const nationalId = normaliseLegalEntityId(input.nationalId);
  if (await db.organisation.findUnique({ where: { nationalId } })) throw conflict(`an organisation with national ID ${nationalId} is already registered`);
  if (!isValidLegalEntityId(nationalId)) throw badRequest('the national ID is not a valid legal person\'s national ID', { nationalId: 'eleven digits whose last is the check digit' });
  const officeCode = normaliseOfficeCode(input.officeCode);
  if (await db.counterOffice.findUnique({ where: { officeCode } })) throw conflict(`the office code ${officeCode} is taken`);
  const id = await db.$transaction(async (tx) => {
    const organisation = await tx.organisation.create({ data: { nationalId, nameFa: input.nameFa.trim(), nameEn: input.nameEn.trim() } });
    await tx.counterOffice.create({ data: { organisationId: organisation.id, officeCode } });
    return organisation.id;
  });
  return { id, nationalId, officeCode };
}

/** Deactivates or reactivates an office; false when it was already so. */
export async function setOfficeActive(db: Db, id: string, active: boolean): Promise<boolean> {
  const office = await db.counterOffice.findUnique({ where: { organisationId: id } });
  if (!office) throw notFound(`no counter office with id "${id}"`);
  if (office.active === active) return false;
  await db.counterOffice.update({ where: { organisationId: id }, data: { active } });
  return true;
}
