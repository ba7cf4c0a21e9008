import { Linter, type Config, type Report, type Resolver, type RuleFactory } from 'bpmnlint';
import { children, is, isElement, type ModdleElement } from './moddle';
import { DEFINITIONS_ID, warning, type Problem } from './problem';
import { isExecutable, processesOf } from './rules';

/** Problems from bpmnlint carry rule `bpmnlint/<rule-name>`. */
export const LINT_PREFIX = 'bpmnlint/';

/**
 * What the engine does with one bpmnlint rule of the `recommended` config (compiler/README.md
 * explains each choice).
 *
 * - `severity`: `bpmnlint` keeps bpmnlint's own category (`error` → error, `warn` → warning);
 *   `warning` downgrades the rule's errors, because the engine executes what it reports.
 * - `coveredBy`: engine rules that already report the same fault; the report is dropped when one
 *   of them reports on the same element (`on: 'element'`), on an element directly inside the
 *   reported container (`on: 'container'`), or, for a report on a sequence flow, on the flow's
 *   source or on any flow leaving that source (`on: 'source'`). One fault, one problem.
 * - `onlyWhenDrawn`: reported only when the file has a diagram (`<bpmndi:BPMNDiagram>`).
 */
export interface LintDecision {
  severity: 'bpmnlint' | 'warning';
  coveredBy?: { rules: readonly string[]; on: 'element' | 'container' | 'source' };
  onlyWhenDrawn?: true;
}

const keep: LintDecision = { severity: 'bpmnlint' };
const downgrade: LintDecision = { severity: 'warning' };
const covered = (...rules: string[]): LintDecision => ({ severity: 'bpmnlint', coveredBy: { rules, on: 'element' } });

/** One entry per rule of bpmnlint's `recommended` config (lint.test.ts checks that none is missing). */
export const LINT_DECISIONS: Readonly<Record<string, LintDecision>> = {
  'ad-hoc-sub-process': keep,
  'conditional-flows': { severity: 'warning', coveredBy: { rules: ['gateway-conditions', 'conditional-flows', 'event-based-gateway'], on: 'source' } },
  'end-event-required': downgrade,
  'event-based-gateway': covered('event-based-gateway', 'conditional-flows'),
  'event-sub-process-typed-start-event': covered('start-events'),
  'fake-join': keep,
  global: keep,
  'label-required': downgrade,
  'link-event': covered('link-events', 'unreachable-element'),
  'no-bpmndi': { severity: 'warning', onlyWhenDrawn: true },
  'no-complex-gateway': covered('unsupported-element'),
  'no-disconnected': covered('unreachable-element', 'missing-outgoing-flow', 'boundary-events'),
  'no-duplicate-sequence-flows': downgrade,
  'no-gateway-join-fork': downgrade,
  'no-implicit-end': { severity: 'warning', coveredBy: { rules: ['boundary-events'], on: 'element' } },
  'no-implicit-split': downgrade,
  'no-implicit-start': covered('unreachable-element'),
  'no-inclusive-gateway': keep,
  'no-overlapping-elements': keep,
  'single-blank-start-event': { severity: 'bpmnlint', coveredBy: { rules: ['start-events'], on: 'container' } },
  'single-event-definition': covered('unsupported-element'),
  'start-event-required': covered('start-events'),
  'sub-process-blank-start-event': covered('unsupported-element'),
  'superfluous-gateway': keep,
  'superfluous-label': keep,
  'superfluous-termination': keep,
};

/** bpmnlint's recommended rules, as an editor with the default configuration runs them. */
export const LINT_CONFIG: Config = { extends: 'bpmnlint:recommended' };

/**
 * bpmnlint's traversal recurses once per level of the element tree; past this depth (no drawn
 * model comes near it, and sub-processes deeper than 32 levels are rejected by scope-depth) it
 * could overflow the stack, so the lint is skipped instead.
 */
export const MAX_LINT_DEPTH = 500;

/**
 * Runs bpmnlint's `recommended` rules on a parsed definition and returns its reports as problems,
 * minus those the engine's own `engineProblems` already report. Never throws: a failure of
 * bpmnlint is one `internal-error` warning, since the engine's own rules still decide the deploy.
 */
export async function lintDefinitions(definitions: ModdleElement, engineProblems: readonly Problem[], config: Config = LINT_CONFIG): Promise<Problem[]> {
  try {
    return await lint(definitions, engineProblems, config);
  } catch (err) {
    return [warning('internal-error', fallbackElementId(definitions), `bpmnlint failed: ${reasonOf(err)}`)];
  }
}


