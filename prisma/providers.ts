/** The two databases the product runs on, and where each one's derived Prisma files live. */
import path from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export const PRISMA_DIR = __dirname;

export function providerOf(databaseUrl: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return 'postgresql';
  if (/^file:/i.test(databaseUrl)) return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${databaseUrl.slice(0, 20)}…"`);
}

export function schemaPath(provider: Provider): string {
  return path.join(PRISMA_DIR, provider, 'schema.prisma');
}

export function migrationsDir(provider: Provider): string {
  return path.join(PRISMA_DIR, provider, 'migrations');
}

export function generatedClientDir(provider: Provider): string {
  return path.join(PRISMA_DIR, 'generated', provider);
}

/** `file:./data/app.db` (relative to the project root) → absolute file path. */
export function sqliteFilePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/i, '').split('?')[0];
  return path.isAbsolute(raw) ? raw : path.resolve(PRISMA_DIR, '..', raw);
}
