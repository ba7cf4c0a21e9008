import type { CollectAggregation, CompiledDecision, HitPolicy } from '../../workflows/graph/types';
import { feelSyntaxError, unaryTestsSyntaxError } from '../feel';
import { child, children, text, type ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { readOutputValues } from './output-values';

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'ANY', 'PRIORITY', 'RULE ORDER', 'OUTPUT ORDER', 'COLLECT'];
const AGGREGATIONS: readonly CollectAggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
const RANKED: readonly HitPolicy[] = ['PRIORITY', 'OUTPUT ORDER'];

/** `feel`, and the FEEL namespace URIs of DMN 1.1 to 1.5 (all contain "feel"); absent means FEEL. */
const FEEL_LANGUAGE = /^(feel|https?:\/\/www\.omg\.org\/spec\/(feel\/\d{8}|dmn\/\d{8}\/feel\/?))$/i;

/** A compiled decision with the ids of the decisions it requires, linked by compileDmn once the whole file is compiled. */
export type DecisionCompilation = { decision: CompiledDecision; requires: string[]; problems: Problem[] } | { decision?: undefined; problems: Problem[] };

/**
 * One `<dmn:decision>` → CompiledDecision, with every problem found. The decision compiles only
 * when no problem is reported; problems name the element (decision, input, output, rule or cell).
 * `definitionsLanguage` is the file's default expression language (absent: FEEL).
 */
export function compileDecision(decision: ModdleElement, definitionsLanguage: string | undefined): DecisionCompilation {
  const problems: Problem[] = [];
  const decisionId = decision.id;
  if (!decisionId || decisionId === '__proto__') {
    const label = decision.name ? ` "${decision.name}"` : '';
    return { problems: [error('missing-id', decisionId ?? decision.name ?? 'definitions', `the decision${label} needs an id other than "__proto__"`)] };
  }

  if (!decision.name?.trim()) problems.push(error('dmn-decision-name', decisionId, `${describe(decision)} needs a name; Camunda 8 refuses a decision without one`));
  problems.push(...knowledgeRequirementProblems(decision));
  const table = child(decision, 'decisionLogic');
  if (!table || table.$type !== 'dmn:DecisionTable') {
    const what = table ? `a ${table.$type.replace(/^dmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}` : 'no decision logic';
    problems.push(error('dmn-decision-logic', decisionId, `${describe(decision)} has ${what}; only decision tables are supported`));
    return { problems };
  }

  const compiler = new TableCompiler(decision, table, definitionsLanguage);
  const compiled = compiler.compile();
  problems.push(...compiler.problems);
  const variable = child(decision, 'variable');
  const resultName = (variable ? text(variable, 'name') : undefined)?.trim() || decisionId;
  const requires = requiredDecisionIds(decision);
  return problems.length === 0 ? { decision: { ...compiled, ...(resultName !== decisionId ? { resultName } : {}) }, requires, problems } : { problems };
}


// helpers //////////

