/**
 * Counter offices (دفاتر پیشخوان) for administrators: the list, one office with its agents and
 * authorisations, registering an office, deactivating and reactivating it. Agent accounts are made
 * through the users API (role `agent` with the office's national ID, routes/users.ts); the companies
 * authorise offices and revoke them through routes/agents.ts, where administrators revoke too.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { bearer, errorSchema } from '../schemas/common';
import { requireCleanText } from '../services/hostile-text';
import { createOffice, listOffices, officeDetail, setOfficeActive, type NewOffice } from '../services/counter-offices';

const NAME = { type: 'string', minLength: 2, maxLength: 200, pattern: '\\S' } as const;
const REASON = { type: 'string', minLength: 3, maxLength: 500, pattern: '\\S' } as const;
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' } } } as const;
const orgRef = { type: ['object', 'null'], properties: { nationalId: { type: 'string' }, nameFa: { type: 'string' }, nameEn: { type: ['string', 'null'] } } } as const;

export const authorisationViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    contractNumber: { type: 'string' },
    validFrom: { type: 'string', format: 'date-time' },
    validTo: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    company: orgRef,
    office: orgRef,
    officeActive: { type: 'boolean' },
    inForce: { type: 'boolean' },
  },
} as const;

const officeSummaryProperties = {
  id: { type: 'string' },
  officeCode: { type: 'string' },
  nationalId: { type: 'string' },
  nameFa: { type: 'string' },
  nameEn: { type: ['string', 'null'] },
  active: { type: 'boolean' },
  createdAt: { type: 'string', format: 'date-time' },
  agentCount: { type: 'integer' },
  authorisationsInForce: { type: 'integer' },
} as const;

const officeDetailSchema = {
  type: 'object',
  properties: {
    ...officeSummaryProperties,
    agents: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' }, active: { type: 'boolean' }, createdAt: { type: 'string', format: 'date-time' } } },
    },
    authorisations: { type: 'array', items: authorisationViewSchema },
  },
} as const;

export async function counterOfficeRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const admin = [authenticate(db), requireRole('admin')];

  app.get('/api/counter-offices', {
    schema: {
      tags: ['agents'], summary: 'Every counter office (دفتر پیشخوان), active or not, with its number of agent users and of authorisations in force (administrators)', security: bearer,
      response: { 200: { type: 'array', items: { type: 'object', properties: officeSummaryProperties } }, 401: errorSchema, 403: errorSchema },
    },
    onRequest: admin,
  }, async () => listOffices(db));

  app.get<{ Params: { id: string } }>('/api/counter-offices/:id', {
    schema: {
      tags: ['agents'], summary: 'One counter office with its agent users and every authorisation of it, newest first (administrators)', security: bearer, params: idParam,
      response: { 200: officeDetailSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request) => officeDetail(db, request.params.id));

  app.post<{ Body: NewOffice }>('/api/counter-offices', {
    schema: {
      tags: ['agents'],
      summary: 'Register a counter office (administrators): its organisation (legal national ID with its check digit, not yet registered; names in Persian and English) and its office code (unique)',
      security: bearer,
      body: {
        type: 'object', additionalProperties: false, required: ['nationalId', 'nameFa', 'nameEn', 'officeCode'],
        properties: {
          nationalId: { type: 'string', minLength: 11, maxLength: 20 },
          nameFa: NAME,
          nameEn: NAME,
          officeCode: { type: 'string', pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9-]{1,29}\\s*$', description: 'letters, digits and -, 2 to 30 characters; stored upper-case' },
        },
      },
      response: { 201: officeDetailSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
    },
    onRequest: admin,
  }, async (request, reply) => {
    const actor = userOf(request);
    const { nameFa, nameEn } = requireCleanText({ nameFa: request.body.nameFa, nameEn: request.body.nameEn }, { singleLine: ['nameFa', 'nameEn'] });
    const created = await createOffice(db, { ...request.body, nameFa, nameEn });
    await appendAudit(db, { actor: actor.username, actorRole: 'admin', action: 'counter-office.created', entityType: 'counter-office', entityId: created.nationalId, details: { officeCode: created.officeCode, nameFa: nameFa.trim(), nameEn: nameEn.trim() } });
    return reply.status(201).send(await officeDetail(db, created.id));
  });

  app.put<{ Params: { id: string }; Body: { active: boolean; reason?: string } }>('/api/counter-offices/:id/active', {
    schema: {
      tags: ['agents'],
      summary: 'Deactivate or reactivate a counter office (administrators): while deactivated its authorisations are not in force, so its agents act for no company and see none of their applications',
      security: bearer, params: idParam,
      body: { type: 'object', additionalProperties: false, required: ['active'], properties: { active: { type: 'boolean' }, reason: REASON } },
      response: { 200: officeDetailSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const actor = userOf(request);
    const { active } = request.body;
    const { reason } = requireCleanText({ reason: request.body.reason });
    if (await setOfficeActive(db, request.params.id, active)) {
      const office = await officeDetail(db, request.params.id);
      await appendAudit(db, { actor: actor.username, actorRole: 'admin', action: active ? 'counter-office.reactivated' : 'counter-office.deactivated', entityType: 'counter-office', entityId: office.nationalId, details: { officeCode: office.officeCode, reason: reason?.trim() ?? null } });
      return office;
    }
    return officeDetail(db, request.params.id);
  });
}
