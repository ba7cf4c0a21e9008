import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, userOf } from '../plugins/auth';
import { bearer, errorSchema } from '../schemas/common';
import { badRequest } from '../plugins/errors';
import { inboxWithDeliveries } from '../services/outbox';
import { toLatinDigits } from '../../../activities/certificates/digits';

interface MarkRead {
  ids: string[];
}

interface Contact {
  mobile: string | null;
  email: string | null;
}

const contactSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mobile', 'email'],
  properties: {
    // an Iranian mobile number (the 4040 SMS goes there), in Latin or Persian digits
    mobile: { type: ['string', 'null'], pattern: '^(09|۰۹)[0-9۰-۹]{9}$' },
    email: { type: ['string', 'null'], maxLength: 254, pattern: '^[^\\s@<>()\\[\\],;:"]+@[^\\s@<>()\\[\\],;:"]+\\.[^\\s@<>()\\[\\],;:"]+$' },
  },
} as const;

export async function notificationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: 'My inbox, newest first, each message with its delivery state per channel (inbox, sms, email)', security: bearer },
    onRequest: authenticate(db),
  }, async (request) => inboxWithDeliveries(db, userOf(request).id));

  app.get('/api/notifications/contact', {
    schema: { tags: ['notifications'], summary: 'Where my notices go besides the inbox: my mobile (SMS from 4040) and e-mail address', security: bearer, response: { 200: contactSchema, 401: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => db.user.findUniqueOrThrow({ where: { id: userOf(request).id }, select: { mobile: true, email: true } }));

  app.put<{ Body: Contact }>('/api/notifications/contact', {
    schema: { tags: ['notifications'], summary: 'Sets where my notices go: mobile (09…, 11 digits) and e-mail; null stops that channel', security: bearer, body: contactSchema, response: { 200: contactSchema, 400: errorSchema, 401: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => {
    const mobile = request.body.mobile === null ? null : toLatinDigits(request.body.mobile);
    const email = request.body.email === null ? null : request.body.email.trim();
    // no invisible or direction-changing characters in an address a mail server will see
    if (email && /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(email)) throw badRequest('the e-mail address has invisible or control characters', { email: 'plain characters only' });
    return db.user.update({ where: { id: userOf(request).id }, data: { mobile, email }, select: { mobile: true, email: true } });
  });

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
    onRequest: authenticate(db),
  }, async (request) => {
    const { count } = await db.notification.updateMany({ where: { id: { in: request.body.ids }, userId: userOf(request).id, readAt: null }, data: { readAt: new Date() } });
    return { marked: count };
  });
}
