/**
 * zeebe:ioMapping on events, with Camunda 8's semantics (compiler/rules/io-mapping.ts says which
 * event may have which):
 *
 * - **outputs** are evaluated once the event has happened: on a catch event against the enclosing
 *   variables with what the event delivered (a message's or signal's variables) over them, on a
 *   throw event against what it saw (its inputs included). Only the mapped values are set in the
 *   enclosing scope (Camunda 8: nearest scope holding the name, else the process); what a catch
 *   event delivered is then not merged as a whole. Without outputs it is merged as it is.
 * - **inputs** (signal and message throw events) are local variables of the event: a signal
 *   carries exactly these; a message carries the token's variables with these over them.
 *
 * Events without mappings take none of these paths, so they run exactly as before.
 */
import type { Variables } from '../../expressions/feel';
import type { FlowNode, VariableMapping } from '../../graph/types';
import { inputValues, outputValues } from '../../runtime/io-mapping';
import type { ExecutionContext } from '../context';

type Mapped = { id: string; inputs?: VariableMapping[]; outputs?: VariableMapping[] };

/** True when the node is an event with output mappings: what it delivers goes to them, not the scope. */
export function mapsOutputs(node: FlowNode): boolean {
  return !('boundaryEventIds' in node) && 'outputs' in node && (node.outputs?.length ?? 0) > 0;
}

/** The values a catch event's outputs map from what it delivered (`payload`), set in the token's scope. */
export async function mapReceived(node: Mapped, ctx: ExecutionContext, payload: Variables): Promise<void> {
  const outputs = node.outputs ?? [];
  const seen = { ...ctx.variables(), ...payload };
  ctx.mergeVariables(await ctx.withIncidents(node.id, async () => outputValues(outputs, seen, seen)));
}

/** The context a throw event sends from: with its input mappings as local variables, when it has any. */
export async function withInputs(node: Mapped, ctx: ExecutionContext): Promise<ExecutionContext> {
  const inputs = node.inputs ?? [];
  const locals = await ctx.withIncidents(node.id, async () => inputValues(inputs, ctx.variables()));
  return ctx.withLocals(node.id, locals);
}

/** After a throw: the outputs, evaluated against what the event saw (`event`), set through `ctx`. */
export async function mapThrown(node: Mapped, ctx: ExecutionContext, event: ExecutionContext): Promise<void> {
  const outputs = node.outputs ?? [];
  const seen = event.variables();
  ctx.mergeVariables(await ctx.withIncidents(node.id, async () => outputValues(outputs, seen, seen)));
}

export function hasInputs(node: Mapped): boolean {
  return (node.inputs?.length ?? 0) > 0;
}

export function hasOutputs(node: Mapped): boolean {
  return (node.outputs?.length ?? 0) > 0;
}
