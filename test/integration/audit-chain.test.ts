/**
 * The tamper-evident audit log against the real test database: sealing chains every entry once,
 * in one contiguous sequence, even with sealers racing; verification names an edited entry, the gap
 * a deleted one leaves and a cut-off tail; the append-only guard lets only the sealing update through.
 *
 * The database is shared with the other test files, whose entries are chained here too. Each
 * tampering test works on entries it wrote and sealed itself, and puts back what it broke, so the
 * chain verifies again for whatever runs next.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Db, Prisma } from '../../prisma/client';
import { createDb } from '../../prisma/client';
import { providerOf } from '../../prisma/providers';
import { appendAudit } from '../../activities/audit/audit-log';
import { sealAll, sealAuditChain, verifyAuditChain } from '../../activities/audit/audit-chain';

const provider = providerOf(process.env.DATABASE_URL!);
let db: Db;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL!);
});
afterAll(() => db.$disconnect());

/** Writes `count` entries and seals them; answers them as stored, in chain order. */
async function sealedEntries(count: number, label: string) {
  for (let i = 0; i < count; i += 1) {
    await appendAudit(db, { actor: 'audit-chain-test', action: 'test.chain', entityType: 'test', entityId: `${label}-${i}`, details: { i } });
  }
  await sealAll(db, provider);
  const rows = await db.auditLog.findMany({ where: { actor: 'audit-chain-test', entityId: { startsWith: `${label}-` } }, orderBy: { chainSeq: 'asc' } });
  expect(rows.every((r) => r.chainSeq !== null)).toBe(true);
  return rows;
}

/**
 * Runs raw SQL as someone who got past the append-only guard would (the guard lifted inside one
 * transaction, then put back as it was): what the hash chain is there to expose.
 */
async function tamper(sql: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<void> {
  await db.$transaction(async (tx) => {
    if (provider === 'postgresql') {
      await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" DISABLE TRIGGER USER');
      await sql(tx);
      await tx.$executeRawUnsafe('ALTER TABLE "AuditLog" ENABLE TRIGGER USER');
    } else {
      const triggers = await tx.$queryRawUnsafe<{ name: string; sql: string }[]>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditLog'`);
      expect(triggers.length).toBeGreaterThan(0);
      for (const t of triggers) await tx.$executeRawUnsafe(`DROP TRIGGER "${t.name}"`);
      await sql(tx);
      for (const t of triggers) await tx.$executeRawUnsafe(t.sql);
    }
  });
}

/** Starts `count` sealer processes, lets them go at once, and answers what each sealed. */
async function raceSealerProcesses(count: number, batch: number): Promise<{ sealed: number }[]> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'support', 'audit-sealer-process.ts'), String(batch)], {
      env: process.env,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const outputs = children.map((child) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const ready = new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('ready') && resolve()));
    const exited = new Promise<string>((resolve, reject) =>
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`sealer process exited with ${code}: ${out}`)))),
    );
    return { ready, exited };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.end('go\n');
  const texts = await Promise.all(outputs.map((o) => o.exited));
  return texts.map((t) => JSON.parse(t.trim().split('\n').pop()!) as { sealed: number });
}

async function expectIntact(): Promise<void> {
  const report = await verifyAuditChain(db);
  expect(report.problem).toBeUndefined();
}

describe('sealing', () => {
  it('chains every entry once, in one contiguous sequence from 1, and the chain verifies', async () => {
    await sealedEntries(3, 'contiguous');
    const report = await verifyAuditChain(db);
    expect(report.problem).toBeUndefined();
    expect(report.pending).toBe(0);
    const all = await db.auditLog.findMany({ select: { chainSeq: true }, orderBy: { chainSeq: 'asc' } });
    expect(all.map((e) => e.chainSeq)).toEqual(all.map((_, i) => i + 1));
    expect(report.headSeq).toBe(all.length);
    expect(report.checked).toBe(all.length);
    const newestSeal = await db.auditSeal.findFirst({ orderBy: { headSeq: 'desc' } });
    expect(newestSeal?.headSeq).toBe(all.length);
  });

  it('leaves an entry written after a sealing run pending, and the next run chains it after the head', async () => {
    const [last] = (await sealedEntries(1, 'before-late')).slice(-1);
    await appendAudit(db, { actor: 'audit-chain-test', action: 'test.chain', entityType: 'test', entityId: 'late' });
    const late = await db.auditLog.findFirstOrThrow({ where: { entityId: 'late' } });
    expect(late.chainSeq).toBeNull();

    const waiting = await verifyAuditChain(db);
    expect(waiting.problem).toBeUndefined();
    expect(waiting.pending).toBe(1);
    expect(waiting.oldestPendingAt).toEqual(late.at);
    expect(waiting.headSeq).toBe(last.chainSeq);

    expect(await sealAuditChain(db, provider)).toEqual({ sealed: 1, headSeq: last.chainSeq! + 1 });
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: late.id } })).chainSeq).toBe(last.chainSeq! + 1);
    const after = await verifyAuditChain(db);
    expect(after.problem).toBeUndefined();
    expect(after.pending).toBe(0);
  });

  it('gives two sealer processes racing one contiguous chain, each entry chained once', async () => {
    for (let i = 0; i < 200; i += 1) {
      await appendAudit(db, { actor: 'audit-chain-test', action: 'test.chain', entityType: 'test', entityId: `race-${i}` });
    }
    const { headSeq: before, pending } = await verifyAuditChain(db);
    const results = await raceSealerProcesses(2, 2);
    expect(results.reduce((n, r) => n + r.sealed, 0)).toBe(pending);

    const chained = await db.auditLog.findMany({ where: { chainSeq: { gt: before } }, select: { chainSeq: true, entityId: true }, orderBy: { chainSeq: 'asc' } });
    expect(chained.map((e) => e.chainSeq)).toEqual(chained.map((_, i) => before + i + 1));
    expect(chained.filter((e) => e.entityId.startsWith('race-'))).toHaveLength(200);
    await expectIntact();
  });
});

