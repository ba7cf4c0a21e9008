/**
 * The store of @fastify/rate-limit in the database (RateLimitWindow), so a client's calls count
 * against one limit whichever API process answers them. Fixed windows, as the plugin's own memory
 * store keeps them: a key's window starts at its first call and lasts `timeWindow`; the call that
 * finds it over starts the next.
 *
 * The database holds every call a process may admit, before it admits it: a process claims calls
 * in leases (one atomic upsert that adds the lease to the window's count and returns it), spends
 * them from memory, and claims again when they are gone. So no process ever admits a call the
 * database has not counted, and the limit holds across processes; a client may be refused a little
 * early (by the leases other processes still hold unspent, at most `processes × lease`).
 * Once the database says a window is full, the process refuses that key from memory until the
 * window ends: a flood past the limit costs no database statement at all.
 * The lease is 1 for small limits (every call counted in the database, as the sign-in door and the
 * verify uploads need) and grows to 1/LEASE_SHARE of the limit, at most MAX_LEASE.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../../../prisma/client';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** What the plugin passes to child(): the route's merged options, with the route itself. */
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** How often a process deletes windows that are over (at its next claim), in the database and in memory. */
export const SWEEP_EVERY_MS = 60_000;
/** A lease is this share of the limit (rounded down, at least 1)… */
export const LEASE_SHARE = 20;
/** …and never more than this many calls. */
export const MAX_LEASE = 1_000;

export const leaseFor = (max: number): number => Math.min(MAX_LEASE, Math.max(1, Math.floor(max / LEASE_SHARE)));

/** A key's window as this process knows it: the calls it has claimed and not yet admitted, or that the window is full. */
interface Held {
  windowEndMs: number;
  /** The window's count in the database after this process's last claim. */
  claimedTo: number;
  /** Calls claimed and not yet admitted. */
  unspent: number;
  full: boolean;
}

export function databaseRateLimitStore(db: Db, now: () => number = Date.now): FastifyRateLimitStoreCtor {
  let lastSweep = -Infinity;
  const held = new Map<string, Held>();

  async function sweep(t: number): Promise<void> {
    lastSweep = t;
    for (const [key, h] of held) if (h.windowEndMs <= t) held.delete(key);
    await db.$executeRaw`DELETE FROM "RateLimitWindow" WHERE "windowEndMs" <= ${BigInt(t)}`;
  }

  /** Adds `lease` calls to the key's window in the database (a new window if the last is over). */
  async function claim(key: string, lease: number, timeWindow: number, t: number): Promise<{ count: number; windowEndMs: number }> {
    const [row] = await db.$queryRaw<{ count: number | bigint; windowEndMs: number | bigint }[]>`
      INSERT INTO "RateLimitWindow" ("key", "count", "windowEndMs") VALUES (${key}, ${lease}, ${BigInt(t + timeWindow)})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitWindow"."windowEndMs" <= ${BigInt(t)} THEN ${lease} ELSE "RateLimitWindow"."count" + ${lease} END,
        "windowEndMs" = CASE WHEN "RateLimitWindow"."windowEndMs" <= ${BigInt(t)} THEN excluded."windowEndMs" ELSE "RateLimitWindow"."windowEndMs" END
      RETURNING "count", "windowEndMs"`;
    return { count: Number(row.count), windowEndMs: Number(row.windowEndMs) };
  }

  /** The call's place in its window (`current` > max: refused) and the ms left in the window. */
  async function count(key: string, timeWindow: number, max: number): Promise<{ current: number; ttl: number }> {
    const t = now();
    const known = held.get(key);
    if (known && known.windowEndMs > t) {
      const ttl = known.windowEndMs - t;
      if (known.full) return { current: max + 1, ttl };
      if (known.unspent > 0) {
        known.unspent--;
        return { current: known.claimedTo - known.unspent, ttl };
      }
    }
    if (t - lastSweep >= SWEEP_EVERY_MS) await sweep(t);
    const lease = leaseFor(max);
    const { count: claimedTo, windowEndMs } = await claim(key, lease, timeWindow, t);
    const first = claimedTo - lease + 1;
    // the calls of this lease that still fit under the limit; this one is the first of them
    const usable = Math.max(0, Math.min(lease, max - first + 1));
    const ttl = Math.max(0, windowEndMs - t);
    if (usable === 0) {
      held.set(key, { windowEndMs, claimedTo, unspent: 0, full: true });
      return { current: Math.max(first, max + 1), ttl };
    }
    held.set(key, { windowEndMs, claimedTo: first + usable - 1, unspent: usable - 1, full: false });
    return { current: first, ttl };
  }

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** `prefix`: the route, so each route has its own count per client. */
    constructor(_options: unknown, private readonly prefix = '') {}

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      count(`${this.prefix}${key}`, timeWindow, max).then((result) => callback(null, result), (err: Error) => callback(err));
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const route = (routeOptions as RouteParams).routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `${[route.method ?? ''].flat().join(',')} ${route.url ?? ''}|`);
    }
  }
  return DatabaseRateLimitStore;
}
