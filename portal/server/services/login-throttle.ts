/**
 * Failed sign-ins counted per client address and per user name in the database (LoginFailure), so
 * every API process sees the same counts. A key may fail `freeFailures` times; after that each
 * attempt waits for a back-off that doubles with every further failure (from `firstDelayMs`, at most
 * `maxDelayMs`), counted from the last failure. A key forgets its failures after `forgetAfterMs`
 * without one. Only failures count: the harness and the browser tests sign in as often as they like.
 *
 * An admitted attempt counts as a failure until it succeeds, so parallel guesses cannot all pass the
 * check before the first of them is counted, whichever process hears them. A success forgets the
 * user name's failures and takes back its own count from the address (whose other failures stay: one
 * good account must not clear an address that is guessing at others).
 *
 * A refusal the database gave is remembered in the process until its wait ends, so a flood of
 * attempts from a refused address or at a refused name costs no statement at all. The database stays
 * the truth: a remembered wait can only be too long (when another process's success took back a
 * failure since), never too short.
 *
 * An attempt costs one read of its two rows and one statement that counts on both, each a
 * compare-and-set (INSERT … ON CONFLICT DO UPDATE … WHERE the row is still as read); a success one
 * more statement. Written as SQL because Prisma's updateMany reads the matching ids first and so
 * cannot compare-and-set; no transaction, so no lock is held between statements and no caught
 * unique violation can abort one on PostgreSQL. An attempt whose rows another process changed in
 * between reads again.
 */
import type { Db } from '../../../prisma/client';