/** The ids of the decisions this one requires (`<requiredDecision href="#id">`). */
function requiredDecisionIds(decision: ModdleElement): string[] {
  const ids: string[] = [];
  for (const requirement of children(decision, 'informationRequirement')) {
    const required = child(requirement, 'requiredDecision');
    if (required) ids.push((text(required, 'href') ?? '').trim().replace(/^#/, ''));
  }
  return ids;
}

/** Business knowledge models are not evaluated by this engine yet. */
function knowledgeRequirementProblems(decision: ModdleElement): Problem[] {
  if (children(decision, 'knowledgeRequirement').length === 0) return [];
  return [error('dmn-required-decision', decision.id ?? 'definitions', `${describe(decision)} requires a business knowledge model; these are not supported yet`)];
}

class TableCompiler {
  readonly problems: Problem[] = [];
  private readonly decisionId: string;

  constructor(
    private readonly decision: ModdleElement,
    private readonly table: ModdleElement,
    private readonly defaultLanguage: string | undefined,
  ) {
    this.decisionId = decision.id ?? 'definitions';
  }

  compile(): CompiledDecision {
    const hitPolicy = this.hitPolicy();
    const aggregation = this.aggregation(hitPolicy);
    const inputs = children(this.table, 'input').map((input, i) => this.input(input, i));
    const outputs = this.outputs(hitPolicy);
    if (aggregation && outputs.length > 1) {
      this.problem('dmn-hit-policy', this.tableId, `${describe(this.table)} aggregates (${aggregation}) but has ${outputs.length} outputs; aggregation needs a single output`);
    }
    const rules = children(this.table, 'rule').map((rule, i) => this.rule(rule, i, inputs, outputs));
    return {
      decisionId: this.decisionId,
      ...(this.decision.name ? { name: this.decision.name } : {}),
      hitPolicy: hitPolicy ?? 'UNIQUE',
      ...(aggregation ? { aggregation } : {}),
      inputs,
      outputs,
      rules,
    };
  }

  private get tableId(): string {
    return this.table.id ?? this.decisionId;
  }

  private problem(rule: string, elementId: string, message: string): void {
    this.problems.push(error(rule, elementId, message));
  }

  private hitPolicy(): HitPolicy | undefined {
    const value = text(this.table, 'hitPolicy') ?? 'UNIQUE';
    if ((HIT_POLICIES as readonly string[]).includes(value)) return value as HitPolicy;
    this.problem('dmn-hit-policy', this.tableId, `${describe(this.table)} has hit policy "${value}"; use one of ${HIT_POLICIES.join(', ')}`);
    return undefined;
  }

  private aggregation(hitPolicy: HitPolicy | undefined): CollectAggregation | undefined {
    const value = text(this.table, 'aggregation');
    if (value === undefined) return undefined;
    if (!(AGGREGATIONS as readonly string[]).includes(value)) {
      this.problem('dmn-hit-policy', this.tableId, `${describe(this.table)} has aggregation "${value}"; use one of ${AGGREGATIONS.join(', ')}`);
      return undefined;
    }
    if (hitPolicy !== undefined && hitPolicy !== 'COLLECT') {
      this.problem('dmn-hit-policy', this.tableId, `${describe(this.table)} aggregates (${value}) with hit policy ${hitPolicy}; only COLLECT aggregates`);
      return undefined;
    }
    return value as CollectAggregation;
  }

  private input(input: ModdleElement, index: number): CompiledDecision['inputs'][number] {
    const id = input.id ?? `input-${index + 1}`;
    const label = text(input, 'label');
    const expression = child(input, 'inputExpression');
    const source = expression ? (text(expression, 'text') ?? '').trim() : '';
    const who = `input ${label ? `"${label}"` : `"${id}"`} of ${describe(this.decision)}`;
    if (expression) this.language(expression, id, who);
    const reason = feelSyntaxError(source);
    if (reason) this.problem('feel-syntax', id, `the expression of ${who} is not valid FEEL: ${reason}`);
    return { id, ...(label ? { label } : {}), expression: source };
  }

  private outputs(hitPolicy: HitPolicy | undefined): CompiledDecision['outputs'] {
    const clauses = children(this.table, 'output');
    if (clauses.length === 0) this.problem('dmn-table-shape', this.tableId, `${describe(this.table)} has no output`);
    const seen = new Set<string>();
    const outputs = clauses.map((output, index) => {
      const id = output.id ?? `output-${index + 1}`;
      const name = (text(output, 'name') ?? '').trim();
      const label = text(output, 'label');
      if (!name && clauses.length > 1) {
        this.problem('dmn-output-names', id, `output "${label ?? id}" of ${describe(this.decision)} needs a name: a decision with several outputs returns a context keyed by output name`);
      } else if (name && seen.has(name)) {
        this.problem('dmn-output-names', id, `output name "${name}" is used twice in ${describe(this.decision)}`);
      }
      seen.add(name);
      if (child(output, 'defaultOutputEntry')) {
        this.problem('dmn-default-output', id, `output "${name || id}" of ${describe(this.decision)} has a default output entry; these are not supported yet`);
      }
      const outputValues = hitPolicy && RANKED.includes(hitPolicy) ? this.outputValues(output, id, name) : undefined;
      return { id, name, ...(label ? { label } : {}), ...(outputValues ? { outputValues } : {}) };
    });
    if (hitPolicy && RANKED.includes(hitPolicy) && clauses.length > 0 && !outputs.some((o) => o.outputValues)) {
      this.problem('dmn-output-values', this.tableId, `${describe(this.table)} has hit policy ${hitPolicy}, which ranks rules by output values; list them on at least one output`);
    }
    return outputs;
  }

  private outputValues(output: ModdleElement, id: string, name: string): string[] | undefined {
    const values = child(output, 'outputValues');
    const source = values ? (text(values, 'text') ?? '').trim() : '';
    if (!source) return undefined;
    const read = readOutputValues(source);
    if (read.ok) return read.values;
    this.problem('dmn-output-values', id, `the output values of output "${name || id}" in ${describe(this.decision)} cannot rank rules: ${read.reason}`);
    return undefined;
  }

  private rule(rule: ModdleElement, index: number, inputs: CompiledDecision['inputs'], outputs: CompiledDecision['outputs']): CompiledDecision['rules'][number] {
    const id = rule.id ?? `rule-${index + 1}`;
    const where = `rule "${id}" (row ${index + 1}) of ${describe(this.decision)}`;
    const inputEntries = children(rule, 'inputEntry');
    const outputEntries = children(rule, 'outputEntry');
    if (inputEntries.length !== inputs.length) {
      this.problem('dmn-table-shape', id, `${where} has ${inputEntries.length} input entries for ${inputs.length} inputs`);
    }
    if (outputEntries.length !== outputs.length) {
      this.problem('dmn-table-shape', id, `${where} has ${outputEntries.length} output entries for ${outputs.length} outputs`);
    }
    return {
      id,
      inputEntries: inputEntries.map((entry, i) => {
        const tests = (text(entry, 'text') ?? '').trim() || '-';
        const cell = `input entry ${JSON.stringify(tests)} for ${inputs[i] ? `input "${inputs[i].label ?? inputs[i].id}"` : `column ${i + 1}`} in ${where}`;
        this.language(entry, entry.id ?? id, cell);
        const reason = unaryTestsSyntaxError(tests);
        if (reason) this.problem('feel-syntax', entry.id ?? id, `${cell} is not valid FEEL unary tests: ${reason}`);
        return tests;
      }),
      outputEntries: outputEntries.map((entry, i) => {
        const expression = (text(entry, 'text') ?? '').trim();
        const cell = `output entry ${JSON.stringify(expression)} for ${outputs[i] ? `output "${outputs[i].name || outputs[i].id}"` : `column ${i + 1}`} in ${where}`;
        this.language(entry, entry.id ?? id, cell);
        // an empty output cell gives null, as in Camunda
        const reason = expression === '' ? undefined : feelSyntaxError(expression);
        if (reason) this.problem('feel-syntax', entry.id ?? id, `${cell} is not valid FEEL: ${reason}`);
        return expression;
      }),
    };
  }

  private language(expression: ModdleElement, elementId: string, what: string): void {
    const language = text(expression, 'expressionLanguage') ?? this.defaultLanguage;
    if (language !== undefined && !FEEL_LANGUAGE.test(language.trim())) {
      this.problem('dmn-expression-language', elementId, `${what} is written in "${language}"; only FEEL is supported`);
    }
  }
}
