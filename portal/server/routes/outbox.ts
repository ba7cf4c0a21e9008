/** The notice outbox for administrators: deliveries by event, channel and state; a failed one retried. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { CHANNELS, DELIVERY_STATES } from '../../../activities/notices/outbox';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { bearer, errorSchema } from '../schemas/common';
import { outboxDelivery, outboxList, retryDelivery, type OutboxQuery } from '../services/outbox';

const deliveryId = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' } } } as const;

export async function outboxRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const admin = [authenticate(db), requireRole('admin')];

  app.get<{ Querystring: OutboxQuery }>('/api/outbox', {
    schema: {
      tags: ['notices'],
      summary: 'Notice deliveries, newest first (at most 500), filtered by event, channel, state or a tracking/certificate number; with the number in each state',
      security: bearer,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          event: { type: 'string', maxLength: 60, pattern: '^[a-z0-9-]+$' },
          channel: { type: 'string', enum: [...CHANNELS] },
          state: { type: 'string', enum: [...DELIVERY_STATES] },
          q: { type: 'string', maxLength: 60 },
        },
      },
      response: { 400: errorSchema, 401: errorSchema, 403: errorSchema },
    },
    onRequest: admin,
  }, async (request) => outboxList(db, request.query));

  app.get<{ Params: { id: string } }>('/api/outbox/:id', {
    schema: { tags: ['notices'], summary: 'One delivery with its notice (texts, event key, recipient user)', security: bearer, params: deliveryId, response: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    onRequest: admin,
  }, async (request) => outboxDelivery(db, request.params.id));

  app.post<{ Params: { id: string } }>('/api/outbox/:id/retry', {
    schema: { tags: ['notices'], summary: 'Retries a failed delivery (pending again, due now, a fresh round of attempts); 409 unless it failed', security: bearer, params: deliveryId, response: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } },
    onRequest: admin,
  }, async (request) => retryDelivery(db, request.params.id, userOf(request).username));
}
