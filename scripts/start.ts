/**
 * `npm start`: set everything up, then run the whole product: the embedded Temporal dev server
 * (unless temporal.yaml names a cluster), a worker process, and the HTTP API with the portal.
 * A second start reuses the database, the Temporal state and the keys under data/.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT, engineClockControl, loadConfig } from '../config';
import { buildApp } from '../portal/server/app';
import { EngineClient } from '../portal/server/engine/engine-client';
import { launchSubmitted } from '../portal/server/services/start-application';
import { syncTimerStartSchedules } from '../activities/messaging/timer-start-schedules';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed';
import { connectClient } from '../temporal/connection';
import { RunningDevServer, startDevServer } from '../temporal/dev-server';
import { isDemo, prepareInstallation } from './setup';
import { ensureDemoApplications } from './lib/demo-applications';
import { startPaymentSimulator } from '../simulators/payment-gateway/server';
import { createHttpGateway } from '../activities/payments/http-gateway';

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
    const server = await startDevServer(config.temporal);
    devServer = server;
    cleanups.push(() => server.stop());
  }
  const worker = superviseWorker({ ...process.env, DATABASE_URL: config.databaseUrl, DATA_DIR: config.dataDir });
  cleanups.push(() => worker.stop());

  const engine = new EngineClient(await connectClient(config.temporal), config.temporal.taskQueue, { clockControl: engineClockControl() });
  const resumed = await launchSubmitted(db, engine);
  if (resumed) console.log(`started ${resumed} application(s) that were submitted but not yet running`);
  await syncTimerStartSchedules(db, engine.temporal, engine.queue);
  let paymentGatewayLine = `${config.paymentGateway.url}`;
  if (config.paymentGateway.simulator) {
    // the local stand-in for the bank's payment gateway (simulators/payment-gateway/)
    const sim = await startPaymentSimulator({ port: Number(new URL(config.paymentGateway.url).port || 3100), secret: config.paymentGateway.secret });
    cleanups.push(() => sim.close());
    paymentGatewayLine += '   (simulator)';
  }
  const app = await buildApp({ db, engine, jwtSecret: config.jwtSecret, rootCertPems: [pki.rootCertPem], issuingCertPems: pki.issuingCertPems, paymentGateway: createHttpGateway(config.paymentGateway) });
  cleanups.push(() => app.close());
  await app.listen({ port: config.port, host: '0.0.0.0' });

  const base = `http://localhost:${config.port}`;
  if (isDemo()) {
    // demo applications of every family, made through the API as people would (first start only)
    await ensureDemoApplications(db, `http://127.0.0.1:${config.port}`).catch((err: unknown) => console.error(`demo data could not be completed: ${(err as Error).message}`));
  }
  console.log(`
  ITO licensing BPMS is running
    portal            ${base}/
    process editor    ${base}/modeler   (administrators)
    public verify     ${base}/verify
    API               ${base}/api   (OpenAPI: ${base}/api/openapi.json)
    payment gateway   ${paymentGatewayLine}
    Temporal          ${config.temporal.address}${devServer?.uiUrl ? `   (Web UI: ${devServer.uiUrl})` : ''}
    data              ${config.dataDir}`);
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
  console.error(err instanceof Error ? err.message : err, inUse ? '— stop what uses that port, or set PORT to another one' : '');
  await cleanUp();
  process.exit(1);
});
