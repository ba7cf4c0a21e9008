import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { STATUS_ACTIONS, type StatusAction } from '../../../activities/certificates/status-transitions';
import type { EngineClient } from '../engine/engine-client';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { forbidden } from '../plugins/errors';
import { isStaff } from '../services/access';
import { canonicalNumber, findIssued, issuedPdf } from '../services/certificate-records';
import { requestStatusChange } from '../services/certificate-status';
import { bearer, errorSchema } from '../schemas/common';

export async function certificateRoutes(app: FastifyInstance, { db, engine }: { db: Db; engine: EngineClient }): Promise<void> {
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
    preHandler: [authenticate(db), requireRole('admin')],
  }, async (request, reply) => reply.status(202).send(await requestStatusChange(db, engine, userOf(request), { number: request.params.number, ...request.body })));

  app.get<{ Params: { number: string } }>('/api/certificates/:number/pdf', {
    schema: {
      tags: ['certificates'], summary: 'Download the signed certificate PDF (holder or staff)', security: bearer,
      params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } } },
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    preHandler: authenticate(db),
  }, async (request, reply) => {
    const user = userOf(request);
    const cert = await findIssued(db, canonicalNumber(request.params.number));
    const app = await db.application.findUniqueOrThrow({ where: { id: cert.applicationId }, select: { organisationId: true } });
    if (!isStaff(user) && user.organisationId !== app.organisationId) throw forbidden('only the holder and staff may download this certificate');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${cert.number}.pdf"`)
      .header('x-content-sha256', cert.pdfSha256 ?? '')
      .send(await issuedPdf(db, cert));
  });
}
