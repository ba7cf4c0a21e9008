/**
 * zeebe:ioMapping around an activity's single run (and an event sub-process): input mappings make
 * local variables of the run, output mappings say which values leave it (Camunda 8 semantics,
 * dotted targets included). Events' mappings build on these (elements/events/mappings.ts).
 */
import type { Continuation } from '../elements/context';
import { resolveValue, type Variables } from '../expressions/feel';
import type { ActivityNode, VariableMapping } from '../graph/types';
import type { Scope, ScopeKind } from './scope';

export type RunOnce = (scope: Scope) => Promise<Continuation>;

/** What running inside mappings needs of the engine: a new local scope, and incidents when a mapping fails. */
export interface MappingHost {
  newScope(kind: ScopeKind, elementId: string, parent: Scope, locals?: Variables, captures?: boolean): Scope;
  withIncidents<T>(elementId: string, fn: () => Promise<T>): Promise<T>;
}

/** Inputs become local variables of the run; with outputs, only the mapped values leave it. */
export async function runWithMappings(engine: MappingHost, node: ActivityNode, scope: Scope, runOnce: RunOnce): Promise<Continuation> {
  const inputs = node.inputs ?? [];
  const outputs = node.outputs ?? [];
  if (inputs.length === 0 && outputs.length === 0) return runOnce(scope);
  const local = engine.newScope('local', node.id, scope, {}, outputs.length > 0);
  await engine.withIncidents(node.id, async () => local.setLocal(inputValues(inputs, local.view())));
  const next = await runOnce(local);
  if (outputs.length > 0) {
    const values = await engine.withIncidents(node.id, async () => outputValues(outputs, local.view(), scope.view()));
    scope.setVariables(values);
  }
  return next;
}

/**
 * The local variables input mappings make, each evaluated in turn against `variables` with the
 * earlier inputs over them (a dotted target extends the context of that name it sees).
 */
export function inputValues(inputs: VariableMapping[], variables: Variables): Variables {
  let locals: Variables = {};
  for (const input of inputs) {
    const current = { ...variables, ...locals };
    locals = { ...locals, ...assignPath(current, input.target, resolveValue(input.source, current) ?? null) };
  }
  return locals;
}

/**
 * The values output mappings give, each source evaluated in turn against `sources` (what the element
 * saw) with the earlier outputs over them; a dotted target extends the context of that name in
 * `targets` (what the receiving scope holds). Only these values leave the element.
 */
export function outputValues(outputs: VariableMapping[], sources: Variables, targets: Variables): Variables {
  let mapped: Variables = {};
  for (const output of outputs) {
    const base = { ...targets, ...mapped };
    mapped = { ...mapped, ...assignPath(base, output.target, resolveValue(output.source, { ...sources, ...mapped }) ?? null) };
  }
  return mapped;
}

/**
 * `{ name: value }` for a plain target; for a dotted target (`applicant.email`, as Camunda 8 allows)
 * the top-level variable with the nested value set, keeping what the existing context already has.
 */
export function assignPath(current: Variables, target: string, value: unknown): Variables {
  const [head, ...rest] = target.split('.');
  if (rest.length === 0) return { [head]: value };
  const existing = current[head];
  const context = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? (existing as Variables) : {};
  return { [head]: { ...context, ...assignPath(context, rest.join('.'), value) } };
}
