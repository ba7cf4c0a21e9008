/**
 * A whole installation run as separate processes on this machine, for the fault campaign
 * (scripts/fault-campaign.ts) and the scale bench (bench/scale/run.ts): a run folder with every
 * process's output in logs/, an app database (SQLite, or a private PostgreSQL cluster that can be
 * stopped and started), the embedded Temporal dev server (restartable on its SQLite file), N worker
 * processes and M API processes under a supervisor that restarts what dies (as `npm start` does),
 * and the simulators the product talks to (payment gateway, registries, SMTP sink).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, TemporalConfig, loadTemporalConfig } from '../../config';
import { ensureDemoPki } from '../../activities/certificates/pki';
import { createDb, Db } from '../../prisma/client';
import { bundleWorkflows } from '../../temporal/worker';
import { workerNodeArgs } from '../../temporal/worker-process';
import { RunningDevServer, startDevServer } from '../../temporal/dev-server';
import { RunningSimulator, startPaymentSimulator } from '../../simulators/payment-gateway/server';
import { RunningRegistrySimulator, startRegistrySimulator } from '../../simulators/registries/server';
import { MailSink, startMailSink } from './mail-sink';
import { prepareDatabase } from './prepare-database';
import { freePort } from '../../test/support/ports';


export type DatabaseKind = 'sqlite' | 'postgresql';

/** A folder under data/fleet/ holding everything one run writes; `logs/` has one file per process. */
export interface RunFolder { dir: string; logs: string }

export function createRunFolder(name: string, root = path.join(PROJECT_ROOT, 'data', 'fleet')): RunFolder {
  const dir = path.join(root, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  return { dir, logs };
}

/** A line to the run's own log (logs/fleet.log) and, unless quiet, the console. */
export function runLogger(folder: RunFolder, quiet = false): (message: string) => void {
  const file = path.join(folder.logs, 'fleet.log');
  return (message: string) => {
    const line = `${new Date().toISOString()} ${message}`;
    fs.appendFileSync(file, `${line}\n`);
    if (!quiet) console.log(line);
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a private cluster (initdb) on its own port, so stopping it harms nobody else's tests

export interface PrivatePostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it for good, keeps its log in the run folder's logs/ and removes its temporary folder. */
  close(): Promise<void>;
}

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', name))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error(`PostgreSQL's ${name} is not installed (apt-get install postgresql)`);
  return path.join(root, versions[0], 'bin', name);
}

/** initdb and pg_ctl refuse to run as root: then they run as the postgres user. */
function runAsOwner(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const res = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${res.stderr || res.stdout || res.error?.message}`);
}

