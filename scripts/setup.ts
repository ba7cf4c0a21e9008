/**
 * `npm run setup` and the first half of `npm start`: generate the Prisma clients, migrate and seed
 * the app database (demo data unless DEMO_SEED=0), create the demo PKI, build the process editor's bundle. (`npm test` prepares its
 * own throw-away database: scripts/run-tests.ts.)
 */
import { AppConfig, loadConfig, loadTemporalConfig } from '../config';
import { ensureDemoPki, Pki } from '../activities/certificates/pki';
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

/** Everything the product needs before it runs; the caller owns the returned database client. */
export async function prepareInstallation(config: AppConfig): Promise<{ db: Db; pki: Pki }> {
  await step('checking the Prisma clients', () => ensurePrismaClients());
  await step('building the portal (portal/app, the process editor)', () => buildWebAssets());
  const db = await step('preparing the database (migrations, seed, definitions)', () => prepareDatabase({ databaseUrl: config.databaseUrl, demo: isDemo(), adminPassword: process.env.ADMIN_PASSWORD }));
  try {
    const pki = await step('loading the PKI (created on the first start)', () => ensureDemoPki(config.pkiDir, config.pkiPassphrase));
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
  const { db } = await prepareInstallation(loadConfig());
  await db.$disconnect();
  console.log('setup complete');
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
