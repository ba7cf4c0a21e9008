/**
 * `npm start`: set everything up, then run the whole product: the embedded Temporal dev server
 * (unless temporal.yaml names a cluster), the simulator of the external registries (unless real ones
 * are configured: config/registries.ts), the trust-services process (the time-stamping authority,
 * holding its key: trust-services/), a worker process, and the HTTP API with the portal.
 * A second start reuses the database, the Temporal state and the keys under data/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT, TemporalConfig, engineClockControl, loadConfig } from '../config';
import { buildApp } from '../portal/server/app';
import { DEFAULT_PUBLIC_RATE_LIMITS } from '../portal/server/plugins/rate-limits';
import { EngineClient } from '../portal/server/engine/engine-client';
import { launchSubmitted } from '../portal/server/services/start-application';
import { syncTimerStartSchedules } from '../activities/messaging/timer-start-schedules';
import { ensureLegalDeadlineSchedule } from '../activities/deadlines/legal-deadline-schedule';
import { ensureRevocationPublishSchedule } from '../activities/certificates/revocation/revocation-schedule';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed';
import { connectClient } from '../temporal/connection';
import { RunningDevServer, startDevServer } from '../temporal/dev-server';
import { isDemo, prepareInstallation } from './setup';
import { ensureDemoApplications } from './lib/demo-applications';
import { startMailSink, type MailSink } from './lib/mail-sink';
import { RunningRegistrySimulator, startRegistrySimulator } from '../simulators/registries/server';
import { startPaymentSimulator } from '../simulators/payment-gateway/server';
import { createHttpGateway } from '../activities/payments/http-gateway';
import { loadSignerCertificates } from '../activities/certificates/pki';
import { step } from './lib/progress';
import { workerNodeArgs } from '../temporal/worker-process';

/** Runs a process of the product (the worker, the trust services) on its own and restarts it if it dies (a crash loses nothing). */
function superviseProcess(name: string, nodeArgs: string[], env: NodeJS.ProcessEnv): { stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopping = false;
  const launch = () => {
    child = spawn(process.execPath, nodeArgs, { env, stdio: 'inherit', cwd: PROJECT_ROOT });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`${name} exited (${signal ?? code}); restarting in 2 s`);
      setTimeout(launch, 2000);
    });
  };
  launch();
  return {
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The embedded Temporal server, restarted if it dies as the worker is (its state is in its SQLite
 * file, so nothing is lost; the API answers 503 meanwhile).
 */
async function superviseDevServer(config: TemporalConfig): Promise<{ current: RunningDevServer; stop(): Promise<void> }> {
  let stopping = false;
  const supervised = { current: await startDevServer(config), stop: async () => { stopping = true; await supervised.current.stop(); } };
  const watch = (server: RunningDevServer) => {
    void server.exited?.then(async () => {
      if (stopping) return;
      console.error('the Temporal dev server exited; restarting in 2 s');
      await new Promise((r) => setTimeout(r, 2000));
      for (;;) {
        if (stopping) return;
        try {
          supervised.current = await startDevServer(config, { log: () => {} });
          console.error('the Temporal dev server is running again');
          return watch(supervised.current);
        } catch (err) {
          console.error(`restarting the Temporal dev server failed (${(err as Error).message}); trying again in 10 s`);
          await new Promise((r) => setTimeout(r, 10_000));
        }
      }
    });
  };
  watch(supervised.current);
  return supervised;
}

/** What to stop, newest first, when start-up fails half-way or the user presses Ctrl+C. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (const stop of cleanups.splice(0).reverse()) await stop().catch(() => {});
}

async function run(): Promise<void> {
  const config = loadConfig();
  const { db, pki } = await prepareInstallation(config);
  cleanups.push(() => db.$disconnect());

  let devServer: RunningDevServer | undefined;
  if (config.temporal.embedded) {
    const server = await step('starting the Temporal dev server (the CLI is fetched on the first start)', () => superviseDevServer(config.temporal));
    devServer = server.current;
    cleanups.push(() => server.stop());
  }
  // e-mail notices: with no SMTP relay named, a local sink receives them into data/mail/
  let mailSink: MailSink | undefined;
  if (!process.env.SMTP_HOST) {
    mailSink = await startMailSink({ port: config.notices.smtp.port, host: config.notices.smtp.host, dir: config.notices.mailSinkDir })
      .catch((err: unknown) => { console.error(`local SMTP sink not started (${(err as Error).message}); e-mail notices will wait and retry`); return undefined; });
    const sink = mailSink;
    if (sink) cleanups.push(() => sink.close());
  }
  let registries: RunningRegistrySimulator | undefined;
  if (config.registries.simulatorPort !== undefined) {
    const simulator = await startRegistrySimulator({ port: config.registries.simulatorPort });
    registries = simulator;
    cleanups.push(() => simulator.stop());
  }
  // the time-stamping authority: its own process, the only one answering time-stamp requests
  // node --import tsx (not the tsx CLI, which runs the script in a second process) so that a
  // signal to the child reaches the process itself
  const trustServices = superviseProcess('trust-services', ['--import', 'tsx', path.join(PROJECT_ROOT, 'trust-services', 'main.ts')], { ...process.env, DATA_DIR: config.dataDir });
  cleanups.push(() => trustServices.stop());
  const tsaUrl = config.trustServices.tsaUrl ?? `${config.trustServices.url}/tsa`;
  const workerMetrics = process.env.WORKER_METRICS_ADDRESS ?? '127.0.0.1:9464';
  const worker = superviseProcess('worker', workerNodeArgs(), { ...process.env, DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir, WORKER_METRICS_ADDRESS: workerMetrics, TSA_URL: tsaUrl });
  cleanups.push(() => worker.stop());

  const engine = new EngineClient(await connectClient(config.temporal), config.temporal.taskQueue, { clockControl: engineClockControl() });
  const resumed = await launchSubmitted(db, engine);
  if (resumed) console.log(`started ${resumed} application(s) that were submitted but not yet running`);
  await syncTimerStartSchedules(db, engine.temporal, engine.queue);
  await ensureLegalDeadlineSchedule(engine.temporal, engine.queue);
  await ensureRevocationPublishSchedule(engine.temporal, engine.queue);
  let paymentGatewayLine = `${config.paymentGateway.url}`;
  if (config.paymentGateway.simulator) {
    // the local stand-in for the bank's payment gateway (simulators/payment-gateway/)
    const sim = await startPaymentSimulator({ port: Number(new URL(config.paymentGateway.url).port || 3200), secret: config.paymentGateway.secret });
    cleanups.push(() => sim.close());
    paymentGatewayLine += '   (simulator)';
  }
  const app = await buildApp({
    db, engine, jwtSecret: config.jwtSecret, rootCertPems: [pki.rootCertPem], issuingCertPems: pki.issuingCertPems, pkiDir: config.pkiDir, signerCertificates: () => loadSignerCertificates(config.pkiDir), paymentGateway: createHttpGateway(config.paymentGateway),
    trustServicesUrl: config.trustServices.url, compileLimits: config.compileLimits, publicRateLimits: { ...DEFAULT_PUBLIC_RATE_LIMITS, ...config.publicRateLimits }, trustProxy: config.trustProxy, logger: process.env.LOG_LEVEL !== 'silent', metricsToken: process.env.METRICS_TOKEN, oidc: config.oidc,
  });
  cleanups.push(() => app.close());
  await app.listen({ port: config.port, host: '0.0.0.0' });

  const base = `http://localhost:${config.port}`;
  if (isDemo()) {
    // demo applications of every family, made through the API as people would (first start only)
    await step('demo applications of every family (first start only)', () => ensureDemoApplications(db, `http://127.0.0.1:${config.port}`)).catch((err: unknown) => console.error(`demo data could not be completed: ${(err as Error).message}`));
  }
  console.log(`
  ITO licensing BPMS is running
    portal            ${base}/
    process editor    ${base}/modeler   (administrators)
    public verify     ${base}/verify
    API               ${base}/api   (OpenAPI: ${base}/api/openapi.json; readiness ${base}/api/ready)
    metrics           ${base}/api/metrics (administrators or METRICS_TOKEN); worker: http://${workerMetrics}/metrics
    payment gateway   ${paymentGatewayLine}
    time-stamping     ${base}/api/public/pki/tsa   (trust services ${config.trustServices.url}; the worker uses ${tsaUrl})
    single sign-on    ${config.oidc ? `${config.oidc.issuer}   (callback ${config.oidc.redirectUri}; new identities: ${config.oidc.provision === 'applicant' ? 'applicant accounts' : 'refused'})` : 'off (set OIDC_ISSUER)'}
    Temporal          ${config.temporal.address}${config.temporal.tls ? ' (TLS)' : ''}${devServer?.uiUrl ? `   (Web UI: ${devServer.uiUrl})` : ''}
    registries        ${registries ? `simulated at ${registries.url}` : 'as configured (config/registries.ts)'}
    data              ${config.dataDir}
    notices           SMS (4040) ${config.notices.smsLogFile}; e-mail ${mailSink ? `${config.notices.mailSinkDir} (local SMTP sink on port ${mailSink.port})` : `SMTP ${config.notices.smtp.host}:${config.notices.smtp.port}`}`);
  if (isDemo()) {
    console.log(`    demo logins       ${DEMO_USERS.map((u) => u.username).join(', ')}   (password: ${DEMO_PASSWORD})`);
  }
  console.log('  Press Ctrl+C to stop.\n');

  const shutdown = async () => {
    console.log('stopping…');
    await cleanUp();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

run().catch(async (err) => {
  const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(err instanceof Error ? err.message : err, inUse ? '— stop what uses that port, or set PORT (or REGISTRY_SIMULATOR_PORT) to another one' : '');
  await cleanUp();
  process.exit(1);
});
