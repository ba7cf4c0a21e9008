/**
 * What an orchestrator and a monitoring system ask: liveness (the process answers), readiness (the
 * database and the workflow engine answer too; 503 naming what does not) and Prometheus metrics
 * (administrators, or a scraper holding METRICS_TOKEN).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { Db } from '../../../prisma/client';
import type { EngineClient } from '../engine/engine-client';
import { authenticate, requireRole } from '../plugins/auth';
import { bearer } from '../schemas/common';

const PROBE_TIMEOUT_MS = 1_500;

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS); });
  try {
    return await Promise.race([db.$queryRawUnsafe('SELECT 1').then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

function holdsMetricsToken(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(request.headers.authorization?.replace(/^Bearer /i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

export async function healthRoutes(app: FastifyInstance, { db, engine, metrics, metricsToken }: { db: Db; engine: EngineClient; metrics: Registry; metricsToken?: string }): Promise<void> {
  app.get('/api/health', { schema: { tags: ['ops'], summary: 'Liveness: the API process answers' } }, async () => ({ ok: true }));

  app.get('/api/ready', {
    schema: { tags: ['ops'], summary: 'Readiness: the database and the workflow engine answer (503 with Retry-After naming what does not)' },
  }, async (_request, reply) => {
    const [database, temporal] = await Promise.all([databaseAnswers(db), engine.availability.reachable()]);
    const body = { ready: database && temporal, database: database ? 'ok' : 'unreachable', temporal: temporal ? 'ok' : 'unreachable' };
    if (!body.ready) reply.status(503).header('Retry-After', '5');
    return body;
  });

  const adminOnly = [authenticate(db), requireRole('admin')];
  app.get('/api/metrics', {
    schema: { tags: ['ops'], summary: 'Prometheus metrics (administrators, or the METRICS_TOKEN bearer)', security: bearer },
    onRequest: async (request) => {
      if (holdsMetricsToken(request, metricsToken)) return;
      for (const check of adminOnly) await check(request);
    },
  }, async (_request, reply) => {
    reply.header('Content-Type', metrics.contentType);
    return metrics.metrics();
  });
}
