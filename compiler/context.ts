import type { CompiledDecision } from '../workflows/graph/types';

/** What rules and graph building need besides the BPMN itself (from the compile options). */
export interface CompileContext {
  /** Compiled DMN decisions by decision id, looked up by business rule tasks. */
  decisions: Readonly<Record<string, CompiledDecision>>;
}

/** The decision with this id, if it was given (never an inherited property such as `constructor`). */
export function decisionById(context: CompileContext, decisionId: string): CompiledDecision | undefined {
  return Object.hasOwn(context.decisions, decisionId) ? context.decisions[decisionId] : undefined;
}
