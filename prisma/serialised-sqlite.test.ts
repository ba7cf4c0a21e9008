/**
 * On SQLite (one connection per client) a write made outside a transaction while one is open must
 * not become part of it: when that transaction rolls back, the other write still stands.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from './client';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serialised-sqlite-'));
  db = createDb(`file:${path.join(dir, 'test.db')}`);
  await db.$executeRawUnsafe('CREATE TABLE notes (text TEXT NOT NULL)');
});

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps a write made outside a transaction while that transaction is open and then rolls back', async () => {
  let inside!: () => void;
  const wroteInside = new Promise<void>((resolve) => { inside = resolve; });
  const failing = db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("INSERT INTO notes (text) VALUES ('inside')");
    inside();
    await new Promise((resolve) => setTimeout(resolve, 100));
    throw new Error('rolled back on purpose');
  });
  await wroteInside;
  // a Prisma query starts only when awaited or then-ed: start it now, while the transaction is open
  const outside = db.$executeRawUnsafe("INSERT INTO notes (text) VALUES ('outside')").then(() => undefined);
  await expect(failing).rejects.toThrow('rolled back on purpose');
  await outside;
  expect(await db.$queryRawUnsafe('SELECT text FROM notes')).toEqual([{ text: 'outside' }]);
});

it('runs transactions one after another, each seeing the other\'s committed rows', async () => {
  await db.$executeRawUnsafe('DELETE FROM notes');
  const add = (text: string) =>
    db.$transaction(async (tx) => {
      const [{ n }] = await tx.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT COUNT(*) AS n FROM notes');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.$executeRawUnsafe(`INSERT INTO notes (text) VALUES ('${text}-${Number(n)}')`);
    });
  await Promise.all([add('a'), add('b'), add('c')]);
  const rows = await db.$queryRawUnsafe<{ text: string }[]>('SELECT text FROM notes');
  expect(rows.map((r) => r.text.split('-')[1]).sort()).toEqual(['0', '1', '2']);
});
