/**
 * The store of @fastify/rate-limit in the database (RateLimitWindow), so a client's calls count
 * against one limit whichever API process answers them. Fixed windows, as the plugin's own memory
 * store keeps them: a key's window starts at its first call and lasts `timeWindow`; the call that
 * finds it over starts the next. Each call is one statement (an upsert that counts and returns the
 * count and the window's end), so concurrent calls from several processes are all counted.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../../../prisma/client';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** What the plugin passes to child(): the route's merged options, with the route itself. */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** How often a process deletes windows that are over (at its next counted call). */
export const SWEEP_EVERY_MS = 60_000;

export function databaseRateLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  let lastSweep = -Infinity;

  async function count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
    const t = now();
    if (t - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = t;
      await db.$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowEndMs" <= ${BigInt(t)}`;
    }
    const [row] = await db.$queryRaw<{ count: number | bigint; windowEndMs: number | bigint }[]>`
      INSERT INTO "RateLimitWindow" ("key", "count", "windowEndMs") VALUES (${key}, 1, ${BigInt(t + timeWindow)})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitWindow"."windowEndMs" <= ${BigInt(t)} THEN 1 ELSE "RateLimitWindow"."count" + 1 END,
        "windowEndMs" = CASE WHEN "RateLimitWindow"."windowEndMs" <= ${BigInt(t)} THEN excluded."windowEndMs" ELSE "RateLimitWindow"."windowEndMs" END
      RETURNING "count", "windowEndMs"`;
    return { current: Number(row.count), ttl: Math.max(0, Number(row.windowEndMs) - t) };
  }

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** `prefix`: the route, so each route has its own count per client. */
    constructor(_options: unknown, private readonly prefix = '') {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      count(`${this.prefix}${key}`, timeWindow).then((result) => callback(null, result), (err: Error) => callback(err));
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const route = (routeOptions as RouteParams).routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `${[route.method ?? ''].flat().join(',')} ${route.url ?? ''}|`);
    }
  }
  return DatabaseRateLimitStore;
}
