/**
 * Writes a run's figures: bench/results/engine-<date>.json (one per day and concurrency; a later
 * run replaces it) and bench/results/README.md, regenerated from every engine-*.json there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import type { EngineFigures } from './measure';
import { ELEMENTS, STEPS } from './shape';

export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
export const TARGET_RATIO = 1.25;

export interface EngineBenchResult {
  date: string;
  machine: { cores: number; cpu: string; memoryGb: number; platform: string; node: string; temporal: string };
  /**
   * Since 2026-12-07, how the product runs them (absent before: stack traces on, rollback journal):
   * whether the worker's workflow threads keep stack traces (temporal/worker-process.ts), and the
   * dev server's SQLite settings (temporal/dev-server.ts).
   */
  runtime?: { workflowStackTraces: 'on' | 'off'; temporalSqlitePragmas: readonly string[] };
  /** The code measured; `dirty` when workflows/, activities/ or temporal/ had uncommitted changes. */
  git: { commit: string; dirty: boolean };
  settings: { instances: number; concurrency: number; batch: number; warmup: number };
  /** The machine's 1-minute load average when the run began and ended (other work skews the figures). */
  load: { atStart: number; atEnd: number };
  process: { file: string; steps: number; elements: number };
  interpreter: EngineFigures;
  handWritten: EngineFigures;
  ratios: {
    /** Hand-written instances/s over the interpreter's: how many times slower the interpreter is. */
    throughput: number;
    /** Interpreter history events per step over the hand-written workflow's. */
    historyEventsPerStep: number;
    instanceLatencyP50: number;
  };
  target: { ratio: number; throughputMet: boolean; historyEventsMet: boolean };
  /** Since 2026-12-06: the local variant (service tasks ito:execution mode="local") beside the all-local baseline. */
  local?: { interpreter: EngineFigures; handWritten: EngineFigures } & Pick<EngineBenchResult, 'ratios' | 'target'>;
  /** Issue 12's absolute targets, for the interpreter on the local variant. */
  goals?: Goal[];
}

export interface Goal {
  name: string;
  value: number;
  target: string;
  met: boolean;
}

/**
 * Issue 12 §3, on this machine: ≥ 12 completed instances/s at concurrency 10, instance p50 ≤ 400 ms
 * at concurrency 1, ≤ 60 history events per instance (each judged at the concurrency it names).
 */
export function goalsOf(figures: EngineFigures, concurrency: number): Goal[] {
  const goals: Goal[] = [{ name: 'history events per instance', value: figures.historyEventsPerInstance, target: '≤ 60', met: figures.historyEventsPerInstance <= 60 }];
  if (concurrency === 10) goals.push({ name: 'completed instances/s at concurrency 10', value: figures.instancesPerSecond, target: '≥ 12', met: figures.instancesPerSecond >= 12 });
  if (concurrency === 1) goals.push({ name: 'instance latency p50 at concurrency 1 (ms)', value: figures.instanceLatencyMs.p50, target: '≤ 400', met: figures.instanceLatencyMs.p50 <= 400 });
  return goals;
}

export function ratiosOf(interpreter: EngineFigures, handWritten: EngineFigures): Pick<EngineBenchResult, 'ratios' | 'target'> {
  const ratios = {
    throughput: round2(handWritten.instancesPerSecond / interpreter.instancesPerSecond),
    historyEventsPerStep: round2(interpreter.historyEventsPerStep / handWritten.historyEventsPerStep),
    instanceLatencyP50: round2(interpreter.instanceLatencyMs.p50 / handWritten.instanceLatencyMs.p50),
  };
  return { ratios, target: { ratio: TARGET_RATIO, throughputMet: ratios.throughput <= TARGET_RATIO, historyEventsMet: ratios.historyEventsPerStep <= TARGET_RATIO } };
}