// helpers //////////

async function lint(definitions: ModdleElement, engineProblems: readonly Problem[], config: Config): Promise<Problem[]> {
  const depth = nestingDepth(definitions, MAX_LINT_DEPTH);
  if (depth > MAX_LINT_DEPTH) {
    return [warning('internal-error', fallbackElementId(definitions), `bpmnlint was not run: elements are nested more than ${MAX_LINT_DEPTH} levels deep, and its rules recurse once per level`)];
  }
  // nothing to lint, and bpmnlint's rules crash on it, printing their stack traces to the console
  if (children(definitions, 'rootElements').length === 0) return [];
  const resolver = builtInResolver();
  const restore = connectFlowNodes(definitions);
  let results: Record<string, Report[]>;
  try {
    // a new Linter per file: it caches rule instances, and some rules keep state between calls
    results = await new Linter({ config, resolver }).lint(definitions);
  } finally {
    restore();
  }
  const index = indexElements(definitions);
  const fallbackId = fallbackElementId(definitions);
  const drawn = children(definitions, 'diagrams').length > 0;
  const problems: Problem[] = [];
  const failed: string[] = [];
  let failure = '';
  for (const [rule, reports] of Object.entries(results)) {
    const decision = LINT_DECISIONS[rule] ?? keep;
    for (const report of reports) {
      if (report.category === 'rule-error') {
        // bpmnlint caught an exception thrown by the rule (a bpmnlint bug or an odd tree)
        failed.push(rule);
        failure ||= String(report.message);
        continue;
      }
      if (decision.onlyWhenDrawn && !drawn) continue;
      const elementId = typeof report.id === 'string' && report.id !== '' ? report.id : fallbackId;
      if (isCovered(decision, elementId, engineProblems, index)) continue;
      // errors outside executable processes do not block: the engine skips those processes
      const isError = report.category === 'error' && decision.severity === 'bpmnlint' && index.executed.has(elementId);
      problems.push({ elementId, rule: `${LINT_PREFIX}${rule}`, message: lowerFirst(String(report.message)), severity: isError ? 'error' : 'warning' });
    }
  }
  if (failed.length > 0) problems.push(warning('internal-error', fallbackId, `bpmnlint rules failed (${failed.join(', ')}): ${lowerFirst(failure)}`));
  return problems;
}

const SIMPLE_TYPES: ReadonlySet<string> = new Set(['String', 'Boolean', 'Integer', 'Real']);

interface Descriptor {
  isGeneric?: boolean;
  properties: Array<{ name: string; type: string; isAttr?: boolean; isReference?: boolean; isMany?: boolean }>;
}

/**
 * Depth of the tree bpmnlint walks (the contained, non-reference, non-primitive properties of each
 * moddle element, as in bpmnlint/lib/traverse.js), counted without recursion; stops past `limit`.
 */
