/**
 * `npm run bench:engine -- [--instances N] [--concurrency C] [--batch B] [--warmup W] [--keep]`
 *
 * Runs N instances of bench/engine/process.bpmn on the interpreter, N of its local variant (every
 * service task ito:execution mode="local"), and N of the same steps as each hand-written baseline
 * (hand-written.ts), on a throw-away embedded Temporal server and database, and writes the figures
 * to bench/results/ (see report.ts). The measured instances run in batches of B, the four sides in
 * a rotating order, so that no side always runs on the emptier server or in the quieter minute. --keep leaves the run folder under
 * data/bench/ for inspection.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliVersion, findTemporalCli } from '../../temporal/cli';
import { SQLITE_PRAGMAS } from '../../temporal/dev-server';
import { workflowStackTraces } from '../../temporal/worker-process';
import { PROJECT_ROOT, type TemporalConfig } from '../../config';
import { deployBpmn } from '../../portal/server/services/deploy-definition';
import type { ProcessGraph } from '../../workflows/graph/types';
import type { ProcessInput } from '../../workflows/state';
import { collect } from './collect';
import { runBatch, type BatchResult, type InstanceSpec } from './driver';
import { startEnvironment, type BenchEnvironment } from './environment';
import { figuresOf, type EngineFigures, type Predecessors } from './measure';
import { processCpuMs } from './process-cpu';
import { goalsOf, ratiosOf, writeResult, type EngineBenchResult } from './report';
import { ELEMENTS, SIDES, SIDE_NAMES, STEPS, type SideName } from './shape';

const PROCESS_FILE = path.join(__dirname, 'process.bpmn');
const DEFAULT_CONCURRENCY = 10;
const log = (m: string) => console.error(`[bench] ${m}`);

interface Settings {
  instances: number;
  concurrency: number;
  batch: number;
  warmup: number;
  keep: boolean;
}

function settingsFrom(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      instances: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
      batch: { type: 'string', default: '25' },
      warmup: { type: 'string', default: '5' },
      keep: { type: 'boolean', default: false },
    },
  });
  const count = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  return {
    instances: count('instances', values.instances, 1),
    concurrency: count('concurrency', values.concurrency, 1),
    batch: count('batch', values.batch, 1),
    warmup: count('warmup', values.warmup, 0),
    keep: values.keep,
  };
}

/** The process with every service task run as a local activity (ito:execution mode="local"), under its own key. */
function localVariant(xml: string): string {
  return xml
    .replace(/<zeebe:taskDefinition type="bench-noop" \/>/g, '<zeebe:taskDefinition type="bench-noop" /><ito:execution mode="local" />')
    .replace('xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ito="http://ito.ir/schema/bpmn/ito/1.0"')
    .replace('<bpmn:process id="engine-bench" name="Engine benchmark"', '<bpmn:process id="engine-bench-local" name="Engine benchmark, local service tasks"');
}

interface Deployed {
  definition: ProcessInput['definition'];
  graph: ProcessGraph;
}

const PREFIX: Record<SideName, string> = { interpreter: 'BI', handWritten: 'BH', interpreterLocal: 'BL', handWrittenLocal: 'BK' };

/** Deploys both processes and creates one application row per instance (their task rows refer to it). */
class Instances {
  private serial = 0;
  private constructor(
    private readonly env: BenchEnvironment,
    private readonly processes: { worker: Deployed; local: Deployed },
    private readonly owner: { definitionId: string; organisationId: string; applicantId: string },
  ) {}

  static async deploy(env: BenchEnvironment): Promise<Instances> {
    const xml = fs.readFileSync(PROCESS_FILE, 'utf8');
    const deploy = async (source: string, key: string): Promise<Deployed> => {
      await deployBpmn(env.db, source, null);
      const def = await env.db.processDefinition.findFirstOrThrow({ where: { key }, orderBy: { version: 'desc' } });
      return { definition: { id: def.id, key: def.key, version: def.version, sha256: def.sha256 }, graph: JSON.parse(def.graph) as ProcessGraph };
    };
    const worker = await deploy(xml, 'engine-bench');
    const local = await deploy(localVariant(xml), 'engine-bench-local');
    if (!Object.values(local.graph.elements).some((e) => e.kind === 'serviceTask' && e.local === true)) throw new Error('the local variant compiled without local service tasks');
    const org = await env.db.organisation.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    const admin = await env.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    return new Instances(env, { worker, local }, { definitionId: worker.definition.id, organisationId: org.id, applicantId: admin.id });
  }

  get graph(): ProcessGraph {
    return this.processes.worker.graph;
  }

  async create(side: SideName, count: number): Promise<InstanceSpec[]> {
    const { workflowType, local } = SIDES[side];
    const { definition, graph } = local ? this.processes.local : this.processes.worker;
    const ids = Array.from({ length: count }, () => `${PREFIX[side]}-${String(++this.serial).padStart(5, '0')}`);
    await this.env.db.application.createMany({
      data: ids.map((id) => ({ id, trackingNumber: id, processKey: definition.key, processVersion: definition.version, status: 'running', submittedData: '{}', ...this.owner })),
    });
    return ids.map((trackingNumber) => {
      const ref = { trackingNumber, applicationId: trackingNumber };
      const input: ProcessInput = { ...ref, definition, graph, variables: { trackingNumber } };
      return { workflowId: trackingNumber, args: [workflowType === 'processWorkflow' ? input : ref] };
    });
  }
}

