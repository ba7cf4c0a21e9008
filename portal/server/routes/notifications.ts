import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, userOf } from '../plugins/auth';
import { bearer, errorSchema } from '../schemas/common';
import { inboxWithDeliveries } from '../services/outbox';

interface MarkRead {
  ids: string[];
}

export async function notificationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: 'My inbox, newest first, each message with its delivery state per channel (inbox, sms, email)', security: bearer },
    preHandler: authenticate(db),
  }, async (request) => inboxWithDeliveries(db, userOf(request).id));

  app.post<{ Body: MarkRead }>('/api/notifications/read', {
    schema: {
      tags: ['notifications'],
      summary: 'Marks messages of my inbox as read (ids of other users\' messages, unknown or already read ones change nothing); answers how many were newly marked',
      security: bearer,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['ids'],
        properties: { ids: { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' } } },
      },
      response: { 200: { type: 'object', required: ['marked'], properties: { marked: { type: 'integer' } } }, 400: errorSchema, 401: errorSchema },
    },
    preHandler: authenticate(db),
  }, async (request) => {
    const { count } = await db.notification.updateMany({ where: { id: { in: request.body.ids }, userId: userOf(request).id, readAt: null }, data: { readAt: new Date() } });
    return { marked: count };
  });
}
