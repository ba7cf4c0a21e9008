/** Entry point of a worker process, started with the arguments of worker-process.ts. */
import fs from 'node:fs';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { loadConfig } from '../config';
import { createDb } from '../prisma/client';
import { ensureDemoPki } from '../activities/certificates/pki';
import { pkiTimeStamper } from '../activities/certificates/timestamp/pki-time-stamper';
import { httpTimeStamper } from '../activities/certificates/timestamp/time-stamper';
import { createRevocationPublisher } from '../activities/certificates/revocation/publish';
import { pkiValidationData } from '../activities/certificates/ltv/pki-validation-data';
import { createEngineWorker } from './worker';
import { workflowStackTraces } from './worker-process';
import { startNoticeDispatcher } from '../activities/notices';
import { startAuditSealer } from '../activities/audit/audit-chain';
import { providerOf } from '../prisma/providers';

/**
 * Fault injection for the crash tests; never set in normal runs. The first worker to pass the named
 * point creates the marker file and dies on the spot (SIGKILL):
 * - ITO_FAULT_CRASH_AFTER_MINT=<marker>: right after minting a certificate number, before the PDF is
 *   stored (a retry on another worker must reuse the number);
 * - ITO_FAULT_CRASH_AFTER_TASK_OPEN=<marker>: right after writing a user task's row, before the
 *   workflow task that opened it is saved (the task is listed before its workflow knows it).
 */
function crashHook(marker: string | undefined): ((what: string) => void) | undefined {
  if (!marker) return undefined;
  return () => {
    if (fs.existsSync(marker)) return;
    fs.writeFileSync(marker, String(process.pid));
    process.kill(process.pid, 'SIGKILL');
  };
}

async function run(): Promise<void> {
  // WORKER_METRICS_ADDRESS=host:port: the SDK's Prometheus figures (workflow task latency, polls, activity outcomes)
  const metricsAddress = process.env.WORKER_METRICS_ADDRESS;
  Runtime.install({
    logger: new DefaultLogger((process.env.WORKER_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
  });
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  // the signing keys are decrypted here, into this process's memory only (the API never loads them)
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase, { publicBaseUrl: config.publicBaseUrl });
  if (pki.reencryptedKeys.length) console.log(`worker: re-encrypted ${pki.reencryptedKeys.length} PKI key(s) at today's strength: ${pki.reencryptedKeys.join(', ')}`);
  // signatures are time-stamped by the trust-services TSA (TSA_URL, which npm start sets), else by one in this process
  const { tsaUrl, tsaTimeoutMs } = config.trustServices;
  const timeStamper = tsaUrl ? httpTimeStamper(tsaUrl, { rootCertPems: [pki.rootCertPem] }, { timeoutMs: tsaTimeoutMs }) : pkiTimeStamper(pki);
  // CRLs and OCSP answers: published now, then hourly by the revocation schedule (scripts/start.ts)
  const revocationPublisher = createRevocationPublisher(config.pkiDir, { passphrase: config.pkiPassphrase });
  await revocationPublisher.publish().catch((err: unknown) => console.error(`worker: publishing revocation data failed (the hourly schedule retries): ${(err as Error).message}`));
  const worker = await createEngineWorker({
    temporal: config.temporal,
    deps: { db, pki, timeStamper, revocationPublisher, validationData: pkiValidationData(config.pkiDir, revocationPublisher), publicBaseUrl: config.publicBaseUrl, registries: config.registries, afterMint: crashHook(process.env.ITO_FAULT_CRASH_AFTER_MINT), afterTaskOpened: crashHook(process.env.ITO_FAULT_CRASH_AFTER_TASK_OPEN) },
    workflowBundlePath: process.env.WORKFLOW_BUNDLE,
  });
  // SMS and e-mail notices go out beside the workflows, never inside them
  const notices = startNoticeDispatcher(db, config.notices, config.publicBaseUrl);
  // entries are chained after they are written; several workers may seal, one at a time
  const sealer = config.auditSealIntervalMs > 0 ? startAuditSealer(db, providerOf(config.databaseUrl), config.auditSealIntervalMs) : undefined;
  // Ctrl+C reaches this process twice (the terminal's SIGINT, then npm start's SIGTERM): shut down once
  const stop = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`worker: time-stamps from ${tsaUrl ?? 'the TSA in this process'}`);
  console.log(workflowStackTraces() === 'off'
    ? 'worker: workflow stack traces off (the SDK says so once); TEMPORAL_WORKFLOW_STACK_TRACES=on keeps them for `temporal workflow stack`'
    : 'worker: workflow stack traces on (every promise in workflow code keeps its stack: more CPU per step)');
  console.log(`worker: polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}${config.temporal.tls ? ` over TLS${config.temporal.tls.clientCertFile ? ' (mTLS)' : ''}` : ''}${metricsAddress ? `; Prometheus metrics on http://${metricsAddress}/metrics` : ''}`);
  await worker.run();
  await notices.stop();
  await sealer?.stop();
  await db.$disconnect();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
