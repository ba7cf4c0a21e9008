/**
 * Everything the engine benchmark runs on, its own and thrown away afterwards: a fresh SQLite app
 * database (migrated and seeded like the tests' global set-up), an embedded Temporal dev server on
 * a free port with its own SQLite file, and one in-process worker serving every workflow type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { ensureDemoPki } from '../../activities/certificates/pki';
import type { ServiceTaskHandler } from '../../activities/service-tasks/registry';
import { PROJECT_ROOT, loadTemporalConfig, type TemporalConfig } from '../../config';
import type { Db } from '../../prisma/client';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { connectClient } from '../../temporal/connection';
import { startDevServer } from '../../temporal/dev-server';
import { freePort } from '../../test/support/ports';
import { BENCH_TASK_TYPE } from './shape';
import { OpenTaskFeed } from './task-feed';

export interface BenchEnvironment {
  runDir: string;
  db: Db;
  client: Client;
  temporal: TemporalConfig;
  feed: OpenTaskFeed;
  /** The dev server's process id (its CPU time is measured). */
  serverPid?: number;
  close(): Promise<void>;
}

/** The benchmark's service-task handler: no work, one small variable out, like a quick lookup. */
const benchNoop: ServiceTaskHandler = async (input) => ({ variables: { [`${input.elementId}Done`]: true } });

export async function startEnvironment(log: (m: string) => void, keep: boolean): Promise<BenchEnvironment> {
  const runDir = path.join(PROJECT_ROOT, 'data', 'bench', `${Date.now()}-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  const temporal = loadTemporalConfig({
    ...process.env,
    TEMPORAL_ADDRESS: '',
    TEMPORAL_EMBEDDED_PORT: String(await freePort()),
    TEMPORAL_EMBEDDED_DB_FILE: path.join(runDir, 'temporal.db'),
    TEMPORAL_TASK_QUEUE: `bench-${process.pid}`,
  });
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log(`cleanup: ${String(err)}`));
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    log(`run folder ${path.relative(PROJECT_ROOT, runDir)}`);
    const server = await startDevServer(temporal, { headless: true, log });
    stops.push(() => server.stop());
    const db = await prepareDatabase({ databaseUrl: `file:${path.join(runDir, 'app.db')}`, demo: true, log: () => {} });
    stops.push(() => db.$disconnect());
    const pki = await ensureDemoPki(path.join(runDir, 'pki'), 'bench');

    const feed = new OpenTaskFeed();
    const activities = createActivities({ db, pki, publicBaseUrl: 'http://localhost:3000' }, { [BENCH_TASK_TYPE]: benchNoop });
    const openUserTask = activities.openUserTask;
    activities.openUserTask = async (input) => {
      await openUserTask(input);
      feed.reportOpened(input.taskId);
    };

    Runtime.install({ logger: new DefaultLogger('WARN') });
    const connection = await NativeConnection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    log('bundling the workflows');
    const worker = await Worker.create({
      connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities,
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });
    const client = await connectClient(temporal);
    stops.push(() => client.connection.close());
    return { runDir, db, client, temporal, feed, serverPid: server.pid, close };
  } catch (err) {
    await close();
    throw err;
  }
}
