import type { CompiledDecision } from '../graph/types';
import { DecisionEvaluationError } from './decision-error';
import { sameValue } from './same-value';

/** A matched rule with its output values, by output name, in output order. */
export interface RuleOutput {
  ruleId: string;
  values: Array<[name: string, value: unknown]>;
}

/**
 * Turns the outputs of the matched rules (in rule order, at least one) into the decision result,
 * as Camunda 8 (dmn-scala) does: a single output gives its value, several a context by name;
 * PRIORITY and OUTPUT ORDER rank by the outputs' listed values (earlier = higher, unlisted last,
 * ties keep rule order); RULE ORDER, OUTPUT ORDER and COLLECT give lists.
 */
export function applyHitPolicy(decision: CompiledDecision, matched: readonly RuleOutput[]): unknown {
  switch (decision.hitPolicy) {
    case 'FIRST':
      return result(matched[0]);
    case 'UNIQUE':
      if (matched.length > 1) throw conflict(decision, matched, `hit policy UNIQUE allows one matching rule, but rules ${ids(matched)} match`);
      return result(matched[0]);
    case 'ANY': {
      const differing = matched.filter((m) => !sameValue(result(m), result(matched[0])));
      if (differing.length > 0) throw conflict(decision, [matched[0], ...differing], `hit policy ANY needs matching rules to agree, but rules ${ids([matched[0], ...differing])} give different outputs`);
      return result(matched[0]);
    }
    case 'PRIORITY':
      return result(byPriority(decision, matched)[0]);
    case 'OUTPUT ORDER':
      return byPriority(decision, matched).map(result);
    case 'RULE ORDER':
      return matched.map(result);
    case 'COLLECT':
      return collect(decision, matched);
  }
}


// helpers //////////

function result(output: RuleOutput): unknown {
  // Object.fromEntries makes own properties, whatever the output names are
  return output.values.length === 1 ? output.values[0][1] : Object.fromEntries(output.values);
}

function ids(matched: readonly RuleOutput[]): string {
  return matched.map((m) => `"${m.ruleId}"`).join(', ');
}

function conflict(decision: CompiledDecision, matched: readonly RuleOutput[], message: string): DecisionEvaluationError {
  return new DecisionEvaluationError(decision.decisionId, matched.map((m) => m.ruleId), message);
}

/** Stable sort by each output's rank in its outputValues, first output first. */
function byPriority(decision: CompiledDecision, matched: readonly RuleOutput[]): RuleOutput[] {
  const ranks = matched.map((m) => decision.outputs.map((output, i) => rank(output.outputValues, m.values[i]?.[1])));
  const order = matched.map((_, i) => i);
  order.sort((a, b) => {
    for (let o = 0; o < decision.outputs.length; o++) {
      if (ranks[a][o] !== ranks[b][o]) return ranks[a][o] - ranks[b][o];
    }
    return a - b;
  });
  return order.map((i) => matched[i]);
}

/** Position of a string or number in the listed values; anything else, or absent, ranks last. */
function rank(listed: readonly string[] | undefined, value: unknown): number {
  if (!listed) return 0;
  const key = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  const index = key === undefined ? -1 : listed.indexOf(key);
  return index < 0 ? listed.length : index;
}

function collect(decision: CompiledDecision, matched: readonly RuleOutput[]): unknown {
  if (decision.aggregation === undefined) return matched.map(result);
  if (decision.aggregation === 'COUNT') return matched.length;
  const numbers = matched.map((m) => {
    const value = result(m);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw conflict(decision, [m], `hit policy COLLECT ${decision.aggregation} needs numbers, but rule "${m.ruleId}" gives ${describeValue(value)}`);
    }
    return value;
  });
  switch (decision.aggregation) {
    case 'SUM':
      return numbers.reduce((sum, n) => sum + n, 0);
    case 'MIN':
      return Math.min(...numbers);
    case 'MAX':
      return Math.max(...numbers);
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
