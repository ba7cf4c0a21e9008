/**
 * The application's SQLite connection syncs every commit (synchronous=FULL), not better-sqlite3's
 * WAL default (NORMAL), which may lose the last commits on a power cut.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from './client';

it('opens the SQLite database with synchronous=FULL', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-sqlite-'));
  const db = createDb(`file:${path.join(dir, 'app.db')}`);
  try {
    const [row] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous');
    // 2 = FULL (1 = NORMAL, better-sqlite3's default in WAL mode)
    expect(Number(row.synchronous)).toBe(2);
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
