/**
 * pg_dump and pg_restore for the PostgreSQL app database: found on PATH, else in the newest
 * /usr/lib/postgresql/<version>/bin (Debian's layout). The password goes to the tools through
 * PGPASSWORD, not on their command line, where any local user could read it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { commandExists } from '../system-packages';

const DEBIAN_POSTGRES = '/usr/lib/postgresql';

export function findPostgresTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (commandExists(name)) return name;
  const versions = fs.existsSync(DEBIAN_POSTGRES)
    ? fs.readdirSync(DEBIAN_POSTGRES).filter((v) => fs.existsSync(path.join(DEBIAN_POSTGRES, v, 'bin', name))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return path.join(DEBIAN_POSTGRES, versions[0], 'bin', name);
  throw new Error(`${name} is not installed (apt-get install postgresql-client)${env.PATH ? '' : '; PATH is empty'}`);
}

/** The URL without its password, and the environment that carries the password instead. */
export function toolConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(tool)} failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(-2000)}`));
    });
  });
}

/** pg_dump in its custom format: one consistent snapshot taken while the product keeps writing. */
export async function dumpPostgres(databaseUrl: string, file: string): Promise<void> {
  const { url, env } = toolConnection(databaseUrl);
  await run(findPostgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`], env);
}

/** pg_restore into the database of `databaseUrl`; `clean` drops what is there first (a forced restore). */
export async function restorePostgres(databaseUrl: string, file: string, { clean }: { clean: boolean }): Promise<void> {
  const { url, env } = toolConnection(databaseUrl);
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`];
  if (clean) args.push('--clean', '--if-exists');
  await run(findPostgresTool('pg_restore'), [...args, file], env);
}

/** The tables the database holds outside PostgreSQL's own schemas (none: it is empty). */
export async function tablesIn(databaseUrl: string): Promise<number> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const res = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
    return Number(res.rows[0].n);
  } finally {
    await client.end();
  }
}
