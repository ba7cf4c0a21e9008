/**
 * DMN decision tables, evaluated inside the workflow: pure and deterministic (feelin only, no I/O,
 * no clock of its own), so a replay evaluates every decision exactly as the first run did.
 */
import { evaluate, unaryTest } from 'feelin';
import type { CompiledDecision } from '../graph/types';
import { DecisionEvaluationError } from './decision-error';
import { applyHitPolicy, type RuleOutput } from './hit-policy';

export { DecisionEvaluationError } from './decision-error';

type Rule = CompiledDecision['rules'][number];

/**
 * Evaluates a compiled decision table against the process variables, with Camunda 8's result
 * semantics: each input expression is evaluated once; a rule matches when every input entry's
 * unary test holds for its input value (`-` matches anything; a test giving null does not match);
 * no matching rule gives null whatever the hit policy; otherwise see applyHitPolicy. Output entries
 * are evaluated only for the rules that decide (the first one under FIRST); an empty entry is null.
 * Throws DecisionEvaluationError naming the rule, input or output that failed.
 */
export function evaluateDecision(decision: CompiledDecision, variables: Record<string, unknown>): unknown {
  return evaluateWithRequirements(decision, variables, new Map());
}

/**
 * A decision of a requirements graph: the decisions it requires first (each once per evaluation,
 * however many decisions require it), their results added to its variables by their result names.
 */
function evaluateWithRequirements(decision: CompiledDecision, variables: Record<string, unknown>, results: Map<string, unknown>): unknown {
  const known = results.get(decision.decisionId);
  if (known !== undefined || results.has(decision.decisionId)) return known;
  let context = variables;
  for (const required of decision.required ?? []) {
    context = { ...context, [required.resultName ?? required.decisionId]: evaluateWithRequirements(required, variables, results) };
  }
  const result = evaluateTable(decision, context);
  results.set(decision.decisionId, result);
  return result;
}

function evaluateTable(decision: CompiledDecision, variables: Record<string, unknown>): unknown {
  const tests = decision.inputs.map((input) => {
    const value = feel(decision, [input.id], `input "${input.label ?? input.id}"`, () => evaluate(input.expression, variables).value);
    // one context per input: `?` is the input value in its unary tests
    return { id: input.id, context: { ...variables, '?': value ?? null } };
  });
  const matched = decision.rules.filter((rule) => matches(decision, rule, tests));
  if (matched.length === 0) return null;
  const deciding = decision.hitPolicy === 'FIRST' ? matched.slice(0, 1) : matched;
  return applyHitPolicy(decision, deciding.map((rule) => outputsOf(decision, rule, variables)));
}


// helpers //////////

function matches(decision: CompiledDecision, rule: Rule, tests: ReadonlyArray<{ id: string; context: Record<string, unknown> }>): boolean {
  return tests.every(({ id, context }, i) => {
    const entry = rule.inputEntries[i] ?? '-';
    if (entry === '-' || entry.trim() === '') return true;
    // false and null (e.g. an input that is null, or not comparable) both mean no match
    return feel(decision, [rule.id, id], `input entry ${JSON.stringify(entry)} of rule "${rule.id}"`, () => unaryTest(entry, context).value) === true;
  });
}

function outputsOf(decision: CompiledDecision, rule: Rule, variables: Record<string, unknown>): RuleOutput {
  const values = decision.outputs.map((output, i): [string, unknown] => {
    const entry = rule.outputEntries[i] ?? '';
    if (entry.trim() === '') return [output.name, null];
    const value = feel(decision, [rule.id, output.id], `output entry ${JSON.stringify(entry)} of rule "${rule.id}"`, () => evaluate(entry, variables).value);
    return [output.name, value ?? null];
  });
  return { ruleId: rule.id, values };
}

/** Runs one FEEL evaluation; whatever feelin throws becomes a DecisionEvaluationError naming `where`. */
function feel<T>(decision: CompiledDecision, elementIds: string[], where: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DecisionEvaluationError(decision.decisionId, elementIds, `${where} cannot be evaluated: ${reason}`);
  }
}
