/**
 * `npm start`: set everything up, then run the whole product: the embedded Temporal dev server
 * (unless temporal.yaml names a cluster), the simulator of the external registries (unless real ones
 * are configured: config/registries.ts), a worker process, and the HTTP API with the portal.
 * A second start reuses the database, the Temporal state and the keys under data/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT, engineClockControl, loadConfig } from '../config';
import { buildApp } from '../portal/server/app';
import { EngineClient } from '../portal/server/engine/engine-client';
import { launchSubmitted } from '../portal/server/services/start-application';
import { syncTimerStartSchedules } from '../activities/messaging/timer-start-schedules';
import { ensureLegalDeadlineSchedule } from '../activities/deadlines/legal-deadline-schedule';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed';
import { connectClient } from '../temporal/connection';
import { RunningDevServer, startDevServer } from '../temporal/dev-server';
import { isDemo, prepareInstallation } from './setup';
import { ensureDemoApplications } from './lib/demo-applications';
import { startMailSink, type MailSink } from './lib/mail-sink';
import { RunningRegistrySimulator, startRegistrySimulator } from '../simulators/registries/server';
import { startPaymentSimulator } from '../simulators/payment-gateway/server';
import { createHttpGateway } from '../activities/payments/http-gateway';
import { step } from './lib/progress';

/** Runs the worker as its own process and restarts it if it dies (a crash loses nothing). */
function superviseWorker(env: NodeJS.ProcessEnv): { stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopping = false;
  const launch = () => {
    // node --import tsx (not the tsx CLI, which runs the script in a second process) so that a
    // signal to this child reaches the worker itself
    child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'temporal', 'worker-main.ts')], { env, stdio: 'inherit', cwd: PROJECT_ROOT });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`worker exited (${signal ?? code}); restarting in 2 s`);
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
    const server = await step('starting the Temporal dev server (the CLI is fetched on the first start)', () => startDevServer(config.temporal));
    devServer = server;
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
  const worker = superviseWorker({ ...process.env, DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir });
  cleanups.push(() => worker.stop());

  const engine = new EngineClient(await connectClient(config.temporal), config.temporal.taskQueue, { clockControl: engineClockControl() });
  const resumed = await launchSubmitted(db, engine);
  if (resumed) console.log(`started ${resumed} application(s) that were submitted but not yet running`);
  await syncTimerStartSchedules(db, engine.temporal, engine.queue);
  await ensureLegalDeadlineSchedule(engine.temporal, engine.queue);
  let paymentGatewayLine = `${config.paymentGateway.url}`;
  if (config.paymentGateway.simulator) {
    // the local stand-in for the bank's payment gateway (simulators/payment-gateway/)
    const sim = await startPaymentSimulator({ port: Number(new URL(config.paymentGateway.url).port || 3200), secret: config.paymentGateway.secret });
    cleanups.push(() => sim.close());
    paymentGatewayLine += '   (simulator)';
  }
  const app = await buildApp({ db, engine, jwtSecret: config.jwtSecret, rootCertPems: [pki.rootCertPem], issuingCertPems: pki.issuingCertPems, paymentGateway: createHttpGateway(config.paymentGateway) });
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
    API               ${base}/api   (OpenAPI: ${base}/api/openapi.json)
    payment gateway   ${paymentGatewayLine}
    Temporal          ${config.temporal.address}${devServer?.uiUrl ? `   (Web UI: ${devServer.uiUrl})` : ''}
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
