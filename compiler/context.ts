import type { CompiledDecision, FormOption } from '../workflows/graph/types';

/** What rules and graph building need besides the BPMN itself (from the compile options). */
export interface CompileContext {
  /** Compiled DMN decisions by decision id, looked up by business rule tasks. */
  decisions: Readonly<Record<string, CompiledDecision>>;
  /** Option lists by process id, then by form `valuesKey`: filled into the forms at compile time. */
  optionLists: Readonly<Record<string, Readonly<Record<string, readonly FormOption[]>>>>;
  /** `valuesKey` names of the register lists the portal server fills in when it shows a start form. */
  registerLists: ReadonlySet<string>;
  /** Known service-task types with their required headers; undefined when types are not checked. */
  serviceTaskTypes?: ReadonlyMap<string, readonly string[]>;
  /** The candidate group of user tasks that name nobody. */
  fallbackTaskGroup: string;
}

/** Who gets a user task whose model names nobody, unless definitions/groups.json flags another group. */
export const DEFAULT_FALLBACK_TASK_GROUP = 'process-administrators';

/** The decision with this id, if it was given (never an inherited property such as `constructor`). */
export function decisionById(context: CompileContext, decisionId: string): CompiledDecision | undefined {
  return Object.hasOwn(context.decisions, decisionId) ? context.decisions[decisionId] : undefined;
}

/** How a form of process `processId` may fill options from `valuesKey`. */
export interface FormOptionSources {
  /** Lists known now: their options are copied into the field. */
  lists: Readonly<Record<string, readonly FormOption[]>>;
  /** Lists known only when the form is shown (start forms only). */
  registerLists: ReadonlySet<string>;
}

export function optionSourcesFor(context: CompileContext, processId: string): FormOptionSources {
  return {
    lists: Object.hasOwn(context.optionLists, processId) ? context.optionLists[processId] : {},
    registerLists: context.registerLists,
  };
}
