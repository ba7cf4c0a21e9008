/**
 * Entry point of one API process, for installations that run several (`node --import tsx
 * portal/server/api-main.ts`, or the systemd unit in deploy/). Unlike `npm start` it sets nothing
 * up: the database is migrated and the PKI made beforehand (`npm run setup`; it reads the
 * certificates only, never a private key, and needs no PKI_PASSPHRASE), Temporal runs
 * elsewhere (temporal.yaml), and workers are separate processes (temporal/worker-main.ts).
 * Everything it keeps between requests lives in the database or Temporal, so any number of these
 * may serve behind one load balancer.
 */
import { engineClockControl, loadConfig } from '../../config';
import { createDb } from '../../prisma/client';
import { loadPkiCertificates, loadSignerCertificates } from '../../activities/certificates/pki';
import { createHttpGateway } from '../../activities/payments/http-gateway';
import { connectClient } from '../../temporal/connection';
import { buildApp } from './app';
import { DEFAULT_PUBLIC_RATE_LIMITS } from './plugins/rate-limits';
import { EngineClient } from './engine/engine-client';
import { launchSubmitted } from './services/start-application';
import { syncTimerStartSchedules } from '../../activities/messaging/timer-start-schedules';
import { ensureLegalDeadlineSchedule } from '../../activities/deadlines/legal-deadline-schedule';

async function run(): Promise<void> {
  // certificates only: the signing keys stay with the workers, and this process needs no PKI_PASSPHRASE
  const config = loadConfig(process.env, { pkiKeys: false });
  const db = createDb(config.databaseUrl);
  const pki = await loadPkiCertificates(config.pkiDir);
  const engine = new EngineClient(await connectClient(config.temporal), config.temporal.taskQueue, { clockControl: engineClockControl() });
  // applications recorded while the engine was down are started by whichever process sees them first (idempotent)
  await launchSubmitted(db, engine);
  // the Temporal schedules `npm start` makes: without them no timer start event fires and no legal
  // deadline is swept. Several processes starting at once may race to make the same one; whichever
  // loses finds it made, and deploying a definition brings the timer schedules in step again.
  await syncTimerStartSchedules(db, engine.temporal, engine.queue)
    .then(() => ensureLegalDeadlineSchedule(engine.temporal, engine.queue))
    .catch((err: unknown) => console.error(`the Temporal schedules were not brought in step (${err instanceof Error ? err.message : String(err)}); another API process may have done it`));
  const app = await buildApp({
    db, engine, jwtSecret: config.jwtSecret, rootCertPems: [pki.rootCertPem], issuingCertPems: pki.issuingCertPems, pkiDir: config.pkiDir, signerCertificates: () => loadSignerCertificates(config.pkiDir),
    paymentGateway: createHttpGateway(config.paymentGateway), compileLimits: config.compileLimits, publicRateLimits: { ...DEFAULT_PUBLIC_RATE_LIMITS, ...config.publicRateLimits }, trustProxy: config.trustProxy,
    logger: process.env.LOG_LEVEL !== 'silent', metricsToken: process.env.METRICS_TOKEN, oidc: config.oidc,
  });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  const stop = async () => {
    await app.close();
    await engine.temporal.connection.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
