/**
 * Prisma CLI configuration: the JavaScript engine with a driver adapter, so no native engine is
 * downloaded. The provider follows DATABASE_URL (file: = SQLite, postgresql:// = PostgreSQL).
 */
import type { PrismaConfig } from 'prisma';
import { providerOf, schemaPath, sqliteFilePath } from './prisma/providers';

const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/app.db';
const provider = providerOf(databaseUrl);

export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: schemaPath(provider),
  async adapter() {
    if (provider === 'postgresql') {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: databaseUrl });
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl) });
  },
} satisfies PrismaConfig;
