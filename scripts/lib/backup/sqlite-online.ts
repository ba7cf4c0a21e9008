/**
 * A consistent copy of an SQLite file that another process keeps writing: SQLite's online backup
 * through a read-only connection. A write by the other process during the copy makes SQLite start
 * the copy again, so the result is always one committed state.
 */
import Database from 'better-sqlite3';

/** How long our reads wait for the writer's lock before giving up. */
const READ_BUSY_TIMEOUT_MS = 30_000;

export async function copySqliteOnline(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: READ_BUSY_TIMEOUT_MS });
  try {
    // all remaining pages in each step: the read lock is held once, briefly, and a restart after a
    // concurrent write costs one pass instead of many small ones
    await db.backup(target, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy of ${source} fails SQLite's check: ${String(check)}`);
  } finally {
    copy.close();
  }
}
