/**
 * The one way the application gets a database client: Prisma with a driver adapter, provider
 * chosen by DATABASE_URL. Both generated clients come from the same models, so they share a shape.
 */
import { providerOf, sqliteFilePath } from './providers';
import { serialisedSqlite } from './serialised-sqlite';
import type { PrismaClient } from './generated/sqlite/client';

export type Db = PrismaClient;
export type { Prisma } from './generated/sqlite/client';

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === 'postgresql') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PrismaClient: PgClient } = require('./generated/postgresql/client') as typeof import('./generated/postgresql/client');
    const { PrismaPg } = require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg');
    return new PgClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  const { PrismaClient: SqliteClient } = require('./generated/sqlite/client') as typeof import('./generated/sqlite/client');
  const { PrismaBetterSQLite3 } = require('@prisma/adapter-better-sqlite3') as typeof import('@prisma/adapter-better-sqlite3');
  return new SqliteClient({ adapter: serialisedSqlite(new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl) })) });
}

/** True when a Prisma error is a unique-constraint violation (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
