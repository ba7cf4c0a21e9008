import type { CompiledDecision, HitPolicy } from '../graph/types';
import { DecisionEvaluationError, evaluateDecision } from './evaluate-decision';

type Output = string | { name: string; outputValues: string[] };

interface Spec {
  hitPolicy?: HitPolicy;
  aggregation?: CompiledDecision['aggregation'];
  inputs?: string[];
  outputs?: Output[];
  /** One row per rule: input entries, then output entries. */
  rules: string[][];
}

/** A compiled table: inputs in1…, outputs out1…, rules r1… in row order. */
function table({ hitPolicy = 'UNIQUE', aggregation, inputs = ['x'], outputs = ['result'], rules }: Spec): CompiledDecision {
  return {
    decisionId: 'test-decision',
    hitPolicy,
    ...(aggregation ? { aggregation } : {}),
    inputs: inputs.map((expression, i) => ({ id: `in${i + 1}`, expression })),
    outputs: outputs.map((o, i) => (typeof o === 'string' ? { id: `out${i + 1}`, name: o } : { id: `out${i + 1}`, ...o })),
    rules: rules.map((row, i) => ({ id: `r${i + 1}`, inputEntries: row.slice(0, inputs.length), outputEntries: row.slice(inputs.length) })),
  };
}

function failure(run: () => unknown): DecisionEvaluationError {
  try {
    run();
  } catch (err) {
    if (err instanceof DecisionEvaluationError) return err;
    throw err;
  }
  throw new Error('expected a DecisionEvaluationError');
}

const grades = table({
  inputs: ['score'],
  rules: [
    ['>= 90', '"A"'],
    ['[70..90)', '"B"'],
    ['< 70', '"C"'],
  ],
});

describe('workflows/decisions - matching', () => {
  it.each([[95, 'A'], [90, 'A'], [70, 'B'], [89.5, 'B'], [12, 'C']])('score %p gives grade %p', (score, grade) => {
    expect(evaluateDecision(grades, { score })).toBe(grade);
  });

  it('gives null when no rule matches, including for a missing or null input', () => {
    const strict = table({ rules: [['"yes"', '1']] });
    expect(evaluateDecision(strict, { x: 'no' })).toBeNull();
    expect(evaluateDecision(strict, {})).toBeNull();
    expect(evaluateDecision(grades, { score: null })).toBeNull();
  });

  it('matches anything with "-" or an empty entry, and null with the test null', () => {
    const t = table({ inputs: ['a', 'b'], rules: [['null', '-', '"a is null"'], ['-', '', '"anything"']], hitPolicy: 'FIRST' });
    expect(evaluateDecision(t, { a: null })).toBe('a is null');
    expect(evaluateDecision(t, { a: 1, b: 2 })).toBe('anything');
  });

  it('requires every input entry of a rule to hold', () => {
    const t = table({ inputs: ['kind', 'level'], rules: [['"firewall"', '>= 4', '"high"'], ['"firewall"', '< 4', '"low"']] });
    expect(evaluateDecision(t, { kind: 'firewall', level: 5 })).toBe('high');
    expect(evaluateDecision(t, { kind: 'antivirus', level: 5 })).toBeNull();
  });

  it('reads lists, ranges, negation, comparisons with variables and ? in unary tests', () => {
    const t = table({ hitPolicy: 'RULE ORDER', rules: [['"a","b"', '"list"'], ['not("a")', '"not a"'], ['>= minimum', '"at least minimum"'], ['? = "b"', '"question mark"']] });
    expect(evaluateDecision(t, { x: 'a', minimum: 'a' })).toEqual(['list', 'at least minimum']);
    expect(evaluateDecision(t, { x: 'b', minimum: 'c' })).toEqual(['list', 'not a', 'question mark']);
  });

  it('evaluates each input expression once, however many rules there are', () => {
    let calls = 0;
    const counted = (): number => {
      calls += 1;
      return 3;
    };
    const t = table({ inputs: ['counted()'], hitPolicy: 'COLLECT', rules: [['> 1', '1'], ['> 2', '2'], ['> 5', '3'], ['-', '4']] });
    expect(evaluateDecision(t, { counted })).toEqual([1, 2, 4]);
    expect(calls).toBe(1);
  });

  it('evaluates output entries against the variables; an empty output entry is null', () => {
    const t = table({ outputs: ['fee', 'note'], rules: [['-', 'base * 2', '']] });
    expect(evaluateDecision(t, { base: 150 })).toEqual({ fee: 300, note: null });
  });

  it('neither changes the variables nor depends on anything but them', () => {
    const variables = Object.freeze({ score: 75 });
    expect(evaluateDecision(grades, variables)).toBe('B');
    expect(evaluateDecision(grades, variables)).toBe('B');
    expect(variables).toEqual({ score: 75 });
  });
});

