/**
 * FEEL evaluation inside the workflow (feelin: a pure interpreter, deterministic, no JS eval).
 * Expressions arrive from the compiled graph without their leading `=`.
 */
import { evaluate } from 'feelin';
import type { ValueSource } from '../graph/types';

export type Variables = Record<string, unknown>;

export class FeelEvaluationError extends Error {
  constructor(readonly expression: string, cause: string) {
    super(`cannot evaluate FEEL "${expression}": ${cause}`);
    this.name = 'FeelEvaluationError';
  }
}

export function evaluateFeel(expression: string, variables: Variables): unknown {
  try {
    return evaluate(expression, variables).value;
  } catch (err) {
    throw new FeelEvaluationError(expression, (err as Error).message);
  }
}

/** A sequence-flow condition holds only when it evaluates to true (null and non-booleans do not). */
export function conditionHolds(expression: string, variables: Variables): boolean {
  return evaluateFeel(expression, variables) === true;
}

export function resolveValue(source: ValueSource, variables: Variables): unknown {
  return 'literal' in source ? source.literal : evaluateFeel(source.feel, variables);
}
