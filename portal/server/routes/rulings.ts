/**
 * Rulings on applications their own workflow could not decide: the applicant's appeal of a
 * rejection, and the administrators' on-demand legal-deadline sweep (the worker's schedule runs
 * the same sweep every hour).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { EngineClient } from '../engine/engine-client';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { requireReason } from '../services/hostile-text';
import { bearer, errorSchema, trackingNumberParam } from '../schemas/common';
import { lodgeAppeal } from '../services/appeals';
import { sweepLegalDeadlines } from '../../../activities/deadlines/legal-deadline-sweep';
import { TRACKING_NUMBER_PATTERN } from '../../../activities/applications/tracking-number';

export async function rulingRoutes(app: FastifyInstance, { db, engine, definitionsDir }: { db: Db; engine: EngineClient; definitionsDir?: string }): Promise<void> {
  app.post<{ Params: { trackingNumber: string }; Body: { reason: string } }>('/api/applications/:trackingNumber/appeal', {
    schema: {
      tags: ['applications'],
      summary: "Appeal a rejection of your organisation's application within the family's appeal window: the appeal board reviews it and may overturn it (the certificate is then issued)",
      security: bearer,
      params: trackingNumberParam,
      body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } } },
      response: {
        201: { type: 'object', properties: { trackingNumber: { type: 'string' }, appeal: { type: 'string' } } },
        400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema,
      },
    },
    onRequest: [authenticate(db), requireRole('applicant')],
  }, async (request, reply) => {
    const reason = requireReason(request.body.reason, 3);
    const started = await lodgeAppeal(db, engine, userOf(request), request.params.trackingNumber, reason);
    return reply.status(201).send(started);
  });

  app.post<{ Body: { trackingNumbers?: string[] } }>('/api/legal-deadlines/sweep', {
    schema: {
      tags: ['applications'],
      summary: 'Rule now on every application whose legal time ran out (or only those named): deemed approval or escalation, per family; each application is ruled on once',
      security: bearer,
      body: {
        type: 'object', additionalProperties: false,
        properties: { trackingNumbers: { type: 'array', maxItems: 100, items: { type: 'string', pattern: TRACKING_NUMBER_PATTERN } } },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            checked: { type: 'integer' },
            ruled: { type: 'array', items: { type: 'object', properties: { trackingNumber: { type: 'string' }, ruling: { type: 'string' }, deadline: { type: 'string' } } } },
          },
        },
        400: errorSchema, 403: errorSchema,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => sweepLegalDeadlines(db, engine.temporal, engine.queue, { engineClock: engine.clockControl, trackingNumbers: request.body?.trackingNumbers, definitionsDir }));
}