export async function startPrivatePostgres(folder: RunFolder): Promise<PrivatePostgres> {
  // the cluster lives in a temporary folder of its own, copied into the run's logs at the end: the
  // postgres user may not reach the run folder (the data folder can be root's alone), and a socket's
  // path may not exceed 107 bytes (run folders are deeper than that)
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  const logFile = path.join(root, 'postgres.log');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.mkdirSync(socketDir);
  fs.writeFileSync(logFile, '');
  if (process.getuid?.() === 0) {
    spawnSync('chown', ['-R', 'postgres:postgres', root]);
  }
  runAsOwner(postgresBin('initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // fsync off: the faults here stop processes, never the machine, and the disk is shared with other work
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = postgresBin('pg_ctl');
  const start = async () => runAsOwner(pgCtl, ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  const stop = async () => runAsOwner(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await start();
  let running = true;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: async () => { await start(); running = true; },
    stop: async () => { await stop(); running = false; },
    close: async () => {
      if (running) await stop();
      running = false;
      fs.copyFileSync(logFile, path.join(folder.logs, 'postgres.log'));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Supervised processes: a worker or an API process that is restarted when it dies

export interface SupervisedProcess {
  readonly name: string;
  /** How often it was (re)started. */
  readonly starts: number;
  readonly pid: number | undefined;
  /** kill -9 the current process; the supervisor starts a new one after `restartDelayMs` unless told not to. */
  kill9(options?: { restart?: boolean }): Promise<void>;
  /** Start it again after kill9({ restart: false }). */
  resume(): void;
  /** SIGTERM, no restart; waits for the exit. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  /** node's arguments, the entry point last (workerNodeArgs() for a worker). */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** As `npm start`: 2 s. */
  restartDelayMs?: number;
  log: (message: string) => void;
}

export function supervise({ name, nodeArgs, env, logFile, restartDelayMs = 2_000, log }: SuperviseOptions): SupervisedProcess {
  let child: ChildProcess | undefined;
  let starts = 0;
  let stopping = false;
  let holdRestart = false;
  const launch = () => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n=== ${new Date().toISOString()} start ${starts + 1} of ${name} ===\n`);
    const started = spawn(process.execPath, nodeArgs, { env, cwd: PROJECT_ROOT, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    starts += 1;
    child = started;
    started.once('exit', (code, signal) => {
      if (stopping || holdRestart) return;
      log(`${name} (pid ${started.pid}) exited (${signal ?? code}); restarting in ${restartDelayMs / 1000} s`);
      setTimeout(() => { if (!stopping && !holdRestart) launch(); }, restartDelayMs);
    });
  };
  const exitOf = (c: ChildProcess | undefined): Promise<void> => new Promise((resolve) => {
    if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
  });
  launch();
  return {
    name,
    get starts() { return starts; },
    get pid() { return child?.pid; },
    async kill9({ restart = true } = {}) {
      // a kill while the last one's restart is pending would hit nothing: wait for the new process
      const deadline = Date.now() + 60_000;
      while ((!child || child.exitCode !== null || child.signalCode !== null) && !stopping && !holdRestart && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      holdRestart = !restart;
      const current = child;
      const exited = exitOf(current);
      current?.kill('SIGKILL');
      await exited;
    },
    resume() {
      holdRestart = false;
      if (!stopping && (!child || child.exitCode !== null || child.signalCode !== null)) launch();
    },
    async stop() {
      stopping = true;
      const exited = exitOf(child);
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The fleet

export interface FleetOptions {
  folder: RunFolder;
  database: DatabaseKind;
  workers: number;
  apis: number;
  log: (message: string) => void;
  /** How often a worker seals audit entries (ms). */
  auditSealIntervalMs?: number;
  /** Extra environment for every product process. */
  env?: Record<string, string>;
}

export interface Fleet {
  folder: RunFolder;
  databaseUrl: string;
  /** The orchestrator's own client of the app database (for the end checks). */
  db: Db;
  temporal: TemporalConfig;
  /** The API processes' base URLs, in order. */
  apiUrls: string[];
  workers: SupervisedProcess[];
  apis: SupervisedProcess[];
  postgres?: PrivatePostgres;
  payments: RunningSimulator;
  /** Stop the Temporal server (SIGTERM) and start it again on the same file and port. */
  restartTemporal(downForMs?: number): Promise<void>;
  /** The dev server's process id (its CPU time is part of the bench's figures). */
  temporalPid(): number | undefined;
  /** Every process this fleet started, stopped; the run folder stays. */
  close(): Promise<void>;
}

// node --import tsx (not the tsx CLI, which runs the script in a second process): a signal reaches the process itself
const API_NODE_ARGS = ['--import', 'tsx', path.join(PROJECT_ROOT, 'portal', 'server', 'api-main.ts')];

/** Waits until GET /api/health of `baseUrl` answers at all (the process listens). */
export async function waitForHttp(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${baseUrl} did not answer within ${timeoutMs} ms`);
}

export async function startFleet({ folder, database, workers, apis, log, auditSealIntervalMs = 2_000, env = {} }: FleetOptions): Promise<Fleet> {
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((err: unknown) => log(`clean-up: ${(err as Error).message}`));
  };
  try {
    let postgres: PrivatePostgres | undefined;
    let databaseUrl = `file:${path.join(folder.dir, 'app.db')}`;
    if (database === 'postgresql') {
      postgres = await startPrivatePostgres(folder);
      const pg = postgres;
      cleanups.push(() => pg.close());
      databaseUrl = pg.url;
      log(`PostgreSQL: a private cluster on port ${pg.port} (its log copied to logs/postgres.log when it stops)`);
    }
    const documentsDir = path.join(folder.dir, 'documents');
    const prepared = await prepareDatabase({ databaseUrl, demo: true, documentsDir, log: () => {} });
    await prepared.$disconnect();
    const pkiDir = path.join(folder.dir, 'pki');
    const pkiPassphrase = 'fleet-passphrase';
    await ensureDemoPki(pkiDir, pkiPassphrase);
    const bundlePath = path.join(folder.dir, 'workflow-bundle.js');
    fs.writeFileSync(bundlePath, (await bundleWorkflows()).code);

    const temporalPort = await freePort();
    const temporal = loadTemporalConfig({
      ...process.env,
      TEMPORAL_ADDRESS: '',
      TEMPORAL_EMBEDDED_PORT: String(temporalPort),
      TEMPORAL_EMBEDDED_DB_FILE: path.join(folder.dir, 'temporal.db'),
      TEMPORAL_TASK_QUEUE: `fleet-${temporalPort}`,
    });
    const temporalLog = path.join(folder.logs, 'temporal.log');
    let devServer: RunningDevServer = await startDevServer(temporal, { headless: true, log, logFile: temporalLog });
    cleanups.push(() => devServer.stop());
    log(`Temporal: dev server on ${temporal.address} (pid ${devServer.pid})`);

    const paymentSecret = 'fleet-gateway-secret';
    const payments = await startPaymentSimulator({ secret: paymentSecret });
    cleanups.push(() => payments.close());
    const registries: RunningRegistrySimulator = await startRegistrySimulator();
    cleanups.push(() => registries.stop());
    const smtpPort = await freePort();
    const mail: MailSink = await startMailSink({ port: smtpPort, dir: path.join(folder.dir, 'mail') });
    cleanups.push(() => mail.close());

    const apiPorts: number[] = [];
    for (let i = 0; i < apis; i++) apiPorts.push(await freePort());
    const productEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: folder.dir,
      DATABASE_URL: databaseUrl,
      DOCUMENTS_DIR: documentsDir,
      PKI_DIR: pkiDir,
      PKI_PASSPHRASE: pkiPassphrase,
      // one secret for all API processes: a login at one is good at the others
      JWT_SECRET: 'fleet-jwt-secret',
      TEMPORAL_ADDRESS: '',
      TEMPORAL_EMBEDDED_PORT: String(temporalPort),
      TEMPORAL_EMBEDDED_DB_FILE: temporal.embedded!.dbFile,
      TEMPORAL_TASK_QUEUE: temporal.taskQueue,
      WORKFLOW_BUNDLE: bundlePath,
      PAYMENT_GATEWAY_URL: payments.url,
      PAYMENT_GATEWAY_SECRET: paymentSecret,
      REGISTRIES_URL: registries.url,
      SMTP_PORT: String(smtpPort),
      AUDIT_SEAL_INTERVAL_MS: String(auditSealIntervalMs),
      LOG_LEVEL: 'warn',
      ...env,
    };
    const workerProcesses = Array.from({ length: workers }, (_, i) => supervise({
      name: `worker-${i + 1}`, nodeArgs: workerNodeArgs(), log, logFile: path.join(folder.logs, `worker-${i + 1}.log`), env: productEnv,
    }));
    cleanups.push(async () => { await Promise.all(workerProcesses.map((w) => w.stop())); });
    const apiProcesses = apiPorts.map((port, i) => supervise({
      name: `api-${i + 1}`, nodeArgs: API_NODE_ARGS, log, logFile: path.join(folder.logs, `api-${i + 1}.log`),
      env: { ...productEnv, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
    }));
    cleanups.push(async () => { await Promise.all(apiProcesses.map((a) => a.stop())); });
    const apiUrls = apiPorts.map((p) => `http://127.0.0.1:${p}`);
    await Promise.all(apiUrls.map((u) => waitForHttp(u)));
    log(`API processes: ${apiUrls.join(', ')}; ${workers} worker process(es)`);

    const db = createDb(databaseUrl);
    // the orchestrator's client closes before the database stops
    cleanups.splice(postgres ? 1 : 0, 0, () => db.$disconnect());

    return {
      folder, databaseUrl, db, temporal, apiUrls, workers: workerProcesses, apis: apiProcesses, postgres, payments,
      async restartTemporal(downForMs = 0) {
        await devServer.stop();
        log('Temporal: dev server stopped');
        if (downForMs) await new Promise((r) => setTimeout(r, downForMs));
        devServer = await startDevServer(temporal, { headless: true, log, logFile: temporalLog });
        log(`Temporal: dev server running again (pid ${devServer.pid})`);
      },
      temporalPid: () => devServer.pid,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
