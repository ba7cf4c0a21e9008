/**
 * `npm run bench:engine -- [--instances N] [--concurrency C] [--batch B] [--warmup W] [--keep]`
 *
 * Runs N instances of bench/engine/process.bpmn on the interpreter and N of the same steps as the
 * hand-written workflow (hand-written.ts), on a throw-away embedded Temporal server and database,
 * and writes the figures to bench/results/ (see report.ts). The measured instances run in batches
 * of B, alternating interpreter, baseline, baseline, interpreter, …, so that neither side always
 * runs on the emptier server or in the quieter minute. --keep leaves the run folder under
 * data/bench/ for inspection.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliVersion, findTemporalCli } from '../../temporal/cli';
import { PROJECT_ROOT, type TemporalConfig } from '../../config';
import { deployBpmn } from '../../portal/server/services/deploy-definition';
import type { ProcessGraph } from '../../workflows/graph/types';
import type { ProcessInput } from '../../workflows/state';
import { collect } from './collect';
import { runBatch, type BatchResult, type InstanceSpec, type WorkflowType } from './driver';
import { startEnvironment, type BenchEnvironment } from './environment';
import { figuresOf, type Predecessors } from './measure';
import { ratiosOf, writeResult, type EngineBenchResult } from './report';
import { ELEMENTS, STEPS } from './shape';

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

/** Deploys the process and creates one application row per instance (their task rows refer to it). */
class Instances {
  private serial = 0;
  private constructor(
    private readonly env: BenchEnvironment,
    private readonly definition: ProcessInput['definition'],
    readonly graph: ProcessGraph,
    private readonly owner: { definitionId: string; organisationId: string; applicantId: string },
  ) {}

  static async deploy(env: BenchEnvironment): Promise<Instances> {
    await deployBpmn(env.db, fs.readFileSync(PROCESS_FILE, 'utf8'), null);
    const def = await env.db.processDefinition.findFirstOrThrow({ where: { key: 'engine-bench' }, orderBy: { version: 'desc' } });
    const org = await env.db.organisation.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    const admin = await env.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const definition = { id: def.id, key: def.key, version: def.version, sha256: def.sha256 };
    return new Instances(env, definition, JSON.parse(def.graph) as ProcessGraph, { definitionId: def.id, organisationId: org.id, applicantId: admin.id });
  }

  async create(workflowType: WorkflowType, count: number): Promise<InstanceSpec[]> {
    const prefix = workflowType === 'processWorkflow' ? 'BI' : 'BH';
    const ids = Array.from({ length: count }, () => `${prefix}-${String(++this.serial).padStart(5, '0')}`);
    await this.env.db.application.createMany({
      data: ids.map((id) => ({ id, trackingNumber: id, processKey: this.definition.key, processVersion: this.definition.version, status: 'running', submittedData: '{}', ...this.owner })),
    });
    return ids.map((trackingNumber) => {
      const ref = { trackingNumber, applicationId: trackingNumber };
      const input: ProcessInput = { ...ref, definition: this.definition, graph: this.graph, variables: { trackingNumber } };
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
  return { wallMs: a.wallMs + b.wallMs, cpuMs: a.cpuMs + b.cpuMs, instances: [...a.instances, ...b.instances] };
}

type Measured = Omit<EngineBenchResult, 'load'>;

async function bench(env: BenchEnvironment, settings: Settings): Promise<Measured> {
  const instances = await Instances.deploy(env);
  const driving = { client: env.client, taskQueue: env.temporal.taskQueue, feed: env.feed };
  const batch = async (type: WorkflowType, count: number) => {
    const result = await runBatch(driving, type, await instances.create(type, count), settings.concurrency);
    log(`${type}: ${count} instances in ${(result.wallMs / 1000).toFixed(1)} s`);
    return result;
  };
  if (settings.warmup > 0) {
    log('warm-up');
    await batch('processWorkflow', settings.warmup);
    await batch('handWrittenWorkflow', settings.warmup);
  }
  log('measuring');
  const batches: Record<WorkflowType, BatchResult[]> = { processWorkflow: [], handWrittenWorkflow: [] };
  for (let done = 0, round = 0; done < settings.instances; done += settings.batch, round++) {
    const size = Math.min(settings.batch, settings.instances - done);
    const order: WorkflowType[] = round % 2 === 0 ? ['processWorkflow', 'handWrittenWorkflow'] : ['handWrittenWorkflow', 'processWorkflow'];
    for (const type of order) batches[type].push(await batch(type, size));
  }
  const interp = batches.processWorkflow.reduce(merge);
  const hand = batches.handWrittenWorkflow.reduce(merge);

  log('reading states and histories');
  const predecessors = predecessorsOf(instances.graph);
  const interpreter = figuresOf(interp, await collect(env.client, 'processWorkflow', interp.instances), predecessors);
  const handWritten = figuresOf(hand, await collect(env.client, 'handWrittenWorkflow', hand.instances), predecessors);
  return {
    date: new Date().toISOString(),
    machine: machine(env.temporal),
    git: gitState(),
    settings: { instances: settings.instances, concurrency: settings.concurrency, batch: settings.batch, warmup: settings.warmup },
    process: { file: path.relative(PROJECT_ROOT, PROCESS_FILE), steps: STEPS.length, elements: ELEMENTS.length },
    interpreter,
    handWritten,
    ...ratiosOf(interpreter, handWritten),
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
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--', 'workflows', 'activities') !== '' };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const began = Date.now();
  const loadAtStart = round2(os.loadavg()[0]);
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
  const { interpreter: i, handWritten: h, ratios } = result;
  console.log(`interpreter   ${i.instancesPerSecond} inst/s, ${i.historyEventsPerStep} history events/step, p50 instance ${i.instanceLatencyMs.p50} ms`);
  console.log(`hand-written  ${h.instancesPerSecond} inst/s, ${h.historyEventsPerStep} history events/step, p50 instance ${h.instanceLatencyMs.p50} ms`);
  console.log(`ratios        throughput ${ratios.throughput}x, history events ${ratios.historyEventsPerStep}x (target ≤ ${result.target.ratio}x: ${result.target.throughputMet && result.target.historyEventsMet ? 'met' : 'missed'})`);
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
