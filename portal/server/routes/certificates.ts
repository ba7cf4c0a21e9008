import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { STATUS_ACTIONS, type StatusAction } from '../../../activities/certificates/status-transitions';
import type { EngineClient } from '../engine/engine-client';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { forbidden } from '../plugins/errors';
import { isStaff } from '../services/access';
import { requireReason } from '../services/hostile-text';
import { companiesOfAgent, isAgent } from '../services/agents';
import { canonicalNumber, findIssued, issuedPdf } from '../services/certificate-records';
import { requestStatusChange } from '../services/certificate-status';
import { ADMIN_LIST_LIMIT, adminCertificateList, type AdminCertificateQuery } from '../services/certificate-admin-list';
import { bearer, errorSchema } from '../schemas/common';

export async function certificateRoutes(app: FastifyInstance, { db, engine }: { db: Db; engine: EngineClient }): Promise<void> {
  const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;
  app.get<{ Querystring: AdminCertificateQuery }>('/api/certificates', {
    schema: {
      tags: ['certificates'],
      summary: `Every issued certificate, newest first (administrators; at most ${ADMIN_LIST_LIMIT}): by family (key or code), status, expiry within a number of days and a search over number, holder, product and tracking number; with the application it came from, the status change under way and the number in each status`,
      security: bearer,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          family: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' },
          status: { type: 'string', enum: ['valid', 'expired', 'suspended', 'revoked', 'superseded'] },
          expiringWithinDays: { type: 'integer', minimum: 0, maximum: 3650 },
          q: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            expiringSoon: { type: 'integer', description: 'valid certificates that expire within 90 days' },
            counts: { type: 'object', additionalProperties: { type: 'integer' } },
            data: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' }, number: { type: 'string' }, family: { type: 'string' }, familyCode: { type: 'string' }, familyTitle: bilingual,
                  holder: { type: 'object', properties: { name: { type: 'string' }, nationalId: { type: 'string' } } },
                  scope: { type: ['string', 'null'] }, status: { type: 'string' },
                  issuedAt: { type: 'string', format: 'date-time' }, expiresAt: { type: 'string', format: 'date-time' },
                  trackingNumber: { type: 'string' }, replaces: { type: ['string', 'null'] },
                  pendingChange: { type: ['object', 'null'], properties: { trackingNumber: { type: 'string' }, action: { type: 'string' } } },
                },
              },
            },
          },
        },
        400: errorSchema, 401: errorSchema, 403: errorSchema,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => adminCertificateList(db, request.query));

  app.post<{ Params: { number: string }; Body: { action: StatusAction; reason: string } }>('/api/certificates/:number/status-changes', {
    schema: {
      tags: ['certificates'],
      summary: 'Suspend, reinstate or revoke a certificate (administrators): starts the certificate-status-change process; a revocation waits for a technical reviewer to confirm it',
      security: bearer,
      params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } } },
      body: {
        type: 'object', additionalProperties: false, required: ['action', 'reason'],
        properties: { action: { type: 'string', enum: [...STATUS_ACTIONS] }, reason: { type: 'string', minLength: 5, maxLength: 1000, pattern: '\\S' } },
      },
      response: {
        202: { type: 'object', properties: { trackingNumber: { type: 'string' }, certificateNumber: { type: 'string' }, action: { type: 'string' } } },
        400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request, reply) => reply.status(202).send(await requestStatusChange(db, engine, userOf(request), { number: request.params.number, action: request.body.action, reason: requireReason(request.body.reason, 5) })));

  app.get<{ Params: { number: string } }>('/api/certificates/:number/pdf', {
    schema: {
      tags: ['certificates'], summary: 'Download the signed certificate PDF (holder, a counter office it authorised, or staff)', security: bearer,
      params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } } },
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request, reply) => {
    const user = userOf(request);
    const cert = await findIssued(db, canonicalNumber(request.params.number));
    const app = await db.application.findUniqueOrThrow({ where: { id: cert.applicationId }, select: { organisationId: true } });
    // a counter office hands the certificate to the company that authorised it
    const agentOfHolder = isAgent(user) && (await companiesOfAgent(db, user)).includes(app.organisationId);
    if (!isStaff(user) && user.organisationId !== app.organisationId && !agentOfHolder) throw forbidden('only the holder, its counter office and staff may download this certificate');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${cert.number}.pdf"`)
      .header('x-content-sha256', cert.pdfSha256 ?? '')
      .send(await issuedPdf(db, cert));
  });
}