/** `defaultConcurrency`: runs at another concurrency get their own file (`-c<C>`) beside the default one. */
export function writeResult(result: EngineBenchResult, defaultConcurrency: number): { json: string; readme: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const suffix = result.settings.concurrency === defaultConcurrency ? '' : `-c${result.settings.concurrency}`;
  const json = path.join(RESULTS_DIR, `engine-${result.date.slice(0, 10)}${suffix}.json`);
  fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const all = fs.readdirSync(RESULTS_DIR).filter((f) => /^engine-.*\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as EngineBenchResult)
    .sort((a, b) => a.date.localeCompare(b.date));
  const readme = path.join(RESULTS_DIR, 'README.md');
  fs.writeFileSync(readme, renderReadme(all));
  return { json, readme };
}

function renderReadme(runs: EngineBenchResult[]): string {
  const latestByConcurrency = new Map<number, EngineBenchResult>();
  for (const r of runs) latestByConcurrency.set(r.settings.concurrency, r);
  const details = [...latestByConcurrency.values()].sort((a, b) => b.settings.concurrency - a.settings.concurrency);
  const lines = [
    '# Benchmark results',
    '',
    'Generated by `npm run bench:engine` from the `engine-*.json` files beside this one; do not edit by hand.',
    'What is measured and why the numbers are what they are: [../README.md](../README.md).',
    '',
    '## Engine: interpreter vs. hand-written Temporal workflow',
    '',
    `Target: the interpreter within ${TARGET_RATIO}x of the hand-written workflow in throughput and in history events per step.`,
    '',
    '| date | machine | commit | instances × concurrency | load avg. | interpreter inst/s | hand-written inst/s | throughput ratio | events/step interp. | events/step hand | events ratio | target | local: interp. inst/s | local: hand inst/s | local ratio | local: events/instance | local: p50 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.date.slice(0, 10)} | ${machineOf(r)} | ${r.git.commit.slice(0, 7)}${r.git.dirty ? '+' : ''} | ${r.settings.instances} × ${r.settings.concurrency} | ${r.load.atStart}–${r.load.atEnd} | ${r.interpreter.instancesPerSecond} | ${r.handWritten.instancesPerSecond} | ${r.ratios.throughput}x | ${r.interpreter.historyEventsPerStep} | ${r.handWritten.historyEventsPerStep} | ${r.ratios.historyEventsPerStep}x | ${verdict(r)} | ${localColumns(r)} |`),
    '',
    '`+` after a commit: workflows/ or activities/ had uncommitted changes when it ran. Load avg.: the',
    "machine's 1-minute load average at the start and the end; above the core count, other work shared the machine.",
    'Local: the process with every service task `ito:execution mode="local"` beside the hand-written workflow with every',
    'activity local (measured since 2026-12-06; before that, record keeping too ran as normal activities).',
    '',
    ...details.flatMap(detail),
  ];
  return lines.join('\n');
}

/** The sides of a run with their figures: two before 2026-12-06, four since. */
function sidesOf(r: EngineBenchResult): { label: string; figures: EngineFigures }[] {
  const sides = [{ label: 'interpreter', figures: r.interpreter }, { label: 'hand-written', figures: r.handWritten }];
  if (r.local) sides.push({ label: 'interpreter, local service tasks', figures: r.local.interpreter }, { label: 'hand-written, all local', figures: r.local.handWritten });
  return sides;
}

function localColumns(r: EngineBenchResult): string {
  if (!r.local) return '— | — | — | — | —';
  const { interpreter: i, handWritten: h, ratios } = r.local;
  return `${i.instancesPerSecond} | ${h.instancesPerSecond} | ${ratios.throughput}x | ${i.historyEventsPerInstance} | ${i.instanceLatencyMs.p50}`;
}