function predecessorsOf(graph: ProcessGraph): Predecessors {
  const before: Predecessors = {};
  for (const flow of Object.values(graph.flows)) (before[flow.targetRef] ??= []).push(flow.sourceRef);
  return before;
}

function merge(a: BatchResult, b: BatchResult): BatchResult {
  return { wallMs: a.wallMs + b.wallMs, cpuMs: a.cpuMs + b.cpuMs, serverCpuMs: a.serverCpuMs + b.serverCpuMs, instances: [...a.instances, ...b.instances] };
}

type Measured = Omit<EngineBenchResult, 'load'>;

async function bench(env: BenchEnvironment, settings: Settings): Promise<Measured> {
  const instances = await Instances.deploy(env);
  const driving = { client: env.client, taskQueue: env.temporal.taskQueue, feed: env.feed, serverCpuMs: () => processCpuMs(env.serverPid) };
  const batch = async (side: SideName, count: number) => {
    const result = await runBatch(driving, SIDES[side].workflowType, await instances.create(side, count), settings.concurrency);
    log(`${side}: ${count} instances in ${(result.wallMs / 1000).toFixed(1)} s`);
    return result;
  };
  if (settings.warmup > 0) {
    log('warm-up');
    for (const side of SIDE_NAMES) await batch(side, settings.warmup);
  }
  log('measuring');
  const batches = Object.fromEntries(SIDE_NAMES.map((side) => [side, [] as BatchResult[]])) as Record<SideName, BatchResult[]>;
  for (let done = 0, round = 0; done < settings.instances; done += settings.batch, round++) {
    const size = Math.min(settings.batch, settings.instances - done);
    // each round in another order, so that no side always runs first or last
    const order = SIDE_NAMES.map((_, i) => SIDE_NAMES[(i + round) % SIDE_NAMES.length]);
    for (const side of round % 2 === 0 ? order : order.reverse()) batches[side].push(await batch(side, size));
  }

  log('reading states and histories');
  const predecessors = predecessorsOf(instances.graph);
  const figures = {} as Record<SideName, EngineFigures>;
  for (const side of SIDE_NAMES) {
    const merged = batches[side].reduce(merge);
    figures[side] = figuresOf(merged, await collect(env.client, SIDES[side].workflowType, merged.instances), predecessors);
  }
  return {
    date: new Date().toISOString(),
    machine: machine(env.temporal),
    runtime: { workflowStackTraces: workflowStackTraces(), temporalSqlitePragmas: SQLITE_PRAGMAS },
    git: gitState(),
    settings: { instances: settings.instances, concurrency: settings.concurrency, batch: settings.batch, warmup: settings.warmup },
    process: { file: path.relative(PROJECT_ROOT, PROCESS_FILE), steps: STEPS.length, elements: ELEMENTS.length },
    interpreter: figures.interpreter,
    handWritten: figures.handWritten,
    ...ratiosOf(figures.interpreter, figures.handWritten),
    local: { interpreter: figures.interpreterLocal, handWritten: figures.handWrittenLocal, ...ratiosOf(figures.interpreterLocal, figures.handWrittenLocal) },
    goals: goalsOf(figures.interpreterLocal, settings.concurrency),
  };
}

function machine(temporal: TemporalConfig): EngineBenchResult['machine'] {
  const cli = findTemporalCli({ env: process.env, toolsDir: temporal.cli.toolsDir, version: temporal.cli.version, log: () => {} });
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    temporal: cli ? cliVersion(cli).replace(/^temporal version /, '') : 'unknown',
  };
}

function gitState(): EngineBenchResult['git'] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--', 'workflows', 'activities', 'temporal') !== '' };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const began = Date.now();
  const loadAtStart = round2(os.loadavg()[0]);
  // the product's worker process runs without them (temporal/worker-process.ts); `npm run bench:engine` preloads the same
  if (workflowStackTraces() === 'on') log('workflow stack traces are ON here, unlike the product\'s worker: run it as `npm run bench:engine`');
  const env = await startEnvironment(log, settings.keep);
  let result: Measured;
  try {
    result = await bench(env, settings);
  } catch (err) {
    // printed now: closing the connections may fail calls other lanes still have in flight
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    throw err;
  } finally {
    await env.close();
  }
  const { json, readme } = writeResult({ ...result, load: { atStart: loadAtStart, atEnd: round2(os.loadavg()[0]) } }, DEFAULT_CONCURRENCY);
  const line = (label: string, f: EngineFigures) => console.log(`${label.padEnd(34)} ${f.instancesPerSecond} inst/s, ${f.historyEventsPerInstance} history events/instance, p50 instance ${f.instanceLatencyMs.p50} ms`);
  line('interpreter', result.interpreter);
  line('hand-written', result.handWritten);
  line('interpreter, local service tasks', result.local!.interpreter);
  line('hand-written, all local', result.local!.handWritten);
  console.log(`ratios        throughput ${result.ratios.throughput}x, ${result.local!.ratios.throughput}x local (target ≤ ${result.target.ratio}x)`);
  for (const goal of result.goals ?? []) console.log(`goal          ${goal.name}: ${goal.value} (${goal.met ? 'met' : 'missed'}, ${goal.target})`);
  console.log(`written       ${path.relative(PROJECT_ROOT, json)}, ${path.relative(PROJECT_ROOT, readme)} (${((Date.now() - began) / 1000).toFixed(0)} s in all)`);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
