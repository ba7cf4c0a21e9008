/**
 * The audit log's hash chain. Entries are written from many places at once, and PostgreSQL commits
 * them out of id order, so they are not chained when written: a sealer appends the unsealed ones to
 * the chain afterwards, one sealer at a time across processes, and records the new head in
 * AuditSeal. verifyAuditChain walks the chain, recomputes every hash and names the first break.
 */
import crypto from 'node:crypto';
import type { Db, Prisma } from '../../prisma/client';
import type { Provider } from '../../prisma/providers';

/** The fields an entry's chain hash covers, as stored. */
export interface ChainedFields {
  id: number;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  applicationId: string | null;
  entityType: string;
  entityId: string;
  details: string;
  dedupeKey: string | null;
}

const CHAINED_SELECT = {
  id: true, at: true, actor: true, actorRole: true, action: true, applicationId: true,
  entityType: true, entityId: true, details: true, dedupeKey: true,
} as const;

/** sha256 hex of the previous entry's hash ('' before the first), a newline, and the entry's canonical JSON. */
export function chainHash(previousHash: string, seq: number, e: ChainedFields): string {
  const canonical = JSON.stringify([seq, e.id, e.at.toISOString(), e.actor, e.actorRole, e.action, e.applicationId, e.entityType, e.entityId, e.details, e.dedupeKey]);
  return crypto.createHash('sha256').update(`${previousHash}\n${canonical}`).digest('hex');
}

/** Any constant: the key of PostgreSQL's transaction-scoped advisory lock that one sealer holds at a time. */
const SEALER_LOCK_KEY = 7_310_013;

export const SEAL_BATCH = 1_000;

export interface SealResult {
  sealed: number;
  headSeq: number;
}

