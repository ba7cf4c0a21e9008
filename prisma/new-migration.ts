/**
 * `npm run db:migration -- <name>`: diffs the models against the schema snapshot of the newest
 * migration (per provider) and writes a new migration folder with its SQL and a fresh snapshot.
 * Works offline: `prisma migrate dev` needs a native engine here, `migrate diff` does not.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeSchemas } from './build-schemas';
import { Provider, migrationsDir, schemaPath } from './providers';

function newestSnapshot(provider: Provider): string | undefined {
  const dir = migrationsDir(provider);
  if (!fs.existsSync(dir)) return undefined;
  const names = fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'schema.prisma'))).sort();
  return names.length ? path.join(dir, names[names.length - 1], 'schema.prisma') : undefined;
}

function diff(provider: Provider): string {
  const from = newestSnapshot(provider);
  const args = ['prisma', 'migrate', 'diff', '--script', '--to-schema-datamodel', schemaPath(provider)];
  args.push(...(from ? ['--from-schema-datamodel', from] : ['--from-empty']));
  return execFileSync('npx', args, { encoding: 'utf8', env: { ...process.env, DATABASE_URL: provider === 'sqlite' ? 'file:./data/diff.db' : (process.env.DIFF_POSTGRES_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres') } });
}

function main(): void {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: npm run db:migration -- <name in snake_case>');
  writeSchemas();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const sql = diff(provider);
    if (!/\b(CREATE|ALTER|DROP)\b/i.test(sql)) {
      console.log(`${provider}: no changes`);
      continue;
    }
    const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
    fs.copyFileSync(schemaPath(provider), path.join(dir, 'schema.prisma'));
    console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}`);
  }
}

main();