describe('workflows/decisions - hit policies', () => {
  const overlapping = (hitPolicy: HitPolicy, outputs: string[] = ['"low"', '"high"', '"mid"']): CompiledDecision =>
    table({
      hitPolicy,
      outputs: [{ name: 'level', outputValues: ['high', 'mid', 'low'] }],
      rules: [['> 0', outputs[0]], ['> 10', outputs[1]], ['> 5', outputs[2]]],
    });

  it('UNIQUE: the one matching rule, null for none, an error naming the rules for several', () => {
    expect(evaluateDecision(overlapping('UNIQUE'), { x: 1 })).toBe('low');
    expect(evaluateDecision(overlapping('UNIQUE'), { x: 0 })).toBeNull();
    const error = failure(() => evaluateDecision(overlapping('UNIQUE'), { x: 7 }));
    expect(error.message).toBe('decision "test-decision": hit policy UNIQUE allows one matching rule, but rules "r1", "r3" match');
    expect(error.elementIds).toEqual(['r1', 'r3']);
  });

  it('FIRST: the first matching rule in table order; later rules are not evaluated', () => {
    expect(evaluateDecision(overlapping('FIRST'), { x: 20 })).toBe('low');
    expect(evaluateDecision(overlapping('FIRST'), { x: 0 })).toBeNull();
    const t = table({ hitPolicy: 'FIRST', rules: [['-', '"ok"'], ['-', '[1.."a"]']] });
    expect(evaluateDecision(t, { x: 1 })).toBe('ok');
  });

  it('ANY: the common output of the matching rules; an error when they differ', () => {
    const same = overlapping('ANY', ['"same"', '"same"', '"same"']);
    expect(evaluateDecision(same, { x: 20 })).toBe('same');
    expect(evaluateDecision(same, { x: 0 })).toBeNull();
    const error = failure(() => evaluateDecision(overlapping('ANY'), { x: 20 }));
    expect(error.message).toContain('hit policy ANY needs matching rules to agree, but rules "r1", "r2", "r3" give different outputs');
  });

  it('ANY compares contexts and lists by value', () => {
    const t = table({ hitPolicy: 'ANY', outputs: ['a', 'b'], rules: [['-', '[1, 2]', '{k: "v"}'], ['-', '[1, 2]', '{k: "v"}']] });
    expect(evaluateDecision(t, {})).toEqual({ a: [1, 2], b: { k: 'v' } });
  });

  it('PRIORITY: the matching output listed first in the output values', () => {
    expect(evaluateDecision(overlapping('PRIORITY'), { x: 20 })).toBe('high');
    expect(evaluateDecision(overlapping('PRIORITY'), { x: 7 })).toBe('mid');
    expect(evaluateDecision(overlapping('PRIORITY'), { x: 0 })).toBeNull();
  });

  it('PRIORITY: an output not in the list ranks last; equal ranks keep rule order', () => {
    const t = table({ hitPolicy: 'PRIORITY', outputs: [{ name: 'level', outputValues: ['high', 'low'] }], rules: [['-', '"unlisted"'], ['-', '"low"'], ['-', '"low"']] });
    expect(evaluateDecision(t, {})).toBe('low');
  });

  it('PRIORITY with several outputs: ranked by the first output, then the next, returning the whole context', () => {
    const t = table({
      hitPolicy: 'PRIORITY',
      outputs: [{ name: 'level', outputValues: ['high', 'low'] }, { name: 'days', outputValues: ['5', '10'] }],
      rules: [['-', '"low"', '5'], ['-', '"high"', '10'], ['-', '"high"', '5']],
    });
    expect(evaluateDecision(t, {})).toEqual({ level: 'high', days: 5 });
  });

  it('OUTPUT ORDER: every matching output, in output-value order', () => {
    expect(evaluateDecision(overlapping('OUTPUT ORDER'), { x: 20 })).toEqual(['high', 'mid', 'low']);
    expect(evaluateDecision(overlapping('OUTPUT ORDER'), { x: 0 })).toBeNull();
  });

  it('RULE ORDER: every matching output, in rule order; contexts for several outputs', () => {
    expect(evaluateDecision(overlapping('RULE ORDER'), { x: 20 })).toEqual(['low', 'high', 'mid']);
    expect(evaluateDecision(overlapping('RULE ORDER'), { x: 0 })).toBeNull();
    const t = table({ hitPolicy: 'RULE ORDER', outputs: ['group', 'days'], rules: [['-', '"a"', '1'], ['> 5', '"b"', '2'], ['-', '"c"', '3']] });
    expect(evaluateDecision(t, { x: 1 })).toEqual([{ group: 'a', days: 1 }, { group: 'c', days: 3 }]);
  });

  describe('COLLECT', () => {
    const fees = (aggregation?: CompiledDecision['aggregation']): CompiledDecision =>
      table({ hitPolicy: 'COLLECT', aggregation, inputs: ['services'], rules: [['list contains(?, "audit")', '100'], ['list contains(?, "test")', '250'], ['list contains(?, "report")', '50']] });
    const services = { services: ['audit', 'test', 'report'] };

    it('without aggregation: the outputs in rule order', () => {
      expect(evaluateDecision(fees(), services)).toEqual([100, 250, 50]);
    });

    it.each([['SUM', 400], ['MIN', 50], ['MAX', 250], ['COUNT', 3]] as const)('%s aggregates the outputs to %p', (aggregation, expected) => {
      expect(evaluateDecision(fees(aggregation), services)).toBe(expected);
    });

    it.each(['SUM', 'COUNT', undefined] as const)('with %p and no matching rule gives null (as Camunda 8 does)', (aggregation) => {
      expect(evaluateDecision(fees(aggregation), { services: [] })).toBeNull();
    });

    it('SUM, MIN and MAX refuse outputs that are not numbers, naming the rule', () => {
      const t = table({ hitPolicy: 'COLLECT', aggregation: 'SUM', rules: [['-', '1'], ['-', '"two"']] });
      const error = failure(() => evaluateDecision(t, {}));
      expect(error.message).toBe('decision "test-decision": hit policy COLLECT SUM needs numbers, but rule "r2" gives the string "two"');
      expect(error.elementIds).toEqual(['r2']);
    });
  });
});

describe('workflows/decisions - FEEL failures', () => {
  it('names the rule and input of an input entry that cannot be evaluated', () => {
    const t = table({ rules: [['-', '1'], ['[1.."z"]', '2']] });
    const error = failure(() => evaluateDecision(t, { x: 3 }));
    expect(error.elementIds).toEqual(['r2', 'in1']);
    expect(error.message).toMatch(/^decision "test-decision": input entry "\[1\.\.\\"z\\"\]" of rule "r2" cannot be evaluated: /);
  });

  it('names the rule and output of an output entry that cannot be evaluated', () => {
    const t = table({ rules: [['-', '[1.."z"]']] });
    expect(failure(() => evaluateDecision(t, { x: 3 })).elementIds).toEqual(['r1', 'out1']);
  });

  it('names the input whose expression cannot be evaluated', () => {
    const t = table({ inputs: ['[1.."z"]'], rules: [['-', '1']] });
    expect(failure(() => evaluateDecision(t, {})).elementIds).toEqual(['in1']);
  });
});
