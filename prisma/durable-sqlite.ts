/**
 * The application's SQLite file commits durably: `synchronous=FULL` syncs the write-ahead log at
 * every commit. better-sqlite3 is built with WAL's default at NORMAL, which survives a crash of the
 * process but may roll back the last commits after a power cut or a crash of the machine. This file
 * is the system of record for applications, tasks and certificates, and must never fall behind the
 * Temporal server's file (also FULL: temporal/dev-server.ts): a certificate whose issuing activity
 * Temporal saw complete must be here, and a task row must not reopen under a workflow that moved on.
 * PostgreSQL commits durably by default.
 */
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export const APP_SQLITE_SYNCHRONOUS = 'FULL';

export function durableSqlite(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      await adapter.executeScript(`PRAGMA synchronous = ${APP_SQLITE_SYNCHRONOUS}`);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
