/**
 * What integration tests use to run the product on the real parts global-setup prepared:
 * a worker (in this process or as a separate process that can be killed), the HTTP API on a real
 * port, and a small HTTP client.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { PROJECT_ROOT, RegistriesConfig, TemporalConfig, engineClockControl, loadConfig, loadTemporalConfig } from '../../config';
import { ensureDemoPki, loadPkiCertificates, loadSignerCertificates, Pki, PkiCertificates } from '../../activities/certificates/pki';
import { createRevocationPublisher, type RevocationPublisher } from '../../activities/certificates/revocation/publish';
import { pkiValidationData } from '../../activities/certificates/ltv/pki-validation-data';
import type { PublicRateLimits } from '../../portal/server/plugins/rate-limits';
import { buildApp } from '../../portal/server/app';
import type { LoginOptions } from '../../portal/server/routes/auth';
import { EngineClient, type EngineOptions } from '../../portal/server/engine/engine-client';
import { Db, createDb } from '../../prisma/client';
import { connectClient } from '../../temporal/connection';
import { RunningDevServer, startDevServer } from '../../temporal/dev-server';
import { freePort } from './ports';
import { createEngineWorker } from '../../temporal/worker';
import { workerNodeArgs } from '../../temporal/worker-process';
import { ApiClient } from '../../scripts/lib/api-client';
import { createHttpGateway } from '../../activities/payments/http-gateway';
import type { PaymentGateway } from '../../activities/payments/gateway';
import { RunningSimulator, startPaymentSimulator } from '../../simulators/payment-gateway/server';
export { ApiClient, waitFor } from '../../scripts/lib/api-client';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // already installed by an earlier test file in this process
  }
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ ...process.env, ...overrides });
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/** Where the product reads the per-family service files: definitions/ unless a test gives a folder of test families. */
export interface DefinitionsOption {
  definitionsDir?: string;
}

/** Where each stack's worker PKI lives (its folder and passphrase), for the validation data of the certificates it issues. */
const pkiLocations = new WeakMap<Pki, { dir: string; passphrase: string }>();

/**
 * A worker in this process (fast; for tests that do not kill it). `registries`: where its inquiries
 * go, by default the run's registry simulator (global-setup); `paymentGateway`: where its refunds go
 * (the API's simulator: Stack.paymentGateway). It issues PAdES B-LTA as the product's worker does,
 * with validation data from the PKI's folder (the stack's, or the run's for a PKI loaded elsewhere).
 */
