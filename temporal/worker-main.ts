/** Entry point of a worker process: `tsx temporal/worker-main.ts`. */
import fs from 'node:fs';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createDb } from '../prisma/client';
import { ensureDemoPki } from '../activities/certificates/pki';
import { createEngineWorker } from './worker';
import { startNoticeDispatcher } from '../activities/notices';

/**
 * ITO_FAULT_CRASH_AFTER_MINT=<marker file>: the first worker to mint a certificate number creates
 * the marker and dies on the spot (SIGKILL), before the PDF is stored. Used by the crash test to
 * prove a retry on another worker reuses the number; never set in normal runs.
 */
function crashHook(marker: string | undefined): ((number: string) => void) | undefined {
  if (!marker) return undefined;
  return () => {
    if (fs.existsSync(marker)) return;
    fs.writeFileSync(marker, String(process.pid));
    process.kill(process.pid, 'SIGKILL');
  };
}

async function run(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger((process.env.WORKER_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase);
  const worker = await createEngineWorker({
    temporal: config.temporal,
    deps: { db, pki, publicBaseUrl: config.publicBaseUrl, registries: config.registries, afterMint: crashHook(process.env.ITO_FAULT_CRASH_AFTER_MINT) },
    workflowBundlePath: process.env.WORKFLOW_BUNDLE,
  });
  // SMS and e-mail notices go out beside the workflows, never inside them
  const notices = startNoticeDispatcher(db, config.notices, config.publicBaseUrl);
  // Ctrl+C reaches this process twice (the terminal's SIGINT, then npm start's SIGTERM): shut down once
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`worker: polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`);
  await worker.run();
  await notices.stop();
  await db.$disconnect();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
