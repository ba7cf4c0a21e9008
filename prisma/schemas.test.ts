/**
 * The committed per-provider schemas are exactly what models.prisma produces, and the newest
 * migration's snapshot matches them: a model change without `npm run`-ing the migration script fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { schemaText } from './build-schemas';
import { migrationsDir, schemaPath } from './providers';

const PROVIDERS = ['sqlite', 'postgresql'] as const;

function newestMigration(provider: (typeof PROVIDERS)[number]): string {
  const names = fs.readdirSync(migrationsDir(provider)).sort();
  return path.join(migrationsDir(provider), names[names.length - 1]);
}

describe('prisma - schemas and migrations', () => {
  it.each(PROVIDERS)('keeps %s/schema.prisma generated from models.prisma', (provider) => {
    expect(fs.readFileSync(schemaPath(provider), 'utf8')).toBe(schemaText(provider));
  });

  it('has a migration for every change of the models (SQLite diff against the newest snapshot is empty)', () => {
    fs.mkdirSync(path.join(__dirname, '..', 'data'), { recursive: true }); // the CLI's adapter opens data/diff.db
    const out = execFileSync(
      path.join(__dirname, '..', 'node_modules', '.bin', 'prisma'),
      ['migrate', 'diff', '--script', '--from-schema-datamodel', path.join(newestMigration('sqlite'), 'schema.prisma'), '--to-schema-datamodel', schemaPath('sqlite')],
      { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'file:./data/diff.db' }, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    expect(out).not.toMatch(/\b(CREATE|ALTER|DROP)\b/);
  });

  it('keeps the same migration names for both providers', () => {
    const names = PROVIDERS.map((p) => fs.readdirSync(migrationsDir(p)).sort());
    expect(names[0]).toEqual(names[1]);
  });
});