function nestingDepth(root: ModdleElement, limit: number): number {
  const stack: Array<[element: unknown, depth: number]> = [[root, 1]];
  let deepest = 0;
  while (stack.length > 0) {
    const [element, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (deepest > limit) break;
    const descriptor = isElement(element) ? (element.$descriptor as Descriptor | undefined) : undefined;
    if (!descriptor || descriptor.isGeneric) continue;
    for (const property of descriptor.properties) {
      if (property.isAttr || property.isReference || SIMPLE_TYPES.has(property.type)) continue;
      const value = (element as ModdleElement)[property.name];
      if (value === undefined || value === null) continue;
      for (const child of Array.isArray(value) ? value : [value]) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

let rules: Map<string, RuleFactory> | undefined;
let recommended: Config | undefined;

/**
 * Resolves bpmnlint's own rules and its `recommended` config from the installed package, and
 * nothing else: no `.bpmnlintrc` lookup, no plug-ins, no network. Loaded on first use, so a
 * broken install fails a lint (caught above), never the import of the compiler.
 */
function builtInResolver(): Resolver {
  if (!rules || !recommended) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('bpmnlint/config/recommended') as { rules: Record<string, string> };
    const loaded = new Map<string, RuleFactory>();
    for (const name of Object.keys(config.rules)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded.set(name, require(`bpmnlint/rules/${name}`) as RuleFactory);
    }
    rules = loaded;
    recommended = config;
  }
  const ruleFactories = rules;
  const recommendedConfig = recommended;
  return {
    resolveRule(pkg, ruleName) {
      const factory = pkg === 'bpmnlint' ? ruleFactories.get(ruleName) : undefined;
      if (!factory) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
      return factory;
    },
    resolveConfig(pkg, configName) {
      if (pkg !== 'bpmnlint' || configName !== 'recommended') throw new Error(`unknown config <${pkg}/${configName}>`);
      return recommendedConfig;
    },
  };
}

/**
 * bpmnlint reads a node's flows from its `<bpmn:incoming>` / `<bpmn:outgoing>` children, which
 * bpmn-js writes but the BPMN schema leaves optional and the engine does not trust: without them,
 * every node of a hand-written file looks disconnected. For the lint, each flow node gets the
 * flows whose sourceRef / targetRef name it (what bpmn-js writes on save), in document order,
 * counting only flows whose two ends lie in the flow's own scope, as the engine does. Returns a
 * function that puts the original values back.
 */
function connectFlowNodes(definitions: ModdleElement): () => void {
  const incoming = new Map<ModdleElement, ModdleElement[]>();
  const outgoing = new Map<ModdleElement, ModdleElement[]>();
  const add = (map: Map<ModdleElement, ModdleElement[]>, node: unknown, flow: ModdleElement) => {
    if (isElement(node)) map.set(node, [...(map.get(node) ?? []), flow]);
  };
  const nodes = new Set<ModdleElement>();
  for (const process of processesOf(definitions)) {
    const stack: ModdleElement[] = [process];
    while (stack.length > 0) {
      const container = stack.pop() as ModdleElement;
      for (const element of children(container, 'flowElements')) {
        if (element.$type === 'bpmn:SequenceFlow') {
          // as the engine reads flows: both ends in the flow's own scope (else flow-references)
          const { sourceRef, targetRef } = element;
          if (!isElement(sourceRef) || !isElement(targetRef) || sourceRef.$parent !== container || targetRef.$parent !== container) continue;
          add(outgoing, sourceRef, element);
          add(incoming, targetRef, element);
        } else {
          if (is(element, 'bpmn:FlowNode')) nodes.add(element);
          stack.push(element);
        }
      }
    }
  }
  const saved: Array<() => void> = [];
  for (const node of nodes) {
    for (const [property, flows] of [['incoming', incoming], ['outgoing', outgoing]] as const) {
      const own = Object.getOwnPropertyDescriptor(node, property);
      Object.defineProperty(node, property, { value: flows.get(node) ?? [], writable: true, configurable: true, enumerable: false });
      saved.push(() => {
        if (own) Object.defineProperty(node, property, own);
        else delete (node as Record<string, unknown>)[property];
      });
    }
  }
  return () => saved.forEach((undo) => undo());
}

interface ElementIndex {
  byId: Map<string, ModdleElement>;
  /** Ids of executable processes and of every flow element inside one (at any depth). */
  executed: Set<string>;
}

/** Flow elements of every process by id (iterative: nesting depth cannot overflow the stack). */
function indexElements(definitions: ModdleElement): ElementIndex {
  const byId = new Map<string, ModdleElement>();
  const executed = new Set<string>();
  for (const process of processesOf(definitions)) {
    const inExecutable = isExecutable(process);
    const stack: ModdleElement[] = [process];
    while (stack.length > 0) {
      const element = stack.pop() as ModdleElement;
      if (typeof element.id === 'string') {
        if (!byId.has(element.id)) byId.set(element.id, element);
        if (inExecutable) executed.add(element.id);
      }
      stack.push(...children(element, 'flowElements'));
    }
  }
  return { byId, executed };
}

function isCovered(decision: LintDecision, elementId: string, engineProblems: readonly Problem[], index: ElementIndex): boolean {
  const cover = decision.coveredBy;
  if (!cover) return false;
  const reported = index.byId.get(elementId);
  const source = reported?.$type === 'bpmn:SequenceFlow' && isElement(reported.sourceRef) ? reported.sourceRef : undefined;
  return engineProblems.some((problem) => {
    if (!cover.rules.includes(problem.rule)) return false;
    if (problem.elementId === elementId) return true;
    const named = index.byId.get(problem.elementId);
    if (cover.on === 'container') return isElement(named?.$parent) && named.$parent.id === elementId;
    if (cover.on === 'source') return source !== undefined && (named === source || named?.sourceRef === source);
    return false;
  });
}

/** Where a report without an element id is filed: the first executable process, else the file. */
function fallbackElementId(definitions: ModdleElement): string {
  const processes = processesOf(definitions);
  const process = processes.find(isExecutable) ?? processes[0];
  return process?.id ?? definitions.id ?? DEFINITIONS_ID;
}

/** bpmnlint writes sentences (`Element is missing label/name`); problems start in lower case. */
function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
