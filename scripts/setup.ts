/**
 * `npm run setup` / the first half of `npm start` and `npm test`: everything a fresh clone needs.
 *   (default)  generate Prisma clients, migrate + seed the app database, create the demo PKI
 *   --test     generate Prisma clients, install the Debian tools the tests use, obtain the Temporal CLI
 */
import { loadConfig, loadTemporalConfig } from '../config';
import { ensureDemoPki } from '../activities/certificates/pki';
import { MISSING_CLI_MESSAGE, findTemporalCli } from '../temporal/cli';
import { ensurePrismaClients } from './lib/prisma-clients';
import { prepareDatabase } from './lib/prepare-database';
import { TEST_TOOLS, ensureSystemPackages } from './lib/system-packages';

export function ensureTemporalCli(): string | undefined {
  const t = loadTemporalConfig();
  if (!t.embedded) return undefined;
  const cli = findTemporalCli({ env: process.env, toolsDir: t.cli.toolsDir, version: t.cli.version });
  if (!cli) throw new Error(MISSING_CLI_MESSAGE);
  return cli;
}

async function run(): Promise<void> {
  ensurePrismaClients();
  if (process.argv.includes('--test')) {
    ensureSystemPackages(TEST_TOOLS);
    ensureTemporalCli();
    return;
  }
  const config = loadConfig();
  const db = await prepareDatabase({ databaseUrl: config.databaseUrl, demo: process.env.DEMO_SEED !== '0', adminPassword: process.env.ADMIN_PASSWORD });
  await ensureDemoPki(config.pkiDir, config.pkiPassphrase);
  await db.$disconnect();
  console.log('setup complete');
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
