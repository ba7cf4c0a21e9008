import type { CompiledDecision, FormOption, ProcessGraph } from '../workflows/graph/types';
import { buildGraph } from './compile';
import { DEFAULT_FALLBACK_TASK_GROUP, type CompileContext } from './context';
import { lintDefinitions } from './lint';
import { parseBpmn } from './parse';
import { DEFINITIONS_ID, error, hasErrors, type Problem } from './problem';
import { buildProcessView, type ProcessView } from './process-view';
import { definitionsRules, isExecutable, processesOf, processRules } from './rules';
import { versionTag } from './zeebe';

export type { Problem } from './problem';
export { definitionHash } from './definition-hash';
export { DEFAULT_MAX_BYTES } from './parse';

export interface CompiledProcess {
  processId: string;
  name?: string;
  graph: ProcessGraph;
  versionTag?: string;
}

export type CompileResult =
  | { ok: true; processes: CompiledProcess[]; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export interface CompileOptions {
  /** Files larger than this (UTF-8 bytes) are rejected before parsing. Default 5 MB. */
  maxBytes?: number;
  /** Files over 128 KB are read in a worker thread first and rejected if that takes longer. Default 10 s. */
  parseTimeoutMs?: number;
  /**
   * Compiled DMN decisions by decision id (see compiler/dmn/). A business rule task's
   * zeebe:calledDecision must name one of them; the decision is copied into the graph.
   */
  decisions?: Record<string, CompiledDecision>;
  /**
   * Option lists by process id, then by the `valuesKey` a form field names (the family's rejection
   * conditions, definitions/rejection-conditions.json): copied into the field's options.
   */
  optionLists?: Record<string, Record<string, FormOption[]>>;
  /** `valuesKey` names the portal server fills in when it shows a start form (definitions/registers.json). */
  registerLists?: readonly string[];
  /**
   * The service-task types this engine has handlers for, with the headers each needs: a task naming
   * another type, or leaving out a required header, deploys with a warning (it would stop at an
   * incident). Not given: task types are not checked.
   */
  serviceTaskTypes?: readonly { type: string; requiredHeaders: readonly string[] }[];
  /**
   * The candidate group a user task that names nobody (no assignee, candidate groups or users) is
   * offered to, as Camunda 8 deploys such a task. Default: `process-administrators`.
   */
  fallbackTaskGroup?: string;
}

/**
 * BPMN XML → one validated ProcessGraph per executable process. Problems are collected, never
 * thrown: the result is `ok: false` with every problem found when any of them is an error.
 */
export async function compileBpmn(xml: string, options: CompileOptions = {}): Promise<CompileResult> {
  try {
    return await compile(xml, options);
  } catch (err) {
    // a compiler bug or a broken environment (e.g. the parse worker cannot start): still an answer
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [error('internal-error', DEFINITIONS_ID, `the compiler failed: ${reason}`)] };
  }
}


// helpers //////////

async function compile(xml: string, options: CompileOptions): Promise<CompileResult> {
  const parsed = await parseBpmn(xml, options);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };

  const problems: Problem[] = [...parsed.warnings];
  for (const rule of definitionsRules) problems.push(...runRule(rule.name, parsed.definitions.id ?? DEFINITIONS_ID, () => rule.check(parsed.definitions)));
  const context: CompileContext = {
    decisions: options.decisions ?? {},
    optionLists: options.optionLists ?? {},
    registerLists: new Set(options.registerLists ?? []),
    serviceTaskTypes: options.serviceTaskTypes ? new Map(options.serviceTaskTypes.map((t) => [t.type, t.requiredHeaders])) : undefined,
    fallbackTaskGroup: options.fallbackTaskGroup ?? DEFAULT_FALLBACK_TASK_GROUP,
  };
  const views = processesOf(parsed.definitions).filter(isExecutable).map(buildProcessView);
  for (const view of views) {
    for (const rule of processRules) problems.push(...runRule(rule.name, view.id, () => rule.check(view, context)));
  }
  // bpmnlint's recommended rules, as the editor shows them, minus faults the rules above reported
  problems.push(...(await lintDefinitions(parsed.definitions, problems)));
  if (hasErrors(problems)) return { ok: false, problems };

  return { ok: true, processes: views.map((view) => toCompiledProcess(view, context)), warnings: problems };
}

/** A rule that throws is a compiler bug; it must still reject the definition, never crash deployment. */
function runRule(name: string, elementId: string, check: () => Problem[]): Problem[] {
  try {
    return check();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [error('internal-error', elementId, `rule ${name} failed: ${reason}`)];
  }
}

function toCompiledProcess(view: ProcessView, context: CompileContext): CompiledProcess {
  const graph = buildGraph(view, context);
  const tag = versionTag(view.process);
  return {
    processId: graph.processId,
    ...(graph.name === undefined ? {} : { name: graph.name }),
    graph,
    ...(tag === undefined ? {} : { versionTag: tag }),
  };
}
