/**
 * `npm test`: set-up, then jest three times: the unit tests (no Temporal, no shared database; on
 * both cores), the real-stack tests (integration, engine, e2e) with SQLite, then the integration
 * tests again with PostgreSQL. With paths given, one SQLite pass over them (and PostgreSQL for
 * those that are integration or engine tests). Jest's JSON results go to data/test-results/, the BPMN
 * coverage table to docs/bpmn-coverage.md, and the last line printed is `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeCoverage } from './bpmn-coverage';
import { PROJECT_ROOT } from '../config';
import { ensureTemporalCli } from './setup';
import { ensurePrismaClients } from './lib/prisma-clients';
import { ensurePostgres } from './lib/postgres';
import { DEPLOY_CHECK_TOOLS, TEST_TOOLS, ensureSystemPackages } from './lib/system-packages';
import { ensureDssValidator } from '../test/support/validators/dss/dss-tool';
import { ensurePyHanko } from '../test/support/validators/pyhanko/pyhanko-tool';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'data', 'test-results');
/** The tests that run against the real Temporal server and database the global set-up starts. */
export const REAL_STACK_DIRS = ['test/integration', 'test/engine', 'test/e2e'];
const JEST = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'jest');

interface PassResult { name: string; passed: number; failed: number; ok: boolean }

/**
 * A pass in one process (--runInBand: the real-stack tests share one Temporal server and database)
 * holds every test file's leftovers: on 2026-12-07 it reached V8's default heap limit (about 4 GB
 * here) and died, losing the whole pass. It gets 8 GB (the machine has 24), and each file's heap is
 * printed, so that growth shows in the log.
 */
const IN_BAND_HEAP = ['--max-old-space-size=8192'];

function jestPass(name: string, args: string[], env: Record<string, string>, workers: string[] = ['--runInBand']): PassResult {
  const outputFile = path.join(RESULTS_DIR, `${name}.json`);
  fs.rmSync(outputFile, { force: true });
  console.log(`\n=== jest: ${name} ===`);
  const inBand = workers.includes('--runInBand');
  const nodeOptions = [process.env.NODE_OPTIONS, ...(inBand ? IN_BAND_HEAP : [])].filter(Boolean).join(' ');
  const res = spawnSync(JEST, [...workers, ...(inBand ? ['--logHeapUsage'] : []), '--ci', '--json', `--outputFile=${outputFile}`, ...args], {
    cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
  });
  if (!fs.existsSync(outputFile)) return { name, passed: 0, failed: 1, ok: false };
  const r = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as { numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites: number; success: boolean };
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  return { name, passed: r.numPassedTests, failed, ok: res.status === 0 && failed === 0 };
}

/**
 * A type error anywhere fails the run (jest itself strips types without checking them): the server
 * side (tsconfig.json) and the browser app (portal/app/tsconfig.json, JSX and DOM), one pass each.
 */
function typecheck(): PassResult[] {
  return [['typecheck', 'tsconfig.json'], ['typecheck portal app', 'portal/app/tsconfig.json']].map(([name, project]) => {
    console.log(`\n=== tsc --noEmit -p ${project} ===`);
    const res = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', project], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    return { name, passed: res.status === 0 ? 1 : 0, failed: res.status === 0 ? 0 : 1, ok: res.status === 0 };
  });
}

/**
 * The independent validators the certificate tests run (EU DSS, pyHanko): built or installed into
 * .tools/ once, here, so that no test waits on a download. A failure (no network on a first run)
 * is one failed result with its reason; the tests that need them then fail with the same message.
 */
function prepareIndependentValidators(): PassResult {
  try {
    ensureDssValidator();
    ensurePyHanko();
    return { name: 'independent validators', passed: 0, failed: 0, ok: true };
  } catch (err) {
    console.error((err as Error).message);
    return { name: 'independent validators', passed: 0, failed: 1, ok: false };
  }
}

async function run(): Promise<number> {
  ensurePrismaClients();
  ensureSystemPackages(TEST_TOOLS);
  try {
    ensureSystemPackages(DEPLOY_CHECK_TOOLS);
  } catch (err) {
    console.log(`deploy/ is checked without nginx -t or systemd-analyze verify: ${(err as Error).message}`);
  }
  ensureTemporalCli();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const f of fs.readdirSync(RESULTS_DIR)) if (f.endsWith('.json')) fs.rmSync(path.join(RESULTS_DIR, f));
  const filters = process.argv.slice(2);

  const results: PassResult[] = [];
  const validators = prepareIndependentValidators();
  if (!validators.ok) results.push(validators);
  if (!filters.length) {
    results.push(...typecheck());
    const ignored = ['/node_modules/', '/data/', '/.tools/', ...REAL_STACK_DIRS.map((d) => `/${d}/`)];
    results.push(jestPass('unit', ignored.map((p) => `--testPathIgnorePatterns=${p}`), { SKIP_SERVICES: '1', TEST_DATABASE: 'sqlite' }, ['--maxWorkers=2']));
  }
  results.push(jestPass('sqlite', filters.length ? filters : REAL_STACK_DIRS, { TEST_DATABASE: 'sqlite' }));
  // the database-facing tests; the engine's BPMN semantics (test/engine) do not depend on the database
  // and run once, on SQLite, unless asked for by path
  const integrationOnly = filters.length ? filters.filter((f) => f.includes('integration') || f.includes('test/engine')) : ['test/integration'];
  if (integrationOnly.length && process.env.SKIP_POSTGRES !== '1') {
    let pgUrl: string | undefined;
    try {
      pgUrl = await ensurePostgres();
    } catch (err) {
      console.error(`PostgreSQL pass cannot run: ${(err as Error).message}`);
      results.push({ name: 'postgresql', passed: 0, failed: 1, ok: false });
    }
    if (pgUrl) results.push(jestPass('postgresql', integrationOnly, { TEST_DATABASE: 'postgresql', TEST_POSTGRES_URL: pgUrl }));
  }

  console.log(`BPMN coverage table: ${path.relative(PROJECT_ROOT, writeCoverage())}`);
  for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok) ? 0 : 1;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
