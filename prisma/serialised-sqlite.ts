/**
 * SQLite through better-sqlite3 is one connection per client. Prisma's adapter serialises
 * transactions with each other, but a query made outside a transaction while one is open runs on
 * that same connection and so becomes part of it: if the transaction then rolls back (a retried
 * activity finding its dedupe key taken, a failed seal), that other caller's write is lost although
 * it was told it succeeded. This factory makes every query outside a transaction wait until no
 * transaction is open, and transactions wait for each other, so each write commits on its own terms.
 */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/** A first-come, first-served lock: acquire() resolves with its release. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }

  async around<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

function serialise(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new ConnectionLock();
  const serialised: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery) => lock.around(() => adapter.queryRaw(query)),
    executeRaw: (query: SqlQuery) => lock.around(() => adapter.executeRaw(query)),
    executeScript: (script: string) => lock.around(() => adapter.executeScript(script)),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let transaction: Transaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      const end = (finish: () => Promise<void>) => async () => {
        try {
          await finish();
        } finally {
          release();
        }
      };
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        queryRaw: (query: SqlQuery) => transaction.queryRaw(query),
        executeRaw: (query: SqlQuery) => transaction.executeRaw(query),
        commit: end(() => transaction.commit()),
        rollback: end(() => transaction.rollback()),
      };
    },
  };
  if (adapter.getConnectionInfo) serialised.getConnectionInfo = () => adapter.getConnectionInfo!();
  return serialised;
}

export function serialisedSqlite(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialise(await factory.connect()),
    connectToShadowDb: async () => serialise(await factory.connectToShadowDb()),
  };
}
