/**
 * Counter offices (دفاتر پیشخوان خدمات دولت) acting for companies. A company authorises an office
 * under a contract number for a period; users of the office with the role `agent` then apply, fix
 * and withdraw for that company, and every step they take records the office and the contract.
 */
import type { Db, Prisma } from '../../../prisma/client';
import type { CurrentUser } from '../plugins/auth';
import { forbidden } from '../plugins/errors';

export const isAgent = (user: CurrentUser) => user.roles.includes('agent');

/** What the history records about an agent's step. */
export interface AgentStamp {
  username: string;
  officeNationalId: string;
  officeNameFa: string;
  officeNameEn: string | null;
  contractNumber: string;
  companyNationalId: string;
}

/** Authorisations in force now: not revoked, within their period. */
export const inForce = (now: Date = new Date()): Prisma.AgentAuthorisationWhereInput => ({ revokedAt: null, validFrom: { lte: now }, validTo: { gt: now } });

/** Whether the organisation is a counter office that an administrator has not deactivated. */
export async function isActiveOffice(db: Db, organisationId: string): Promise<boolean> {
  const office = await db.counterOffice.findUnique({ where: { organisationId }, select: { active: true } });
  return !!office?.active;
}

/**
 * Of the given authorisations, the ids of those in force now. A deactivated office's authorisations
 * are not in force: while it is inactive it is as if no company had authorised it.
 */
export async function authorisationsInForce(db: Db, ids: string[], now: Date = new Date()): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const inactive = (await db.counterOffice.findMany({ where: { active: false }, select: { organisationId: true } })).map((o) => o.organisationId);
  const rows = await db.agentAuthorisation.findMany({ where: { id: { in: ids }, ...inForce(now), agentOrganisationId: { notIn: inactive } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** The companies (Organisation ids) the agent's office may act for now; none while the office is deactivated. */
export async function companiesOfAgent(db: Db, user: CurrentUser): Promise<string[]> {
  if (!isAgent(user) || !user.organisationId) return [];
  if (!(await isActiveOffice(db, user.organisationId))) return [];
  const rows = await db.agentAuthorisation.findMany({ where: { agentOrganisationId: user.organisationId, ...inForce() }, select: { companyId: true } });
  return [...new Set(rows.map((r) => r.companyId))];
}

/**
 * The authorisation under which the agent acts for the company (Organisation id) now, stamped for
 * the history; a 403 saying why when there is none.
 */
export async function requireAgentFor(db: Db, user: CurrentUser, companyId: string): Promise<{ stamp: AgentStamp; grantedById: string }> {
  if (!isAgent(user) || !user.organisationId) throw forbidden('only an agent of a counter office acts for a company');
  if (!(await isActiveOffice(db, user.organisationId))) throw forbidden('your organisation is not an active counter office');
  const auth = await db.agentAuthorisation.findFirst({ where: { companyId, agentOrganisationId: user.organisationId, ...inForce() }, orderBy: { validFrom: 'desc' } });
  if (!auth) throw forbidden('the company has not authorised your counter office, or the authorisation has ended');
  const [officeOrg, company] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id: user.organisationId } }),
    db.organisation.findUniqueOrThrow({ where: { id: companyId } }),
  ]);
  return {
    grantedById: auth.grantedById,
    stamp: {
      username: user.username,
      officeNationalId: officeOrg.nationalId,
      officeNameFa: officeOrg.nameFa,
      officeNameEn: officeOrg.nameEn,
      contractNumber: auth.contractNumber,
      companyNationalId: company.nationalId,
    },
  };
}

/**
 * For an agent and a task: the company applicant the task waits for (its assignee, a task of the
 * applicant such as a fix request) and the agent's stamp, when the company authorised the agent's
 * office; else undefined. Reviewers' tasks are never an agent's.
 */
export async function agentOnTask(db: Db, user: CurrentUser, task: { applicationId: string; assignee: string | null; candidateGroups: string; status: string }): Promise<{ onBehalfOf: string; stamp: AgentStamp } | undefined> {
  if (!isAgent(user) || !task.assignee || task.candidateGroups !== '') return undefined;
  const application = await db.application.findUnique({ where: { id: task.applicationId }, select: { organisationId: true, applicant: { select: { username: true } } } });
  if (!application || application.applicant.username !== task.assignee) return undefined;
  if (!(await companiesOfAgent(db, user)).includes(application.organisationId)) return undefined;
  const { stamp } = await requireAgentFor(db, user, application.organisationId);
  return { onBehalfOf: task.assignee, stamp };
}
