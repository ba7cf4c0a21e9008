/**
 * What the load benchmark runs against, as an installation runs it: a fresh data folder under
 * data/bench/, an embedded Temporal dev server on a free port, one worker process
 * (temporal/worker-main.ts) and API processes (portal/server/api-main.ts) on their own ports, each
 * with its own environment. Measured in separate processes so that autocannon, in this one, does
 * not share the API's event loop.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, loadTemporalConfig } from '../../config';
import { ensureDemoPki } from '../../activities/certificates/pki';
import type { Db } from '../../prisma/client';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { startDevServer } from '../../temporal/dev-server';
import { workerNodeArgs } from '../../temporal/worker-process';
import { startPaymentSimulator } from '../../simulators/payment-gateway/server';
import { startRegistrySimulator } from '../../simulators/registries/server';
import { freePort } from '../../test/support/ports';

export interface ApiProcess {
  baseUrl: string;
  pid: number;
}

export interface LoadStack {
  runDir: string;
  db: Db;
  /** Public limits raised out of the way: what the machine can serve. */
  capacity: ApiProcess;
  /** The shipped defaults: where 429 starts. */
  defaults: ApiProcess;
  close(): Promise<void>;
}

const PKI_PASSPHRASE = 'bench-load';

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the process serving ${baseUrl} exited (${child.exitCode}); see ${logFile}`);
    const ok = await fetch(`${baseUrl}/api/ready`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${baseUrl} did not become ready; see ${logFile}`);
}

export async function startLoadStack(log: (m: string) => void, keep: boolean): Promise<LoadStack> {
  const runDir = path.join(PROJECT_ROOT, 'data', 'bench', `load-${Date.now()}-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => log(`cleanup: ${String(err)}`));
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const temporalPort = await freePort();
    const temporal = loadTemporalConfig({ ...process.env, TEMPORAL_ADDRESS: '', TEMPORAL_EMBEDDED_PORT: String(temporalPort), TEMPORAL_EMBEDDED_DB_FILE: path.join(runDir, 'temporal.db') });
    const server = await startDevServer(temporal, { headless: true, log });
    stops.push(() => server.stop());
    const databaseUrl = `file:${path.join(runDir, 'app.db')}`;
    const db = await prepareDatabase({ databaseUrl, demo: true, log: () => {} });
    stops.push(() => db.$disconnect());
    await ensureDemoPki(path.join(runDir, 'pki'), PKI_PASSPHRASE);
    const registries = await startRegistrySimulator();
    stops.push(() => registries.stop());
    const paymentSecret = `bench-load-${process.pid}`;
    const payments = await startPaymentSimulator({ secret: paymentSecret });
    stops.push(() => payments.close());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: runDir, DATABASE_URL: databaseUrl, PKI_PASSPHRASE, JWT_SECRET: `bench-load-jwt-${process.pid}`,
      TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: `bench-load-${process.pid}`,
      REGISTRIES_URL: registries.url, PAYMENT_GATEWAY_URL: payments.url, PAYMENT_GATEWAY_SECRET: paymentSecret,
      LOG_LEVEL: 'silent', AUDIT_SEAL_INTERVAL_MS: '10000', SMS_LOG_FILE: path.join(runDir, 'sms.log'), MAIL_SINK_DIR: path.join(runDir, 'mail'),
    };
    const spawnLogged = (name: string, nodeArgs: string[], extra: NodeJS.ProcessEnv) => {
      const logFile = path.join(runDir, `${name}.log`);
      const out = fs.openSync(logFile, 'a');
      const child = spawn(process.execPath, nodeArgs, { env: { ...env, ...extra }, cwd: PROJECT_ROOT, stdio: ['ignore', out, out] });
      stops.push(() => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }));
      return { child, logFile };
    };
    spawnLogged('worker', workerNodeArgs(), { WORKER_METRICS_ADDRESS: '' });
    const api = async (name: string, extra: NodeJS.ProcessEnv): Promise<ApiProcess> => {
      const port = await freePort();
      const { child, logFile } = spawnLogged(name, ['--import', 'tsx', path.join(PROJECT_ROOT, 'portal', 'server', 'api-main.ts')], { ...extra, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
      const baseUrl = `http://127.0.0.1:${port}`;
      await waitForHealth(baseUrl, child, logFile);
      return { baseUrl, pid: child.pid! };
    };
    log('starting the worker and two API processes');
    const capacity = await api('api-capacity', { PUBLIC_LOOKUPS_PER_MINUTE: String(10_000_000), PUBLIC_UPLOADS_PER_MINUTE: String(10_000_000) });
    // behind a trusted local proxy, so the probe of the shipped limits comes from an address of its own:
    // the counts are shared by every API process through the database
    const defaults = await api('api-defaults', { TRUST_PROXY: 'loopback' });
    return { runDir, db, capacity, defaults, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Resident memory of a process in MB (/proc/<pid>/status), or NaN when it is gone. */
export function residentMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : NaN;
  } catch {
    return NaN;
  }
}
