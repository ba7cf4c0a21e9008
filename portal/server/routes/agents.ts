/**
 * Counter offices (پیشخوان) and the companies' authorisations of them: a company lists the offices,
 * authorises one under a contract number for a period, and revokes it; an agent sees the companies
 * it may act for. How agents act: routes/applications.ts (onBehalfOf) and routes/tasks.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { badRequest, conflict, forbidden, notFound } from '../plugins/errors';
import { bearer, errorSchema } from '../schemas/common';
import { isAgent } from '../services/agents';
import { authorisationViews } from '../services/counter-offices';
import { authorisationViewSchema } from './counter-offices';
import { requireCleanText } from '../services/hostile-text';
import { appendAudit } from '../../../activities/audit/audit-log';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' } } } as const;

interface GrantBody { officeNationalId: string; contractNumber: string; validFrom?: string; validTo: string }

export async function agentRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const organisationsById = async (ids: string[]) =>
    new Map((await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, nationalId: true, nameFa: true, nameEn: true } })).map((o) => [o.id, o]));

  app.get('/api/agents/offices', {
    schema: { tags: ['agents'], summary: 'The active counter offices (دفاتر پیشخوان) a company may authorise', security: bearer },
    onRequest: authenticate(db),
  }, async () => {
    const offices = await db.counterOffice.findMany({ where: { active: true }, orderBy: { officeCode: 'asc' } });
    const orgs = await organisationsById(offices.map((o) => o.organisationId));
    return offices.flatMap((o) => {
      const org = orgs.get(o.organisationId);
      return org ? [{ officeCode: o.officeCode, nationalId: org.nationalId, nameFa: org.nameFa, nameEn: org.nameEn }] : [];
    });
  });

  app.get<{ Querystring: { office?: string; company?: string } }>('/api/agents/authorisations', {
    schema: {
      tags: ['agents'],
      summary: "Authorisations of counter offices: a company's user sees its company's, an agent its office's (the companies it may act for), an administrator all, optionally of one office or company (national IDs); each with inForce (false while its office is deactivated) and who revoked it",
      security: bearer,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { office: { type: 'string', pattern: '^[0-9]{10,11}$' }, company: { type: 'string', pattern: '^[0-9]{10,11}$' } },
      },
      response: { 200: { type: 'array', items: authorisationViewSchema }, 400: errorSchema, 401: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const scope = user.roles.includes('admin') ? {} : isAgent(user) ? { agentOrganisationId: user.organisationId ?? '__none__' } : { companyId: user.organisationId ?? '__none__' };
    const byNationalId = async (nationalId: string | undefined) => (nationalId === undefined ? undefined : (await db.organisation.findUnique({ where: { nationalId }, select: { id: true } }))?.id ?? '__none__');
    const [office, company] = await Promise.all([byNationalId(request.query.office), byNationalId(request.query.company)]);
    const rows = await db.agentAuthorisation.findMany({
      where: { AND: [scope, office ? { agentOrganisationId: office } : {}, company ? { companyId: company } : {}] },
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
    return authorisationViews(db, rows);
  });

  app.post<{ Body: GrantBody }>('/api/agents/authorisations', {
    schema: {
      tags: ['agents'],
      summary: 'A company authorises a counter office to act for it under a contract number, from validFrom (default now) until validTo (applicants)',
      security: bearer,
      body: {
        type: 'object', additionalProperties: false, required: ['officeNationalId', 'contractNumber', 'validTo'],
        properties: {
          officeNationalId: { type: 'string', pattern: '^[0-9]{10,11}$' },
          contractNumber: { type: 'string', minLength: 1, maxLength: 60 },
          validFrom: { type: 'string', format: 'date-time' },
          validTo: { type: 'string', format: 'date-time' },
        },
      },
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant')],
  }, async (request, reply) => {
    const user = userOf(request);
    if (!user.organisationId) throw forbidden('only a user of a company authorises a counter office');
    const { contractNumber } = requireCleanText({ contractNumber: request.body.contractNumber }, { singleLine: ['contractNumber'] });
    const validFrom = request.body.validFrom ? new Date(request.body.validFrom) : new Date();
    const validTo = new Date(request.body.validTo);
    if (!(validTo > validFrom)) throw badRequest('the authorisation must end after it begins', { validTo: 'must be after validFrom' });
    const officeOrg = await db.organisation.findUnique({ where: { nationalId: request.body.officeNationalId } });
    const office = officeOrg && (await db.counterOffice.findUnique({ where: { organisationId: officeOrg.id } }));
    if (!officeOrg || !office?.active) throw notFound(`no active counter office with national ID ${request.body.officeNationalId}`);
    if (officeOrg.id === user.organisationId) throw badRequest('an office does not authorise itself', { officeNationalId: 'is your own organisation' });
    const exists = await db.agentAuthorisation.findUnique({ where: { companyId_agentOrganisationId_contractNumber: { companyId: user.organisationId, agentOrganisationId: officeOrg.id, contractNumber } } });
    if (exists) throw conflict(`contract ${contractNumber} with this office is already recorded`);
    const row = await db.agentAuthorisation.create({ data: { companyId: user.organisationId, agentOrganisationId: officeOrg.id, contractNumber, validFrom, validTo, grantedById: user.id } });
    await appendAudit(db, { actor: user.username, actorRole: 'applicant', action: 'agent.authorised', entityType: 'agent-authorisation', entityId: row.id, details: { office: officeOrg.nationalId, contractNumber, validFrom, validTo } });
    return reply.status(201).send({ id: row.id, contractNumber, validFrom, validTo });
  });

  app.post<{ Params: { id: string } }>('/api/agents/authorisations/:id/revoke', {
    schema: {
      tags: ['agents'], summary: 'The company (or an administrator) revokes an authorisation: the office no longer acts for it', security: bearer,
      params: idParam, response: { 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant', 'admin')],
  }, async (request) => {
    const user = userOf(request);
    const row = await db.agentAuthorisation.findUnique({ where: { id: request.params.id } });
    // another company's authorisation is not found
    if (!row || (!user.roles.includes('admin') && row.companyId !== user.organisationId)) throw notFound(`no authorisation ${request.params.id}`);
    if (row.revokedAt) throw conflict('this authorisation is already revoked');
    const revokedAt = new Date();
    await db.agentAuthorisation.update({ where: { id: row.id }, data: { revokedAt, revokedById: user.id } });
    await appendAudit(db, { actor: user.username, actorRole: user.roles.includes('admin') ? 'admin' : 'applicant', action: 'agent.revoked', entityType: 'agent-authorisation', entityId: row.id, details: { contractNumber: row.contractNumber } });
    return { id: row.id, revokedAt };
  });
}
