/**
 * Rate limits on the doors that need no login (per client address, counted in the database so that
 * every API process shares one limit: rate-limit-store.ts).
 * Each public route names its limit in `config.rateLimit`; other routes are not limited here (they
 * need a login). A refused call gets 429 in the API's one error shape, with Retry-After.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { HttpError } from './errors';
import { databaseRateLimitStore } from './rate-limit-store';

export interface PublicRateLimits {
  /** Look-ups, the register, the CA certificates and the status feed: calls per minute. */
  lookupsPerMinute: number;
  /** PDF uploads to /api/public/verify: calls per minute. */
  uploadsPerMinute: number;
}

export const DEFAULT_PUBLIC_RATE_LIMITS: PublicRateLimits = { lookupsPerMinute: 300, uploadsPerMinute: 30 };

export async function registerRateLimits(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(db),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'too_many_requests', `too many requests: at most ${context.max} per ${context.after}; try again in ${Math.ceil(context.ttl / 1000)} s`),
  });
}

/** The route option that limits a public route to `perMinute` calls per client per minute. */
export const limitPerMinute = (perMinute: number) => ({ rateLimit: { max: perMinute, timeWindow: 60_000 } });