describe('verification', () => {
  it('names a sealed entry whose content was edited afterwards', async () => {
    const [, edited] = await sealedEntries(3, 'edit');
    await tamper((tx) => tx.$executeRaw`UPDATE "AuditLog" SET "details" = ${'{"i":99}'} WHERE "id" = ${edited.id}`);
    try {
      const report = await verifyAuditChain(db);
      expect(report.problem).toMatchObject({ kind: 'altered', entryId: edited.id, seq: edited.chainSeq });
      expect(report.problem?.message).toContain(`entry ${edited.id} `);
    } finally {
      await tamper((tx) => tx.$executeRaw`UPDATE "AuditLog" SET "details" = ${edited.details} WHERE "id" = ${edited.id}`);
    }
    await expectIntact();
  });

  it('names the gap a deleted sealed entry leaves', async () => {
    const [, deleted, next] = await sealedEntries(3, 'delete');
    await tamper((tx) => tx.$executeRaw`DELETE FROM "AuditLog" WHERE "id" = ${deleted.id}`);
    try {
      const report = await verifyAuditChain(db);
      expect(report.problem).toMatchObject({ kind: 'gap', seq: deleted.chainSeq, entryId: next.id });
      expect(report.problem?.message).toContain(`place ${deleted.chainSeq} is missing`);
    } finally {
      await db.auditLog.create({ data: deleted }); // inserting is what the guard allows
    }
    await expectIntact();
  });

  it('notices a cut-off tail: the chain ends before the newest seal', async () => {
    const [, ...tail] = await sealedEntries(3, 'tail');
    await tamper((tx) => tx.$executeRaw`DELETE FROM "AuditLog" WHERE "id" IN (${tail[0].id}, ${tail[1].id})`);
    try {
      const report = await verifyAuditChain(db);
      expect(report.problem).toMatchObject({ kind: 'gap', seq: tail[0].chainSeq });
      expect(report.problem?.message).toContain(`places ${tail[0].chainSeq}–${tail[1].chainSeq} are missing (cut off)`);
    } finally {
      for (const entry of tail) await db.auditLog.create({ data: entry });
    }
    await expectIntact();
  });
});

describe('the append-only guard', () => {
  it('lets a sealed entry change in no way, and an unsealed one only by being sealed', async () => {
    const [sealed] = await sealedEntries(1, 'guard');
    await expect(db.auditLog.update({ where: { id: sealed.id }, data: { chainHash: 'forged' } })).rejects.toThrow();
    await expect(db.auditLog.update({ where: { id: sealed.id }, data: { chainSeq: null, chainHash: null } })).rejects.toThrow();

    await appendAudit(db, { actor: 'audit-chain-test', action: 'test.chain', entityType: 'test', entityId: 'guard-unsealed' });
    const unsealed = await db.auditLog.findFirstOrThrow({ where: { entityId: 'guard-unsealed' } });
    const head = (await verifyAuditChain(db)).headSeq;
    await expect(db.auditLog.update({ where: { id: unsealed.id }, data: { chainSeq: head + 1, chainHash: 'x', details: '{"forged":true}' } })).rejects.toThrow();
    await expect(db.auditLog.update({ where: { id: unsealed.id }, data: { chainSeq: head + 1 } })).rejects.toThrow();
    await expect(db.auditSeal.deleteMany({})).rejects.toThrow();

    await sealAll(db, provider);
    await expectIntact();
  });
});
