/**
 * A fresh database per test run: an SQLite file, or (TEST_DATABASE=postgresql) a new database on
 * the PostgreSQL server at TEST_POSTGRES_URL, dropped again at teardown.
 */
import crypto from 'node:crypto';
import path from 'node:path';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(runDir: string): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE !== 'postgresql') {
    return { url: `file:${path.join(runDir, 'app.db')}`, drop: async () => {} };
  }
  const { Client } = await import('pg');
  const serverUrl = process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL;
  const name = `ito_test_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
