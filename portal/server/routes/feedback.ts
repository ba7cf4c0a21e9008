/**
 * Questions, criticism, suggestions and complaints: filing (anyone; signed in or with a name and
 * a mobile or e-mail), following up (the sender: signed in, or with tracking number + code), and
 * answering (administrators). Logic: services/feedback-messages.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, type CurrentUser, requireRole, userOf } from '../plugins/auth';
import { limitPerMinute, type PublicRateLimits } from '../plugins/rate-limits';
import { bearer, errorSchema } from '../schemas/common';
import {
  adminList, answerMessage, closeMessage, FEEDBACK_KINDS, FEEDBACK_NUMBER_PATTERN, FEEDBACK_STATES, fileFeedback, lookUpPublic, messageFor, myMessages,
  feedbackServices, present, type AdminFilter, type FileFeedback,
} from '../services/feedback-messages';

const numberParam = { type: 'object', required: ['trackingNumber'], properties: { trackingNumber: { type: 'string', pattern: FEEDBACK_NUMBER_PATTERN } } } as const;

const messageSchema = {
  type: 'object',
  properties: {
    trackingNumber: { type: 'string' }, kind: { type: 'string', enum: [...FEEDBACK_KINDS] }, processKey: { type: ['string', 'null'] }, serviceId: { type: ['string', 'null'] },
    applicationTrackingNumber: { type: ['string', 'null'] }, text: { type: 'string' }, state: { type: 'string', enum: [...FEEDBACK_STATES] },
    delayFlagged: { type: 'boolean' }, expectedDecisionAt: { type: ['string', 'null'], format: 'date-time' }, answer: { type: ['string', 'null'] },
    answeredAt: { type: ['string', 'null'], format: 'date-time' }, closedAt: { type: ['string', 'null'], format: 'date-time' }, createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const staffMessageSchema = {
  type: 'object',
  properties: {
    ...messageSchema.properties,
    senderName: { type: ['string', 'null'] }, senderUsername: { type: ['string', 'null'] }, senderContact: { type: ['string', 'null'] }, answeredBy: { type: ['string', 'null'] },
  },
} as const;

/** The signed-in user when a valid token is presented; a bad token is refused rather than ignored. */
async function optionalUser(db: Db, request: FastifyRequest): Promise<CurrentUser | undefined> {
  if (!request.headers.authorization) return undefined;
  await authenticate(db)(request);
  return request.currentUser;
}