async function takeSealerLock(tx: Prisma.TransactionClient, provider: Provider): Promise<void> {
  if (provider === 'postgresql') {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEALER_LOCK_KEY})`);
  } else {
    // SQLite begins transactions deferred: reading first and writing later could meet another
    // process's write lock half-way (SQLITE_BUSY). A write that changes nothing takes the lock now.
    await tx.$executeRaw`UPDATE "AuditSeal" SET "headSeq" = "headSeq" WHERE 1 = 0`;
  }
}

/**
 * One statement for the whole batch: the transaction stays short. (On SQLite the worker's other
 * queries share the one connection, and any that run during the transaction become part of it.)
 * Every value is an integer or a hex digest made here, so they are written into the SQL as they are.
 */
function sealingUpdate(links: { id: number; seq: number; hash: string }[]): string {
  for (const l of links) {
    if (!Number.isSafeInteger(l.id) || !Number.isSafeInteger(l.seq) || !/^[0-9a-f]{64}$/.test(l.hash)) throw new Error(`not a chain link: ${JSON.stringify(l)}`);
  }
  const seqs = links.map((l) => `WHEN ${l.id} THEN ${l.seq}`).join(' ');
  const hashes = links.map((l) => `WHEN ${l.id} THEN '${l.hash}'`).join(' ');
  return `UPDATE "AuditLog" SET "chainSeq" = CASE "id" ${seqs} END, "chainHash" = CASE "id" ${hashes} END WHERE "id" IN (${links.map((l) => l.id).join(', ')})`;
}

/**
 * Appends up to `batch` unsealed entries (oldest id first) to the chain in one transaction, and
 * writes an AuditSeal row for the new head when it sealed anything.
 */
export async function sealAuditChain(db: Db, provider: Provider, { batch = SEAL_BATCH }: { batch?: number } = {}): Promise<SealResult> {
  return db.$transaction(
    async (tx) => {
      await takeSealerLock(tx, provider);
      const head = await tx.auditLog.findFirst({ where: { chainSeq: { not: null } }, orderBy: { chainSeq: 'desc' }, select: { chainSeq: true, chainHash: true } });
      let seq = head?.chainSeq ?? 0;
      let hash = head?.chainHash ?? '';
      const unsealed = await tx.auditLog.findMany({ where: { chainSeq: null }, orderBy: { id: 'asc' }, take: batch, select: CHAINED_SELECT });
      if (!unsealed.length) return { sealed: 0, headSeq: seq };
      const links = unsealed.map((entry) => {
        seq += 1;
        hash = chainHash(hash, seq, entry);
        return { id: entry.id, seq, hash };
      });
      await tx.$executeRawUnsafe(sealingUpdate(links));
      await tx.auditSeal.create({ data: { headSeq: seq, headHash: hash } });
      return { sealed: unsealed.length, headSeq: seq };
    },
    // a second sealer waits for the first one's lock inside its transaction
    { maxWait: 60_000, timeout: 120_000 },
  );
}

/** Seals until nothing is left unsealed; answers how many entries it sealed. */
export async function sealAll(db: Db, provider: Provider): Promise<SealResult> {
  let total = 0;
  for (;;) {
    const run = await sealAuditChain(db, provider);
    total += run.sealed;
    if (run.sealed < SEAL_BATCH) return { sealed: total, headSeq: run.headSeq };
  }
}

export type ChainBreak =
  | { kind: 'altered'; seq: number; entryId: number; message: string }
  | { kind: 'gap'; seq: number; entryId?: number; message: string }
  | { kind: 'seal'; seq: number; message: string };

export interface ChainReport {
  /** Entries in the chain that were checked. */
  checked: number;
  headSeq: number;
  /** The chain hash at headSeq ('' for an empty chain): kept outside the database, it exposes a rewritten tail. */
  headHash: string;
  /** The first break, or undefined when the chain is intact. */
  problem?: ChainBreak;
  /** Entries not sealed yet, and when the oldest of them was written. */
  pending: number;
  oldestPendingAt?: Date;
}

const VERIFY_PAGE = 1_000;

const places = (from: number, to: number): string => (from === to ? `place ${from} is` : `places ${from}–${to} are`);

/**
 * Walks the chain in sealing order and stops at the first break: an entry whose hash does not match
 * its content and its predecessor (edited), a missing place in the sequence (deleted), or a head
 * that does not match the newest seal (tail cut). Safe while sealers run: a seal commits with the
 * entries it sealed, so every entry up to the newest seal read is visible to the walk after it.
 */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  const sealHashes = new Map((await db.auditSeal.findMany({ select: { headSeq: true, headHash: true } })).map((s) => [s.headSeq, s.headHash]));
  let seq = 0;
  let hash = '';
  let checked = 0;
  let problem: ChainBreak | undefined;

  const walk = async (): Promise<void> => {
    for (;;) {
      const page = await db.auditLog.findMany({
        where: { chainSeq: { gt: seq } },
        orderBy: { chainSeq: 'asc' },
        take: VERIFY_PAGE,
        select: { ...CHAINED_SELECT, chainSeq: true, chainHash: true },
      });
      for (const entry of page) {
        const entrySeq = entry.chainSeq!;
        if (entrySeq !== seq + 1) {
          problem = { kind: 'gap', seq: seq + 1, entryId: entry.id, message: `chain ${places(seq + 1, entrySeq - 1)} missing (deleted): entry ${entry.id} at place ${entrySeq} follows place ${seq}` };
          return;
        }
        if (chainHash(hash, entrySeq, entry) !== entry.chainHash) {
          problem = { kind: 'altered', seq: entrySeq, entryId: entry.id, message: `entry ${entry.id} (chain place ${entrySeq}) does not match its hash: it, or the entry before it, was altered` };
          return;
        }
        const sealed = sealHashes.get(entrySeq);
        if (sealed !== undefined && sealed !== entry.chainHash) {
          problem = { kind: 'seal', seq: entrySeq, message: `the seal of chain place ${entrySeq} records another hash than entry ${entry.id} has` };
          return;
        }
        seq = entrySeq;
        hash = entry.chainHash!;
        checked += 1;
      }
      if (page.length < VERIFY_PAGE) return;
    }
  };

  // Sealers may extend the chain during the walk. A seal commits with the entries it sealed, so a
  // walk that starts after a seal was read must reach that seal's place; when it does not, the
  // entries after the chain's end were cut off.
  let sealReadBeforeWalk: number | undefined;
  for (;;) {
    await walk();
    if (problem) break;
    if (sealReadBeforeWalk !== undefined && seq < sealReadBeforeWalk) {
      problem = { kind: 'gap', seq: seq + 1, message: `the newest seal is at chain place ${sealReadBeforeWalk} but the chain ends at place ${seq}: ${places(seq + 1, sealReadBeforeWalk)} missing (cut off)` };
      break;
    }
    const newest = await db.auditSeal.findFirst({ orderBy: { headSeq: 'desc' }, select: { headSeq: true, headHash: true } });
    const sealedTo = newest?.headSeq ?? 0;
    if (sealedTo < seq) {
      problem = { kind: 'seal', seq, message: `the chain runs to place ${seq} but the newest seal is at place ${sealedTo}: entries were chained outside the sealer, or seals were removed` };
    } else if (sealedTo === seq && newest && newest.headHash !== hash) {
      problem = { kind: 'seal', seq, message: `the newest seal records another hash for chain place ${seq} than the chain has` };
    }
    if (problem || sealedTo === seq) break;
    sealReadBeforeWalk = sealedTo;
  }

  const pending = await db.auditLog.count({ where: { chainSeq: null } });
  const oldest = pending ? await db.auditLog.findFirst({ where: { chainSeq: null }, orderBy: { at: 'asc' }, select: { at: true } }) : null;
  return { checked, headSeq: seq, headHash: hash, problem, pending, ...(oldest ? { oldestPendingAt: oldest.at } : {}) };
}

/** The sealer the worker process runs: a sealing run now and then every `intervalMs`, until stopped. */
export function startAuditSealer(db: Db, provider: Provider, intervalMs: number, log: (m: string) => void = console.error): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = sealAll(db, provider)
      .catch((err: unknown) => log(`audit sealer: ${(err as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  timer = setTimeout(loop, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
