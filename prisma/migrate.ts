/**
 * Applies the committed migrations of the provider DATABASE_URL names, in order, each once.
 *
 * One runner for both providers: `prisma migrate deploy` fails on PostgreSQL with the js engine
 * (prisma/orm#27403), so applied migrations are recorded in our own ledger table with the SHA-256
 * of their SQL; an applied migration whose file later changed is refused, never re-run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Provider, migrationsDir, providerOf, sqliteFilePath } from './providers';

export interface Migration { name: string; sql: string; checksum: string }

export const LEDGER_TABLE = '_app_migrations';

export function listMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir(provider);
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/** The few things the runner needs from a database driver. */
interface LedgerDb {
  exec(sql: string): Promise<void>;
  applied(): Promise<Map<string, string>>;
  /** Runs the migration SQL and its ledger row in one transaction. */
  apply(m: Migration): Promise<void>;
  close(): Promise<void>;
}

async function openSqlite(url: string): Promise<LedgerDb> {
  const { default: Database } = await import('better-sqlite3');
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  return {
    async exec(sql) { db.exec(sql); },
    async applied() {
      const rows = db.prepare(`SELECT name, checksum FROM "${LEDGER_TABLE}"`).all() as { name: string; checksum: string }[];
      return new Map(rows.map((r) => [r.name, r.checksum]));
    },
    async apply(m) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "${LEDGER_TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
      })();
    },
    async close() { db.close(); },
  };
}

async function openPostgres(url: string): Promise<LedgerDb> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    async exec(sql) { await client.query(sql); },
    async applied() {
      const res = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${LEDGER_TABLE}"`);
      return new Map(res.rows.map((r) => [r.name, r.checksum]));
    },
    async apply(m) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${LEDGER_TABLE}" (name, checksum, applied_at) VALUES ($1, $2, $3)`, [m.name, m.checksum, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    },
    async close() { await client.end(); },
  };
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  const db = provider === 'sqlite' ? await openSqlite(databaseUrl) : await openPostgres(databaseUrl);
  try {
    await db.exec(`CREATE TABLE IF NOT EXISTS "${LEDGER_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = await db.applied();
    const done: string[] = [];
    for (const m of listMigrations(provider)) {
      const known = applied.get(m.name);
      if (known === m.checksum) continue;
      if (known) throw new Error(`migration ${m.name} was applied with different SQL (checksum ${known.slice(0, 12)}…); add a new migration instead of editing an applied one`);
      await db.apply(m);
      done.push(m.name);
    }
    return done;
  } finally {
    await db.close();
  }
}