export async function feedbackRoutes(app: FastifyInstance, { db, limits }: { db: Db; limits: PublicRateLimits }): Promise<void> {
  app.post<{ Body: FileFeedback }>('/api/feedback', {
    schema: {
      tags: ['feedback'],
      summary: 'File a question, criticism, suggestion or complaint about a service (processKey) or, signed in, about an application you may see; without a login give your name and a mobile (09…) or e-mail, and keep the follow-up code the answer gives',
      body: {
        type: 'object', additionalProperties: false, required: ['kind', 'text'],
        properties: {
          kind: { type: 'string', enum: [...FEEDBACK_KINDS] },
          text: { type: 'string', minLength: 3, maxLength: 4000 },
          processKey: { type: 'string', minLength: 1, maxLength: 200 },
          applicationTrackingNumber: { type: 'string', pattern: '^[A-Z]{2,4}-[0-9]{8}-[0-9A-Z]{6}$' },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          contact: { type: 'string', minLength: 3, maxLength: 200 },
        },
      },
      response: {
        201: { type: 'object', properties: { ...messageSchema.properties, followUpCode: { type: 'string', description: 'only for senders without a login: with the tracking number it shows the answer' } } },
        400: errorSchema, 401: errorSchema, 404: errorSchema, 429: errorSchema,
      },
    },
    config: limitPerMinute(limits.uploadsPerMinute),
  }, async (request, reply) => {
    const user = await optionalUser(db, request);
    const { row, followUpCode, application } = await fileFeedback(db, user, request.body);
    return reply.status(201).send({ ...present(row, application), ...(followUpCode ? { followUpCode } : {}) });
  });

  app.get('/api/public/feedback/services', {
    schema: {
      tags: ['feedback'], summary: 'The services a message may be about: each family\'s process key, service ID and name (of its newest deployed version)',
      response: { 200: { type: 'array', items: { type: 'object', properties: { processKey: { type: 'string' }, serviceId: { type: 'string' }, name: { type: ['string', 'null'] } } } } },
    },
    config: limitPerMinute(limits.lookupsPerMinute),
  }, async () => feedbackServices(db));

  app.post<{ Body: { trackingNumber: string; code: string } }>('/api/public/feedback/lookup', {
    schema: {
      tags: ['feedback'], summary: 'A message filed without a login: its state and answer, by tracking number and follow-up code',
      body: {
        type: 'object', additionalProperties: false, required: ['trackingNumber', 'code'],
        properties: { trackingNumber: { type: 'string', pattern: FEEDBACK_NUMBER_PATTERN }, code: { type: 'string', minLength: 4, maxLength: 40 } },
      },
      response: { 200: messageSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
    },
    config: limitPerMinute(limits.uploadsPerMinute),
  }, async (request) => lookUpPublic(db, request.body.trackingNumber, request.body.code));

  app.get('/api/feedback/mine', {
    schema: { tags: ['feedback'], summary: 'My messages, newest first, with their state and answer', security: bearer, response: { 200: { type: 'array', items: messageSchema } } },
    onRequest: authenticate(db),
  }, async (request) => myMessages(db, userOf(request)));

  app.get<{ Querystring: AdminFilter }>('/api/feedback', {
    schema: {
      tags: ['feedback'], summary: 'All messages (administrators), filtered by kind, state and the delay flag; flagged first, then newest', security: bearer,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: [...FEEDBACK_KINDS] }, state: { type: 'string', enum: [...FEEDBACK_STATES] }, flagged: { type: 'boolean' },
          page: { type: 'integer', minimum: 1, maximum: 10000 }, perPage: { type: 'integer', minimum: 1, maximum: 200 },
        },
      },
      response: { 200: { type: 'object', properties: { data: { type: 'array', items: staffMessageSchema }, total: { type: 'integer' } } }, 400: errorSchema, 403: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => adminList(db, request.query));

  app.get<{ Params: { trackingNumber: string } }>('/api/feedback/:trackingNumber', {
    schema: { tags: ['feedback'], summary: 'One message: its sender (signed in) or an administrator', security: bearer, params: numberParam, response: { 200: staffMessageSchema, 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => messageFor(db, userOf(request), request.params.trackingNumber));

  app.post<{ Params: { trackingNumber: string }; Body: { answer: string; close?: boolean } }>('/api/feedback/:trackingNumber/answer', {
    schema: {
      tags: ['feedback'], summary: 'Answer a message (administrators); close: true also closes it. A signed-in sender is told in the inbox', security: bearer,
      params: numberParam,
      body: { type: 'object', additionalProperties: false, required: ['answer'], properties: { answer: { type: 'string', minLength: 3, maxLength: 4000 }, close: { type: 'boolean' } } },
      response: { 200: staffMessageSchema, 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const user = userOf(request);
    await answerMessage(db, user, request.params.trackingNumber, request.body);
    return messageFor(db, user, request.params.trackingNumber);
  });

  app.post<{ Params: { trackingNumber: string } }>('/api/feedback/:trackingNumber/close', {
    schema: { tags: ['feedback'], summary: 'Close a message (administrators)', security: bearer, params: numberParam, response: { 200: staffMessageSchema, 404: errorSchema, 409: errorSchema } },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    await closeMessage(db, request.params.trackingNumber);
    return messageFor(db, userOf(request), request.params.trackingNumber);
  });
}

