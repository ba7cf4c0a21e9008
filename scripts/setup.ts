/**
 * `npm run setup` and the first half of `npm start`: generate the Prisma clients, migrate and seed
 * the app database (demo data unless DEMO_SEED=0), create the demo PKI, build the process editor's bundle. (`npm test` prepares its
 * own throw-away database: scripts/run-tests.ts.)
 *
 * `npm run setup -- --no-build` does only the database and the PKI: what an installation's
 * ito-setup.service runs before each start, with the application folder read-only (the Prisma
 * clients and the portal were built when the release was installed: deploy/README.md).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppConfig, PROJECT_ROOT, loadConfig, loadTemporalConfig } from '../config';
import { loadPkiCertificates, PkiCertificates } from '../activities/certificates/pki';
import type { Db } from '../prisma/client';
import { MISSING_CLI_MESSAGE, findTemporalCli } from '../temporal/cli';
import { ensurePrismaClients } from './lib/prisma-clients';
import { prepareDatabase } from './lib/prepare-database';
import { buildWebAssets } from './lib/build-web';
import { step } from './lib/progress';

export function ensureTemporalCli(): string | undefined {
  const t = loadTemporalConfig();
  if (!t.embedded) return undefined;
  const cli = findTemporalCli({ env: process.env, toolsDir: t.cli.toolsDir, version: t.cli.version });
  if (!cli) throw new Error(MISSING_CLI_MESSAGE);
  return cli;
}

export const isDemo = (): boolean => process.env.DEMO_SEED !== '0';

/**
 * Creates the PKI on first use and re-encrypts weakly encrypted keys (`npm run pki -- prepare`) in
 * a child process: the caller may be the API's process, which must never hold a private key. The
 * child's output goes through console.log (npm run bpmn sends that to stderr).
 */
function preparePkiInOwnProcess(config: AppConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', 'pki.ts'), 'prepare'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: config.dataDir, PKI_DIR: config.pkiDir, PKI_PASSPHRASE: config.pkiPassphrase },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(line);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (pending) console.log(pending);
      if (code === 0) resolve();
      else reject(new Error(`preparing the PKI in ${config.pkiDir} failed (${signal ?? `exit code ${code}`}); the reason is printed above`));
    });
  });
}

/**
 * Everything the product needs before it runs; the caller owns the returned database client. The
 * PKI comes back as certificates only: whoever signs loads the keys itself (ensureDemoPki).
 */
export async function prepareInstallation(config: AppConfig, { build = true }: { build?: boolean } = {}): Promise<{ db: Db; pki: PkiCertificates }> {
  if (build) {
    await step('checking the Prisma clients', () => ensurePrismaClients());
    await step('building the portal (portal/app, the process editor)', () => buildWebAssets());
  }
  const db = await step('preparing the database (migrations, seed, definitions)', () => prepareDatabase({ databaseUrl: config.databaseUrl, demo: isDemo(), adminPassword: process.env.ADMIN_PASSWORD }));
  try {
    await step('preparing the PKI (created on the first start)', () => preparePkiInOwnProcess(config));
    const pki = await loadPkiCertificates(config.pkiDir);
    if (config.pkiPassphraseSource === 'demo default') {
      console.log(`demo mode: the PKI keys in ${config.pkiDir} are encrypted with a generated demo passphrase (${config.dataDir}/secrets/pki_passphrase); set PKI_PASSPHRASE for a real installation`);
    }
    return { db, pki };
  } catch (err) {
    await db.$disconnect();
    throw err;
  }
}

async function run(): Promise<void> {
  const { db } = await prepareInstallation(loadConfig(), { build: !process.argv.includes('--no-build') });
  await db.$disconnect();
  console.log('setup complete');
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
