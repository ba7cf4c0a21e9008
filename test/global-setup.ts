/**
 * Once per jest run: a real Temporal dev server (its own port and SQLite file), a fresh app
 * database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql) migrated and seeded with the demo
 * data and the bundled definitions, a demo PKI, and the workflow bundle. Everything is passed to the
 * tests through environment variables (jest runs them in this process: --runInBand).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, loadTemporalConfig } from '../config';
import { ensureDemoPki } from '../activities/certificates/pki';
import { prepareDatabase } from '../scripts/lib/prepare-database';
import { bundleWorkflows } from '../temporal/worker';
import { buildWebAssets } from '../scripts/lib/build-web';
import { startDevServer, RunningDevServer } from '../temporal/dev-server';
import { freePort } from './support/ports';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startRegistrySimulator, RunningRegistrySimulator } from '../simulators/registries/server';

declare global {
  // eslint-disable-next-line no-var
  var __harness: { devServer: RunningDevServer; database: TestDatabase; registries: RunningRegistrySimulator } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.SKIP_SERVICES === '1') return;
  const runDir = path.join(PROJECT_ROOT, 'data', 'test-runs', `${Date.now()}-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });

  const port = await freePort();
  process.env.TEMPORAL_EMBEDDED_PORT = String(port);
  process.env.TEMPORAL_EMBEDDED_DB_FILE = path.join(runDir, 'temporal.db');
  process.env.TEMPORAL_TASK_QUEUE = `test-${process.pid}`;
  delete process.env.TEMPORAL_ADDRESS;
  const devServer = await startDevServer(loadTemporalConfig(), { headless: true, log: () => {} });

  const database = await createTestDatabase(runDir);
  const db = await prepareDatabase({ databaseUrl: database.url, demo: true, documentsDir: path.join(runDir, 'documents'), log: () => {} });
  await db.$disconnect();

  // the external registries inquiries ask: the simulator, for every worker of the run (a test that
  // makes a registry unreachable starts its own)
  const registries = await startRegistrySimulator();

  const pkiDir = path.join(runDir, 'pki');
  await ensureDemoPki(pkiDir, 'test-passphrase');

  buildWebAssets();
  const bundle = await bundleWorkflows();
  const bundlePath = path.join(runDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);

  Object.assign(process.env, {
    TEST_RUN_DIR: runDir,
    DATABASE_URL: database.url,
    DATA_DIR: runDir,
    PKI_PASSPHRASE: 'test-passphrase',
    JWT_SECRET: 'test-jwt-secret',
    WORKFLOW_BUNDLE: bundlePath,
    PUBLIC_BASE_URL: 'http://localhost:3000',
    REGISTRIES_URL: registries.url,
  });
  globalThis.__harness = { devServer, database, registries };
}
