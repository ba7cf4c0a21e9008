/**
 * `npm run bench:compile -- [--tasks N] [--inputs K] [--time-limit-ms T]`
 *
 * Issue 13: how long GET /api/health takes while a big BPMN check runs. One API server on a
 * throw-away SQLite database (no Temporal: its client connection is lazy and never opened); a
 * sampler asks /api/health one request after another while, in turn:
 *   1. nothing else runs (the baseline);
 *   2. POST /api/definitions/check of 120,000 unconnected tasks (2.9 MB, issue 13's file): refused
 *      by its element count;
 *   3. POST /api/definitions/check of a slow model within the element limit (N service tasks with
 *      K FEEL input mappings each), compiled in a worker thread;
 *   4. the same model compiled in the server's own thread, as every check was before issue 13
 *      (checkDefinition with the in-process compiler, called from the benchmark in the server's
 *      process).
 * Results: bench/results/compile.md and bench/results/compile-<date>.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { PROJECT_ROOT } from '../../config';
import { ensureDemoPki } from '../../activities/certificates/pki';
import { buildApp } from '../../portal/server/app';
import { DEFAULT_COMPILE_LIMITS } from '../../portal/server/services/compile/compile-pool';
import { EngineClient } from '../../portal/server/engine/engine-client';
import { checkDefinition } from '../../portal/server/services/deploy-definition';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { ApiClient } from '../../scripts/lib/api-client';
import { slowServiceTasks, unconnectedTasks } from '../../test/support/big-models';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const log = (m: string) => console.error(`[bench] ${m}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

interface Latency { samples: number; p50: number; p99: number; max: number }
interface Scenario { name: string; whileMs: number; outcome: string; health: Latency }

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { samples: samples.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

/** Asks /api/health one request after another until `work` settles; the latencies, and the work's time and outcome. */
async function healthWhile(base: string, work: () => Promise<string>): Promise<{ whileMs: number; outcome: string; health: Latency }> {
  const samples: number[] = [];
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      samples.push(ms(t0));
    }
  })();
  const t0 = process.hrtime.bigint();
  const outcome = await work().finally(() => (done = true));
  const whileMs = ms(t0);
  await sampler;
  return { whileMs: round(whileMs, 0), outcome, health: latency(samples) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tasks: { type: 'string', default: '4900' }, inputs: { type: 'string', default: '2' }, 'time-limit-ms': { type: 'string', default: '120000' } } });
  const tasks = Number(values.tasks);
  const inputs = Number(values.inputs);
  const timeLimitMs = Number(values['time-limit-ms']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compile-'));
  const loadAtStart = os.loadavg()[0];
  try {
    log('preparing a database and the API server');
    const db = await prepareDatabase({ databaseUrl: `file:${path.join(dir, 'app.db')}`, demo: true, documentsDir: path.join(dir, 'documents'), log: () => undefined });
    const pki = await ensureDemoPki(path.join(dir, 'pki'), 'bench-passphrase');
    const engine = new EngineClient(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), 'bench');
    const app = await buildApp({ db, engine, jwtSecret: 'bench-secret-bench-secret-bench-secret', rootCertPems: [pki.rootCertPem], compileLimits: { timeLimitMs } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const scenarios: Scenario[] = [];
    try {
      const admin = await new ApiClient(base).login('admin');
      const check = async (xml: string) => {
        const res = await admin.post('/api/definitions/check', { xml });
        return `${res.status} ${res.status === 200 ? `deployable: ${res.body.deployable}, ${res.body.problems.length} problems` : res.body.error}`;
      };
      const flood = unconnectedTasks(120_000);
      const slow = slowServiceTasks(tasks, inputs);
      await check(unconnectedTasks(1)); // the compile thread started and warm
      await healthWhile(base, async () => (await new Promise((r) => setTimeout(r, 500)), 'warm-up'));

      log('baseline: 2 s of health alone');
      scenarios.push({ name: 'nothing else (2 s)', ...(await healthWhile(base, async () => (await new Promise((r) => setTimeout(r, 2000)), '—'))) });
      log('check of 120,000 unconnected tasks');
      scenarios.push({ name: `check: 120,000 unconnected tasks (${round(Buffer.byteLength(flood) / 1e6, 2)} MB)`, ...(await healthWhile(base, () => check(flood))) });
      log(`check of ${tasks} service tasks × ${inputs} input mappings, in the compile thread`);
      scenarios.push({ name: `check: ${tasks} service tasks × ${inputs} FEEL inputs (${round(Buffer.byteLength(slow) / 1e6, 2)} MB), worker thread`, ...(await healthWhile(base, () => check(slow))) });
      log('the same model compiled in the server\'s thread (before issue 13)');
      scenarios.push({
        name: `same model compiled in the server's thread (before issue 13)`,
        ...(await healthWhile(base, async () => {
          await new Promise((r) => setTimeout(r, 50)); // the sampler's first request is answered first
          const result = await checkDefinition(db, slow);
          return `deployable: ${result.deployable}, ${result.problems.length} problems`;
        })),
      });
    } finally {
      await app.close();
      await db.$disconnect();
    }

    const result = {
      date: new Date().toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, loadAverage: [round(loadAtStart, 2), round(os.loadavg()[0], 2)] },
      compileLimits: { timeLimitMs, threads: DEFAULT_COMPILE_LIMITS.threads, memoryLimitMb: DEFAULT_COMPILE_LIMITS.memoryLimitMb },
      scenarios,
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, `compile-${result.date.slice(0, 10)}.json`), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(RESULTS_DIR, 'compile.md'), report(result));
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(r: { date: string; commit: string; machine: { cores: number; cpu: string; node: string; loadAverage: number[] }; compileLimits: { timeLimitMs: number; threads: number; memoryLimitMb: number }; scenarios: Scenario[] }): string {
  const rows = r.scenarios.map((s) => `| ${s.name} | ${s.whileMs} | ${s.outcome} | ${s.health.samples} | ${s.health.p50} | ${s.health.p99} | ${s.health.max} |`).join('\n');
  return `# Compile benchmark: /api/health while a big check runs

Generated by \`npm run bench:compile\` (bench/compile/run.ts); do not edit by hand.

Run ${r.date} at commit ${r.commit} on ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}; 1-minute load average ${r.machine.loadAverage.join(' at the start, ')} at the end.
Compile limits: ${r.compileLimits.threads} thread(s), ${r.compileLimits.memoryLimitMb} MB heap each, time limit ${r.compileLimits.timeLimitMs} ms (raised from the default so that the slow model compiles to the end however loaded the machine).

GET /api/health is asked one request after another, from the server's own process, while each piece of work runs; latencies in ms.
In the last row the server's own thread compiles: health is answered only between the compile's steps (the trial read in its thread, the lint rules), so the max is the longest stretch the thread was held.

| while | work took (ms) | outcome | health answers | p50 | p99 | max |
| --- | --- | --- | --- | --- | --- | --- |
${rows}
`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
