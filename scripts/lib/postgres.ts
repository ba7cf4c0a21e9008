/**
 * A PostgreSQL server for the tests' second pass: TEST_POSTGRES_URL when given, otherwise the
 * Debian cluster installed from apt, started (and given a password for `postgres`) when needed.
 */
import { spawnSync } from 'node:child_process';
import { commandExists } from './system-packages';

export const LOCAL_POSTGRES_URL = 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<string | undefined> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

function sh(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] }).status === 0;
}

/** The URL of a reachable server, or throws saying why there is none. */
export async function ensurePostgres(log: (m: string) => void = console.log): Promise<string> {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) {
    const problem = await reachable(given);
    if (problem) throw new Error(`TEST_POSTGRES_URL is not reachable: ${problem}`);
    return given;
  }
  if (!(await reachable(LOCAL_POSTGRES_URL))) return LOCAL_POSTGRES_URL;
  if (!commandExists('pg_ctlcluster') || !commandExists('pg_lsclusters')) throw new Error('PostgreSQL is not installed (apt-get install postgresql) and TEST_POSTGRES_URL is not set');
  const clusters = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  if (!clusters.length) throw new Error('no PostgreSQL cluster exists (pg_createcluster 15 main)');
  const [version, name] = clusters[0].split(/\s+/);
  log(`starting PostgreSQL ${version}/${name}…`);
  sh('pg_ctlcluster', [version, name, 'start']);
  sh('su', ['postgres', '-c', `psql -q -c "ALTER USER postgres PASSWORD 'postgres'"`]);
  const problem = await reachable(LOCAL_POSTGRES_URL);
  if (problem) throw new Error(`PostgreSQL did not become reachable at ${LOCAL_POSTGRES_URL}: ${problem}`);
  return LOCAL_POSTGRES_URL;
}
