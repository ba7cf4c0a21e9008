/**
 * Events from outside into running processes: publish a message (correlated by name and key,
 * buffered for its time to live) and broadcast a signal. Administrators and integration accounts.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { broadcastSignal, publishMessage } from '../../../activities/messaging/correlation';
import { durationMsFrom } from '../../../workflows/timers/iso8601';
import type { EngineClient } from '../engine/engine-client';
import { authenticate, requireRole } from '../plugins/auth';
import { badRequest } from '../plugins/errors';
import { bearer, errorSchema } from '../schemas/common';

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const MAX_TTL_MS = 30 * 24 * 3_600_000;

export function timeToLiveMs(text: string): number {
  const parsed = durationMsFrom(new Date(), text);
  if (!parsed.ok) throw badRequest(`timeToLive: ${parsed.message}`);
  if (parsed.value > MAX_TTL_MS) throw badRequest('timeToLive may be at most 30 days');
  return parsed.value;
}

export async function eventRoutes(app: FastifyInstance, { db, engine }: { db: Db; engine: EngineClient }): Promise<void> {
  app.post<{ Body: { name: string; correlationKey: string; variables?: Record<string, unknown>; timeToLive?: string; messageId?: string } }>('/api/messages', {
    schema: {
      tags: ['events'], summary: 'Publish a message to the process instances waiting for its name and correlation key (or, when none waits, start the processes with that message start event)', security: bearer,
      body: {
        type: 'object', additionalProperties: false, required: ['name', 'correlationKey'],
        properties: { name: NAME, correlationKey: { type: 'string', maxLength: 200 }, variables: { type: 'object' }, timeToLive: { type: 'string', maxLength: 40 }, messageId: NAME },
      },
      response: { 200: { type: 'object', properties: { messageId: { type: 'string' }, correlatedTo: { type: 'integer' }, started: { type: 'array', items: { type: 'string' } } } }, 400: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const { name, correlationKey, variables = {}, timeToLive, messageId = crypto.randomUUID() } = request.body;
    const result = await publishMessage(db, engine.temporal, engine.queue, { messageId, name, correlationKey, variables, timeToLiveMs: timeToLive ? timeToLiveMs(timeToLive) : 0 });
    return { messageId, correlatedTo: result.correlatedTo.length, started: result.started };
  });

  app.post<{ Body: { name: string; variables?: Record<string, unknown> } }>('/api/signals', {
    schema: {
      tags: ['events'], summary: 'Broadcast a signal to every process instance waiting for it, and start the processes with that signal start event', security: bearer,
      body: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: NAME, variables: { type: 'object' } } },
      response: { 200: { type: 'object', properties: { delivered: { type: 'integer' }, started: { type: 'array', items: { type: 'string' } } } }, 400: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => broadcastSignal(db, engine.temporal, engine.queue, { signalId: crypto.randomUUID(), name: request.body.name, variables: request.body.variables ?? {} }));
}