export async function startWorker(
  db: Db, pki: Pki, temporal: TemporalConfig = testConfig().temporal, registries: RegistriesConfig = testConfig().registries, paymentGateway?: PaymentGateway,
  { definitionsDir, revocationPublisher }: DefinitionsOption & { revocationPublisher?: RevocationPublisher } = {},
): Promise<RunningWorker> {
  quietRuntime();
  const config = testConfig();
  const { dir, passphrase } = pkiLocations.get(pki) ?? { dir: config.pkiDir, passphrase: config.pkiPassphrase };
  const validationData = pkiValidationData(dir, revocationPublisher ?? createRevocationPublisher(dir, { passphrase }));
  const worker: Worker = await createEngineWorker({
    temporal,
    deps: { db, pki, publicBaseUrl: config.publicBaseUrl, registries, paymentGateway, definitionsDir, revocationPublisher, validationData },
    workflowBundlePath: process.env.WORKFLOW_BUNDLE,
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/** A worker as its own OS process, which a test may kill -9. */
export function spawnWorkerProcess(env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, workerNodeArgs(), {
    env: { ...process.env, ...env },
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export interface Stack {
  client: Client;
  db: Db;
  /** For startWorker: the API itself was given the certificates only. */
  pki: Pki;
  engine: EngineClient;
  api: FastifyInstance;
  baseUrl: string;
  /** The payment gateway simulator this API pays through (its own free port). */
  paymentSimulator: RunningSimulator;
  /** The gateway over that simulator, as the API uses it (give it to the worker for refunds). */
  paymentGateway: PaymentGateway;
  close(): Promise<void>;
}

/** The API server on a real port, with its own Temporal client and database client; `env` overrides the configuration (e.g. PKI_DIR). */
export interface ApiOptions extends DefinitionsOption {
  /** The sign-in's throttle (e.g. on a test clock) and password check. */
  login?: LoginOptions;
  /** How the API judges whether Temporal answers (default: the product's). */
  engineOptions?: EngineOptions;
  /** Start applications recorded while the engine was down this often (default: never, so tests see what they left). */
  relaunchEveryMs?: number;
  /** The bearer a Prometheus scraper may present at /api/metrics. */
  metricsToken?: string;
  /** The port to listen on (default: one the OS picks), for a test whose settings must name the API's address beforehand (OIDC_REDIRECT_URI). */
  port?: number;
}

/**
 * What a test's worker signs with: the stack's certificates, the keys decrypted (ensureDemoPki) on
 * the first signature, so that a stack whose API is started without the right passphrase starts.
 */
function workerPkiOnDemand(certificates: PkiCertificates, dir: string, passphrase: string): Pki {
  let loaded: Promise<Pki> | undefined;
  const pki: Pki = {
    ...certificates,
    reencryptedKeys: [],
    signerFor: (familyCode) => (loaded ??= ensureDemoPki(dir, passphrase)).then((pki) => pki.signerFor(familyCode)),
    timeStampAuthority: () => (loaded ??= ensureDemoPki(dir, passphrase)).then((pki) => pki.timeStampAuthority()),
  };
  pkiLocations.set(pki, { dir, passphrase });
  return pki;
}

export async function startApi(temporal: TemporalConfig = testConfig().temporal, publicRateLimits?: PublicRateLimits, env: Record<string, string> = {}, { definitionsDir, engineOptions, relaunchEveryMs, metricsToken, login, port: listenPort = 0 }: ApiOptions = {}): Promise<Stack> {
  const config = testConfig(env);
  const db = createDb(config.databaseUrl);
  // the API gets certificates only, as in npm start; the keys are for the worker (stack.pki)
  const certificates = await loadPkiCertificates(config.pkiDir);
  const pki = workerPkiOnDemand(certificates, config.pkiDir, config.pkiPassphrase);
  const client = await connectClient(temporal);
  const engine = new EngineClient(client, temporal.taskQueue, { clockControl: engineClockControl(), ...engineOptions });
  const paymentSimulator = await startPaymentSimulator({ secret: `test-gateway-${process.pid}` });
  const paymentGateway = createHttpGateway({ url: paymentSimulator.url, secret: paymentSimulator.secret });
  const api = await buildApp({
    db, engine, jwtSecret: config.jwtSecret, rootCertPems: [certificates.rootCertPem], issuingCertPems: certificates.issuingCertPems, pkiDir: config.pkiDir, signerCertificates: () => loadSignerCertificates(config.pkiDir), publicRateLimits, documentsDir: config.documentsDir,
    paymentGateway,
    paymentReconciliation: false,
    definitionsDir,
    relaunchEveryMs: relaunchEveryMs ?? false,
    metricsToken,
    compileLimits: config.compileLimits,
    trustProxy: config.trustProxy,
    login,
    oidc: config.oidc,
    trustServicesUrl: config.trustServices.url,
  });
  await api.listen({ port: listenPort, host: '127.0.0.1' });
  const address = api.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    client, db, pki, engine, api, paymentSimulator, paymentGateway,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await api.close();
      await paymentSimulator.close();
      await client.connection.close();
      await db.$disconnect();
    },
  };
}


/** An installation of its own: the data folder, database and task queue it runs on. */
export interface InstallationOptions {
  dataDir: string;
  databaseUrl: string;
  /** Workflows stay bound to the queue they started on: a restored installation must use the same. */
  taskQueue: string;
}

export interface RunningInstallation {
  /** DATA_DIR, DATABASE_URL and the Temporal settings this installation runs with. */
  env: Record<string, string>;
  temporal: TemporalConfig;
  devServer: RunningDevServer;
  stack: Stack;
  stop(): Promise<void>;
}

/**
 * The whole product on a data folder of its own, not on the run's shared one: an embedded Temporal
 * dev server on its store in <dataDir>/temporal/temporal.db (on a free port), the API with the
 * PKI and documents under <dataDir>, and an in-process worker. For tests of what lives in the data
 * folder, such as backup and restore.
 */
export async function startInstallation({ dataDir, databaseUrl, taskQueue }: InstallationOptions): Promise<RunningInstallation> {
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_EMBEDDED_PORT: String(await freePort()),
    TEMPORAL_EMBEDDED_DB_FILE: path.join(dataDir, 'temporal', 'temporal.db'),
    TEMPORAL_TASK_QUEUE: taskQueue,
  };
  const temporal = loadTemporalConfig({ ...process.env, ...env });
  const devServer = await startDevServer(temporal, { headless: true, log: () => {} });
  let stack: Stack | undefined;
  let worker: RunningWorker | undefined;
  const stop = async () => {
    await worker?.stop();
    await stack?.close();
    await devServer.stop();
  };
  try {
    // as npm start's set-up does: a key-holding step makes (or loads) the PKI before the API starts
    const config = testConfig(env);
    await ensureDemoPki(config.pkiDir, config.pkiPassphrase);
    stack = await startApi(temporal, undefined, env);
    worker = await startWorker(stack.db, stack.pki, temporal, undefined, stack.paymentGateway);
  } catch (err) {
    await stop();
    throw err;
  }
  return { env, temporal, devServer, stack, stop };
}

export const HISTORIES_DIR = path.join(PROJECT_ROOT, 'workflows', 'test', 'histories');

/**
 * Keeps the event history of a finished application for replay tests. Written into the repository
 * only when RECORD_HISTORIES=1 (then commit the file); otherwise into the run folder.
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const dir = process.env.RECORD_HISTORIES === '1' ? HISTORIES_DIR : path.join(process.env.TEST_RUN_DIR!, 'histories');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(history));
  return file;
}

export interface RunningProduct {
  readonly stack: Stack;
  /** A client without a login. */
  readonly anonymous: ApiClient;
  /** Logged-in clients for the given demo users, in order. */
  login(...usernames: string[]): Promise<ApiClient[]>;
}

/** What a test file holds of the running stack: the stack, an anonymous client, logged-in clients. */
function handleOn(running: () => Stack): RunningProduct {
  return {
    get stack() { return running(); },
    get anonymous() { return new ApiClient(running().baseUrl); },
    login: (...usernames) => Promise.all(usernames.map((u) => new ApiClient(running().baseUrl).login(u))),
  };
}

/** Registers beforeAll/afterAll that run the API alone (no worker) for this test file, on what global-setup prepared. */
export function useApi(): RunningProduct {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startApi();
  });
  afterAll(async () => {
    await stack?.close();
  });
  const running = (): Stack => {
    if (!stack) throw new Error('the API runs only inside the tests of the file that called useApi()');
    return stack;
  };
  return handleOn(running);
}

/**
 * Registers beforeAll/afterAll that run the API and an in-process worker for this test file, on
 * the Temporal server and database global-setup prepared; both read the service files from
 * `definitionsDir` when given (a folder of test families: test/fixtures/definitions).
 */
export function useRunningProduct(options: DefinitionsOption = {}): RunningProduct {
  let stack: Stack | undefined;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    stack = await startApi(undefined, undefined, {}, options);
    worker = await startWorker(stack.db, stack.pki, undefined, undefined, stack.paymentGateway, options);
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });
  const running = (): Stack => {
    if (!stack) throw new Error('the product runs only inside the tests of the file that called useRunningProduct()');
    return stack;
  };
  return handleOn(running);
}

/** A BPMN (or other) file from test/fixtures/. */
export function readFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');
}
