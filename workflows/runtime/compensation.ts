/**
 * Compensation, with Camunda 8 (Zeebe 8.5+) semantics: the record of what can be compensated, per
 * scope, and which handlers a compensation throw runs.
 *
 * Each time an activity with a compensation handler completes, its scope records it; each time an
 * embedded or ad-hoc sub-process completes with such completions inside, its enclosing scope records
 * the sub-process with that inner record (an instance of a multi-instance sub-process is one such
 * completion). Active, interrupted or terminated activities record nothing. A compensation throw
 * (intermediate or end event) takes from its scope's record every completion (or, with activityRef,
 * those of that activity), inner records included, and runs their handlers all at once, started in
 * reverse order of completion; it waits until every handler has completed (Zeebe's
 * waitForCompletion is always true). What was compensated leaves the record: a second throw does
 * not compensate it again. A throw inside an event sub-process compensates the scope the event
 * sub-process belongs to. Handlers see the variables as they are now, in the scope of the throw's
 * record (inner handlers in a fresh scope of their sub-process under it).
 *
 * The record is plain data: the process scope's is carried across a hand-over (CarriedState).
 */
import type { ActivityNode } from '../graph/types';
import type { Scope } from './scope';

/** One completion that can be compensated: of an activity with a handler, or of a sub-process with completions inside. */
export interface Compensable {
  elementId: string;
  /** The activity's compensation handler. */
  handlerId?: string;
  /** What completed inside the sub-process (its own record), in order of completion. */
  inner?: Compensable[];
}

/** The activity completed in (the flow scope of) `scope`: recorded when it has a compensation handler. */
export function recordCompletion(scope: Scope, node: ActivityNode): void {
  if (node.compensationHandler) scope.flowScope().compensable.push({ elementId: node.id, handlerId: node.compensationHandler });
}

/** A sub-process (one instance of it) completed in `scope`, `inner` being its own scope: recorded when something inside can be compensated. */
export function recordSubProcess(scope: Scope, elementId: string, inner: Scope): void {
  if (inner.compensable.length > 0) scope.flowScope().compensable.push({ elementId, inner: [...inner.compensable] });
}

/** The scope whose record a compensation throw in `scope` takes from. */
export function compensatedScope(scope: Scope): Scope {
  const flow = scope.flowScope();
  return flow.kind === 'eventSubProcess' && flow.parent ? flow.parent.flowScope() : flow;
}

/**
 * Takes the completions to compensate out of the scope's record: all of them, or those of
 * `activityRef`; latest completion first.
 */
export function takeCompensable(scope: Scope, activityRef?: string): Compensable[] {
  const record = scope.compensable;
  const taken = record.filter((c) => activityRef === undefined || c.elementId === activityRef);
  const kept = record.filter((c) => !taken.includes(c));
  record.splice(0, record.length, ...kept);
  return taken.reverse();
}
