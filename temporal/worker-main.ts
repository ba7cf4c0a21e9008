/** Entry point of a worker process: `tsx temporal/worker-main.ts`. */
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createDb } from '../prisma/client';
import { ensureDemoPki } from '../activities/certificates/pki';
import { createEngineWorker } from './worker';

async function run(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger((process.env.WORKER_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase);
  const worker = await createEngineWorker({
    temporal: config.temporal,
    deps: { db, pki, publicBaseUrl: config.publicBaseUrl },
    workflowBundlePath: process.env.WORKFLOW_BUNDLE,
  });
  process.on('SIGTERM', () => worker.shutdown());
  process.on('SIGINT', () => worker.shutdown());
  console.log(`worker: polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
  await worker.run();
  await db.$disconnect();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
