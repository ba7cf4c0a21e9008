/**
 * Conformance corpora: models another engine's own tests deploy or reject, judged here as a deploy
 * would judge them, and each of our refusals sorted into a deliberate refusal, a known gap (waiting
 * for an item of issue 12) or an unexplained one. Shared by test/conformance/camunda.test.ts and
 * scripts/conformance.ts (the numbers in docs/conformance.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileBpmn, type Problem } from '../../compiler';
import { compileDmn, mergeDecisions, type DecisionFile } from '../../compiler/dmn';
import { definitionDataCompileOptions } from '../../activities/definition-data';

export type ZeebeVerdict = 'deploys' | 'rejects';

/** What Zeebe does with a file, and where that is said. */
export interface Expectation {
  zeebe: ZeebeVerdict;
  /** The Zeebe test class/method (or validator) the verdict is taken from. */
  source: string;
  /** `test`: a Zeebe test deploys it or asserts the validation result; `validators`: the file is only parsed by its test, so the verdict is read off Zeebe's validators. */
  basis: 'test' | 'validators';
}

/** A kind of refusal: an error of `rule` whose message matches `message` (any message when absent). */
export interface RefusalKind {
  id: string;
  rule: string;
  message?: RegExp;
  /** Why (deliberate refusals) or what it waits for (known gaps: the issue-12 item). */
  because: string;
}

/**
 * What this engine refuses on purpose though Zeebe deploys it (compiler/README.md, docs/conformance.md):
 * each names the element, and none is on the way to being supported.
 */
export const DELIBERATE_REFUSALS: readonly RefusalKind[] = [
  {
    id: 'job-worker-script-task',
    rule: 'script-task',
    message: /needs exactly one zeebe:script/,
    because:
      'script tasks run by job workers (zeebe:taskDefinition), the only way Zeebe runs JavaScript, Groovy or any language but FEEL: scripts here are FEEL (zeebe:script), run by the engine itself',
  },
  { id: 'transaction', rule: 'unsupported-element', message: /<bpmn:Transaction /, because: 'transaction sub-processes (Zeebe has none either; the BPMN meaning needs a transaction protocol)' },
  { id: 'cancel-event', rule: 'unsupported-element', message: /CancelEventDefinition/, because: 'cancel events (only meaningful with transaction sub-processes)' },
];

/** What this engine does not do yet, each with the item of issue 12 §1 it waits for. */
export const GAP_KINDS: readonly RefusalKind[] = [
  { id: 'business-knowledge-model', rule: 'dmn-required-decision', message: /business knowledge model/, because: 'DMN business knowledge models (decision requirements graphs of decisions are supported)' },
  { id: 'process-execution-listeners', rule: 'unsupported-extension', message: /zeebe:ExecutionListeners.*bpmn:Process/, because: 'execution listeners on the process itself (those on flow nodes are supported)' },
  { id: 'ad-hoc-outputs', rule: 'ad-hoc-sub-process', message: /collects outputs/, because: 'Camunda 8.8 ad-hoc sub-processes that collect outputs (AI agents)' },
]

export interface Judgement {
  file: string;
  deployable: boolean;
  errors: Problem[];
}

const errorsOnly = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');

/** Decisions of the .dmn files in a folder that compile (as `bpmn check` pairs them): by decision id. */
async function decisionsIn(dir: string): Promise<Record<string, DecisionFile['decisions'][number]>> {
  const files: DecisionFile[] = [];
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.dmn')).sort()) {
    const compiled = await compileDmn(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (compiled.ok) files.push({ file: name, decisions: compiled.decisions });
  }
  const merged = mergeDecisions(...files);
  return merged.ok ? merged.decisions : {};
}

/** Every .bpmn and .dmn under `root`, relative to it, sorted. */
export function corpusFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(bpmn|dmn)$/.test(entry.name)) found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** A model as a deploy would judge it: a .dmn on its own, a .bpmn with the decisions of the .dmn files beside it. */
export async function judge(root: string, file: string): Promise<Judgement> {
  const full = path.join(root, file);
  const xml = fs.readFileSync(full, 'utf8');
  if (file.endsWith('.dmn')) {
    const result = await compileDmn(xml);
    return { file, deployable: result.ok, errors: result.ok ? [] : errorsOnly(result.problems) };
  }
  const decisions = await decisionsIn(path.dirname(full));
  const result = await compileBpmn(xml, { decisions, ...definitionDataCompileOptions() });
  return { file, deployable: result.ok, errors: result.ok ? [] : errorsOnly(result.problems) };
}

const matches = (kind: RefusalKind, problem: Problem) => kind.rule === problem.rule && (!kind.message || kind.message.test(problem.message));

export interface Explanation {
  /** Deliberate refusal ids met. */
  deliberate: string[];
  /** Gap ids met. */
  gaps: string[];
  /** Errors neither explains: a new gap (or a bug) when Zeebe deploys the model. */
  unexplained: Problem[];
}

/**
 * Sorts a refused model's errors. An error matching no kind is still explained when another error
 * on the same element is (one cause, two reports).
 */
export function explain(errors: readonly Problem[]): Explanation {
  const deliberate = new Set<string>();
  const gaps = new Set<string>();
  const explainedElements = new Set<string>();
  const rest: Problem[] = [];
  for (const problem of errors) {
    const d = DELIBERATE_REFUSALS.find((k) => matches(k, problem));
    const g = d ? undefined : GAP_KINDS.find((k) => matches(k, problem));
    if (d) deliberate.add(d.id);
    if (g) gaps.add(g.id);
    if (d || g) explainedElements.add(problem.elementId);
    else rest.push(problem);
  }
  return { deliberate: [...deliberate].sort(), gaps: [...gaps].sort(), unexplained: rest.filter((p) => !explainedElements.has(p.elementId)) };
}

export type Outcome =
  | 'deploys (as Zeebe)'
  | 'rejected (as Zeebe)'
  | 'refused deliberately'
  | 'known gap'
  | 'unexplained refusal'
  | 'deploys, but Zeebe rejects it';

export function outcomeOf(judgement: Judgement, expected: ZeebeVerdict): Outcome {
  if (expected === 'rejects') return judgement.deployable ? 'deploys, but Zeebe rejects it' : 'rejected (as Zeebe)';
  if (judgement.deployable) return 'deploys (as Zeebe)';
  const why = explain(judgement.errors);
  if (why.unexplained.length) return 'unexplained refusal';
  return why.gaps.length ? 'known gap' : 'refused deliberately';
}