export interface ThrottleLimits {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export interface LoginLimits {
  perUsername: ThrottleLimits;
  perAddress: ThrottleLimits;
  /** Rows kept per kind at most; beyond it each sweep drops the longest quiet ones (bounded growth). */
  maxKeys: number;
  /** How often a process sweeps forgotten rows away, at its next sign-in attempt. */
  sweepEveryMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  // five tries, then 30 s, 1 min, 2 min, … 15 min between guesses: a few dozen an hour at most
  perUsername: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  // an office behind one address has many users who mistype now and then
  perAddress: { freeFailures: 30, firstDelayMs: 10_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  maxKeys: 50_000,
  sweepEveryMs: 60_000,
};

export type Admission =
  | { admitted: true; succeeded(): Promise<void> }
  | { admitted: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Called before the password is checked; an admitted attempt calls `succeeded()` when it was right. */
  admit(address: string, username: string): Promise<Admission>;
  /** Deletes forgotten rows and, per kind, all but the `maxKeys` most recent (admit() calls it every `sweepEveryMs`). */
  sweep(): Promise<void>;
}

/** A key's failures as stored: how many, and when the last one was (ms since 1970). */
export interface Failures {
  count: number;
  lastAtMs: number;
}

/** The failures still remembered at `now`: none once the key has been quiet for `forgetAfterMs`. */
export function remembered(limits: ThrottleLimits, failures: Failures | undefined, now: number): Failures | undefined {
  return failures && now - failures.lastAtMs < limits.forgetAfterMs ? failures : undefined;
}

/** Milliseconds the key must still wait before its next attempt is heard (0: none). */
export function waitMs(limits: ThrottleLimits, failures: Failures | undefined, now: number): number {
  const current = remembered(limits, failures, now);
  if (!current || current.count < limits.freeFailures) return 0;
  const delay = Math.min(limits.firstDelayMs * 2 ** (current.count - limits.freeFailures), limits.maxDelayMs);
  return Math.max(0, current.lastAtMs + delay - now);
}

/** User names are compared as the sign-in form may send them: case and surrounding spaces do not make a new key. */
const usernameKey = (username: string) => username.trim().toLowerCase();

type Kind = 'username' | 'address';

/** Attempts to count one failure before giving up (each lost race means another attempt was counted). */
const MAX_RACES = 20;

export function createLoginThrottle(db: Db, limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: () => number = Date.now): LoginThrottle {
  const limitsOf = (kind: Kind) => (kind === 'username' ? limits.perUsername : limits.perAddress);

  /** What a failure makes of a key's row as read: one more than it remembers, now. */
  const next = (kind: Kind, before: Failures | undefined, t: number): Failures => ({ count: (remembered(limitsOf(kind), before, t)?.count ?? 0) + 1, lastAtMs: t });
  /** Compared with a row as read: a row that was not there yet matches no row (a count is never negative). */
  const asRead = (before: Failures | undefined) => ({ count: before?.count ?? -1, lastAtMs: BigInt(before?.lastAtMs ?? -1) });

  /**
   * Counts one failure on the user name and one on the address in one statement, each only if its
   * row is still as read (or still absent); the kinds whose row was written.
   */
  async function countFailures(user: string, address: string, name: Failures | undefined, addr: Failures | undefined, t: number): Promise<Set<Kind>> {
    const [nameNext, addressNext] = [next('username', name, t), next('address', addr, t)];
    const [nameRead, addressRead] = [asRead(name), asRead(addr)];
    const written = await db.$queryRaw<{ kind: Kind }[]>`
      INSERT INTO "LoginFailure" ("kind", "key", "count", "lastAtMs")
      VALUES ('username', ${user}, ${nameNext.count}, ${BigInt(t)}), ('address', ${address}, ${addressNext.count}, ${BigInt(t)})
      ON CONFLICT ("kind", "key") DO UPDATE SET "count" = excluded."count", "lastAtMs" = excluded."lastAtMs"
      WHERE ("LoginFailure"."kind" = 'username' AND "LoginFailure"."count" = ${nameRead.count} AND "LoginFailure"."lastAtMs" = ${nameRead.lastAtMs})
         OR ("LoginFailure"."kind" = 'address' AND "LoginFailure"."count" = ${addressRead.count} AND "LoginFailure"."lastAtMs" = ${addressRead.lastAtMs})
      RETURNING "kind"`;
    return new Set(written.map((w) => w.kind));
  }

  /**
   * Takes back exactly the failure that wrote `written` on the address (and, on a success, forgets the
   * user name's failures) in one statement: the address row as it was before (a count of 0 if there
   * was none), or, when a later failure has been counted since, one off its count, keeping its time.
   */
  async function takeBack(kind: Kind, key: string, written: Failures, before: Failures | undefined, t: number, forgetUser?: string): Promise<void> {
    const earlier = remembered(limitsOf(kind), before, t) ?? { count: 0, lastAtMs: written.lastAtMs };
    const [wc, wl, ec, el] = [written.count, BigInt(written.lastAtMs), earlier.count, BigInt(earlier.lastAtMs)];
    await db.$executeRaw`UPDATE "LoginFailure" SET
        "count" = CASE WHEN "kind" <> ${kind} THEN 0 WHEN "count" = ${wc} AND "lastAtMs" = ${wl} THEN ${ec} ELSE "count" - 1 END,
        "lastAtMs" = CASE WHEN "kind" = ${kind} AND "count" = ${wc} AND "lastAtMs" = ${wl} THEN ${el} ELSE "lastAtMs" END
      WHERE ("kind" = ${kind} AND "key" = ${key} AND "count" > 0) OR ("kind" = 'username' AND "kind" <> ${kind} AND "key" = ${forgetUser ?? null})`;
  }

  /** Refusals the database gave, by kind and key: refused until (ms since 1970). */
  const refusedUntil = new Map<string, number>();
  const refusalKey = (kind: Kind, key: string) => `${kind}\u0000${key}`;
  function rememberedRefusal(user: string, address: string, t: number): number {
    let until = 0;
    for (const key of [refusalKey('username', user), refusalKey('address', address)]) {
      const u = refusedUntil.get(key);
      if (u !== undefined && u <= t) refusedUntil.delete(key);
      else if (u !== undefined) until = Math.max(until, u);
    }
    return until;
  }
  function rememberRefusal(kind: Kind, key: string, wait: number, t: number): void {
    if (wait <= 0) return;
    if (refusedUntil.size >= limits.maxKeys) refusedUntil.clear();
    refusedUntil.set(refusalKey(kind, key), t + wait);
  }

  let lastSweep = -Infinity;
  async function sweep(): Promise<void> {
    const t = now();
    for (const [key, until] of refusedUntil) if (until <= t) refusedUntil.delete(key);
    for (const kind of ['username', 'address'] as const) {
      await db.$executeRaw`DELETE FROM "LoginFailure" WHERE "kind" = ${kind} AND "lastAtMs" <= ${BigInt(t - limitsOf(kind).forgetAfterMs)}`;
      const oldestKept = await db.loginFailure.findFirst({ where: { kind }, orderBy: [{ lastAtMs: 'desc' }, { key: 'asc' }], skip: limits.maxKeys - 1, select: { lastAtMs: true } });
      if (oldestKept) await db.$executeRaw`DELETE FROM "LoginFailure" WHERE "kind" = ${kind} AND "lastAtMs" < ${oldestKept.lastAtMs}`;
    }
  }

  return {
    sweep,
    async admit(address, username) {
      const t = now();
      if (t - lastSweep >= limits.sweepEveryMs) {
        lastSweep = t;
        await sweep();
      }
      const user = usernameKey(username);
      const until = rememberedRefusal(user, address, t);
      if (until > t) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((until - t) / 1000)) };
      for (let race = 0; race < MAX_RACES; race++) {
        const rows = await db.loginFailure.findMany({ where: { OR: [{ kind: 'username', key: user }, { kind: 'address', key: address }] } });
        const stored = (kind: Kind): Failures | undefined => {
          const row = rows.find((r) => r.kind === kind);
          return row ? { count: row.count, lastAtMs: Number(row.lastAtMs) } : undefined;
        };
        const [nameBefore, addressBefore] = [stored('username'), stored('address')];
        const [nameWait, addressWait] = [waitMs(limits.perUsername, nameBefore, t), waitMs(limits.perAddress, addressBefore, t)];
        const wait = Math.max(nameWait, addressWait);
        if (wait > 0) {
          rememberRefusal('username', user, nameWait, t);
          rememberRefusal('address', address, addressWait, t);
          return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
        }
        const written = await countFailures(user, address, nameBefore, addressBefore, t);
        if (written.size < 2) {
          // another process counted on one of the rows since it was read: take back the other, read again
          if (written.has('username')) await takeBack('username', user, next('username', nameBefore, t), nameBefore, t);
          if (written.has('address')) await takeBack('address', address, next('address', addressBefore, t), addressBefore, t);
          continue;
        }
        const addressWritten = next('address', addressBefore, t);
        return {
          admitted: true,
          // the user name's failures are forgotten (a count of 0) and the address's own taken back, in one statement
          succeeded: async () => {
            refusedUntil.delete(refusalKey('username', user));
            await takeBack('address', address, addressWritten, addressBefore, t, user);
          },
        };
      }
      // the rows kept changing under this attempt: many attempts at once for this name or address
      return { admitted: false, retryAfterSeconds: 1 };
    },
  };
}