function detail(r: EngineBenchResult): string[] {
  const sides = sidesOf(r);
  const cells = (f: (figures: EngineFigures) => string | number | null) => sides.map((side) => f(side.figures) ?? '—').join(' | ');
  const line = (label: string, f: (figures: EngineFigures) => string | number | null) => `| ${label} | ${cells(f)} |`;
  const header = `| | ${sides.map((side) => side.label).join(' | ')} |`;
  const rule = `| --- | ${sides.map(() => '---').join(' | ')} |`;
  const types = [...new Set(sides.flatMap((side) => Object.keys(side.figures.eventTypes)))].sort();
  return [
    `## Latest run at concurrency ${r.settings.concurrency} (${r.date})`,
    '',
    `Machine: ${machineOf(r)}, ${r.machine.cpu}, ${r.machine.memoryGb} GB, ${r.machine.platform}, Node ${r.machine.node}, Temporal ${r.machine.temporal} (embedded dev server, SQLite).`,
    `Process: \`${r.process.file}\`, ${r.process.steps} steps, ${r.process.elements} BPMN elements with the start and end events.`,
    `${r.settings.instances} measured instances per side, at most ${r.settings.concurrency} at a time, in rotating batches of ${r.settings.batch}, after ${r.settings.warmup} warm-up instances each.`,
    ...(r.runtime ? [`Worker: workflow stack traces ${r.runtime.workflowStackTraces}. Dev server's SQLite: ${r.runtime.temporalSqlitePragmas.join(', ')}.`] : []),
    `1-minute load average ${r.load.atStart} at the start, ${r.load.atEnd} at the end.`,
    '',
    header,
    rule,
    line('completed instances/s', (f) => f.instancesPerSecond),
    line('instance latency p50 / p99 (ms)', (f) => pp(f.instanceLatencyMs)),
    line('worker + driver CPU per instance (ms)', (f) => f.workerCpuMsPerInstance),
    line('Temporal dev server CPU per instance (ms)', (f) => f.serverCpuMsPerInstance ?? null),
    line('history events per instance', (f) => f.historyEventsPerInstance),
    line('history size per instance (KiB)', (f) => kib(f.historyBytesPerInstance)),
    line('history events per step', (f) => f.historyEventsPerStep),
    line('refused early completions per instance', (f) => f.earlyAttemptsPerInstance),
    '',
    `Ratios (hand-written over interpreter, throughput; interpreter over hand-written, events): ${r.ratios.throughput}x and ${r.ratios.historyEventsPerStep}x` +
      (r.local ? `; local: ${r.local.ratios.throughput}x and ${r.local.ratios.historyEventsPerStep}x.` : '.') + ` Target: within ${TARGET_RATIO}x.`,
    ...(r.goals?.length ? ['', 'Issue 12 goals (interpreter, local service tasks): ' + r.goals.map((g) => `${g.name} ${g.value} (${g.target}: ${g.met ? 'met' : 'missed'})`).join('; ') + '.'] : []),
    '',
    '### Latency per step, p50 / p99 (ms)',
    '',
    "From when the element became ready (its predecessors completed; the start event: the start request) to when it completed, by the workflow's clock. User tasks include the driver's completing update.",
    '',
    `| element | ${sides.map((side) => side.label).join(' | ')} |`,
    rule,
    ...ELEMENTS.map((id) => `| ${STEPS.includes(id as (typeof STEPS)[number]) ? id : `${id} (event)`} | ${cells((f) => pp(f.stepLatencyMs[id]))} |`),
    '',
    '### History events per instance, by type',
    '',
    `| event type | ${sides.map((side) => side.label).join(' | ')} |`,
    rule,
    ...types.map((t) => `| ${t} | ${cells((f) => f.eventTypes[t] ?? 0)} |`),
    '',
  ];
}

function row(label: string, a: string | number, b: string | number, ratio: string): string {
  return `| ${label} | ${a} | ${b} | ${ratio} |`;
}

function kib(bytes: number): number {
  return Math.round(bytes / 102.4) / 10;
}

function pp(p: { p50: number; p99: number }): string {
  return `${p.p50} / ${p.p99}`;
}

function machineOf(r: EngineBenchResult): string {
  // the family of processor: the figures moved with it when the machine was replaced
  const family = /\b(EPYC|Xeon|Core|Ryzen|Apple M\d)\b/.exec(r.machine.cpu)?.[1];
  return `${r.machine.cores} cores${family ? `, ${family}` : ''}`;
}

function verdict(r: EngineBenchResult): string {
  const missed = [r.target.throughputMet ? '' : 'throughput', r.target.historyEventsMet ? '' : 'events'].filter(Boolean);
  return missed.length ? `missed (${missed.join(', ')})` : 'met';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
