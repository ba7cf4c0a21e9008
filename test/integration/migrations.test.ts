/**
 * The migration runner and the append-only audit log, on the provider of this run (SQLite, or
 * PostgreSQL in the second pass of npm test).
 */
import path from 'node:path';
import { createDb } from '../../prisma/client';
import { LEDGER_TABLE, migrate } from '../../prisma/migrate';
import { createTestDatabase, TestDatabase } from '../support/test-database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(path.join(process.env.TEST_RUN_DIR!, `migrations-${Date.now()}`));
});

afterAll(async () => {
  await database?.drop();
});

describe('migrations', () => {
  it('applies every migration once, and nothing on a second run', async () => {
    const first = await migrate(database.url);
    expect(first.length).toBeGreaterThan(0);
    expect(await migrate(database.url)).toEqual([]);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const db = createDb(database.url);
    await db.$executeRawUnsafe(`UPDATE "${LEDGER_TABLE}" SET checksum = 'edited'`);
    await db.$disconnect();
    await expect(migrate(database.url)).rejects.toThrow(/applied with different SQL/);
  });

  it('refuses to change or delete audit-log entries', async () => {
    const db = createDb(database.url);
    try {
      const entry = await db.auditLog.create({ data: { actor: 'test', action: 'test.append', entityType: 'test', entityId: '1' } });
      await expect(db.auditLog.update({ where: { id: entry.id }, data: { actor: 'forger' } })).rejects.toThrow();
      await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow();
      expect((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).actor).toBe('test');
    } finally {
      await db.$disconnect();
    }
  });
});
