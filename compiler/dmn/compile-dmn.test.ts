import type { CompiledDecision } from '../../workflows/graph/types';
import { compileDmn, mergeDecisions } from './index';
import { evaluateDecision } from '../../workflows/decisions/evaluate-decision';
import { DMN_NAMESPACES, decision, dmn, errorsOf, problemsOf, readDmnFixture } from './test-support';

async function compiled(xml: string): Promise<CompiledDecision[]> {
  const result = await compileDmn(xml);
  if (!result.ok) throw new Error(`expected the file to compile: ${JSON.stringify(result.problems)}`);
  expect(result.warnings).toEqual([]);
  return result.decisions;
}

describe('compiler/dmn - compileDmn', () => {
  it('compiles a Camunda Modeler decision table (DMN 1.3 with DMNDI) into the exact graph form', async () => {
    expect(await compiled(readDmnFixture('dish.dmn13.dmn'))).toEqual([
      {
        decisionId: 'dish',
        name: 'Dish',
        hitPolicy: 'UNIQUE',
        inputs: [
          { id: 'season-input', label: 'Season', expression: 'season' },
          { id: 'guests-input', label: 'How many guests', expression: 'guestCount' },
        ],
        outputs: [{ id: 'dish-output', name: 'dish', label: 'Dish' }],
        rules: [
          { id: 'rule-fall', inputEntries: ['"Fall"', '<= 8'], outputEntries: ['"Spareribs"'] },
          { id: 'rule-winter', inputEntries: ['"Winter"', '<= 8'], outputEntries: ['"Roastbeef"'] },
          { id: 'rule-spring', inputEntries: ['"Spring"', '[5..8]'], outputEntries: ['"Steak"'] },
          { id: 'rule-big-party', inputEntries: ['"Fall","Winter","Spring"', '> 8'], outputEntries: ['"Stew"'] },
          // an empty input cell matches anything, like "-"
          { id: 'rule-summer', inputEntries: ['"Summer"', '-'], outputEntries: ['"Light Salad and nice Steak"'] },
        ],
      },
    ]);
  });

  it('reads a Camunda 7 DMN 1.1 file with camunda attributes and biodi shapes', async () => {
    const [decided] = await compiled(readDmnFixture('camunda7.dmn11.dmn'));
    expect(decided).toMatchObject({ decisionId: 'reviewer-group', hitPolicy: 'FIRST', outputs: [{ name: 'group' }, { name: 'days' }] });
    expect(decided.rules.map((r) => r.inputEntries)).toEqual([['>= 1000'], ['-']]);
  });

  it.each(Object.entries(DMN_NAMESPACES))('reads decision tables in the DMN %s namespace', async (_version, namespace) => {
    const xml = dmn(decision({ rules: [['> 1', '"big"']] }), namespace);
    expect(await compiled(xml)).toEqual([
      {
        decisionId: 'decision',
        name: 'decision',
        hitPolicy: 'UNIQUE',
        inputs: [{ id: 'in-1', label: 'input 1', expression: 'x' }],
        outputs: [{ id: 'out-1', name: 'result' }],
        rules: [{ id: 'r1', inputEntries: ['> 1'], outputEntries: ['"big"'] }],
      },
    ]);
  });

  it('compiles every decision of a file, each hit policy, COLLECT with its aggregation', async () => {
    const policies = ['UNIQUE', 'FIRST', 'ANY', 'RULE ORDER', 'COLLECT'].map((hitPolicy, i) => decision({ id: `d${i}`, prefix: `d${i}-`, hitPolicy, rules: [['-', '1']] }));
    const decisions = await compiled(dmn([...policies, decision({ id: 'sum', prefix: 'sum-', hitPolicy: 'COLLECT', aggregation: 'SUM', rules: [['-', '1']] })].join('\n')));
    expect(decisions.map((d) => [d.decisionId, d.hitPolicy, d.aggregation])).toEqual([
      ['d0', 'UNIQUE', undefined],
      ['d1', 'FIRST', undefined],
      ['d2', 'ANY', undefined],
      ['d3', 'RULE ORDER', undefined],
      ['d4', 'COLLECT', undefined],
      ['sum', 'COLLECT', 'SUM'],
    ]);
  });

  it('keeps the output values PRIORITY and OUTPUT ORDER rank by, as plain strings and canonical numbers', async () => {
    const xml = dmn(decision({ hitPolicy: 'PRIORITY', outputs: ['level|"high", "mid", "say \\"low\\""', 'score|10, 2.50, -1'], rules: [['-', '"high"', '10']] }));
    const [ranked] = await compiled(xml);
    expect(ranked.outputs.map((o) => o.outputValues)).toEqual([['high', 'mid', 'say "low"'], ['10', '2.5', '-1']]);
  });

  it('leaves output values out for hit policies that do not rank', async () => {
    const [unique] = await compiled(dmn(decision({ outputs: ['level|"high","low"'], rules: [['-', '"high"']] })));
    expect(unique.outputs).toEqual([{ id: 'out-1', name: 'level' }]);
  });

  it('keeps an empty output cell as an empty expression (its value is null)', async () => {
    const [table] = await compiled(dmn(decision({ outputs: ['a', 'b'], rules: [['-', '1', '']] })));
    expect(table.rules[0].outputEntries).toEqual(['1', '']);
  });

  it('accepts the FEEL expression language named on the definitions', async () => {
    const xml = dmn(decision({ rules: [['-', '1']] }), DMN_NAMESPACES['1.3'], 'expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/"');
    expect(await compiled(xml)).toHaveLength(1);
  });
});

describe('compiler/dmn - problems', () => {
  it.each<[string, string, Array<{ elementId: string; rule: string }>]>([
    ['a literal expression decision', '<decision id="lit" name="lit"><literalExpression id="le"><text>1</text></literalExpression></decision>', [{ elementId: 'lit', rule: 'dmn-decision-logic' }]],
    ['a decision without logic', '<decision id="empty" name="Empty" />', [{ elementId: 'empty', rule: 'dmn-decision-logic' }]],
    ['a decision without a name (Camunda 8 refuses it)', '<decision id="anonymous" name=" "><decisionTable id="t"><output id="o" /></decisionTable></decision>', [{ elementId: 'anonymous', rule: 'dmn-decision-name' }]],
    ['an unknown hit policy', decision({ hitPolicy: 'LAST' }), [{ elementId: 'decision-table', rule: 'dmn-hit-policy' }]],
    ['an aggregation without COLLECT', decision({ hitPolicy: 'RULE ORDER', aggregation: 'SUM' }), [{ elementId: 'decision-table', rule: 'dmn-hit-policy' }]],
    ['an unknown aggregation', decision({ hitPolicy: 'COLLECT', aggregation: 'AVG' }), [{ elementId: 'decision-table', rule: 'dmn-hit-policy' }]],
    ['an aggregation over two outputs', decision({ hitPolicy: 'COLLECT', aggregation: 'COUNT', outputs: ['a', 'b'] }), [{ elementId: 'decision-table', rule: 'dmn-hit-policy' }]],
    ['a rule missing an input entry', decision({ inputs: ['x', 'y'], rules: [['1', '2', '"a"']] }).replace(/<inputEntry id="r1-in-2">.*?<\/inputEntry>/, ''), [{ elementId: 'r1', rule: 'dmn-table-shape' }]],
    ['a rule with an extra output entry', decision({ rules: [['1', '"a"', '"b"']] }), [{ elementId: 'r1', rule: 'dmn-table-shape' }]],
    ['a table without outputs', decision({ outputs: [] }), [{ elementId: 'decision-table', rule: 'dmn-table-shape' }]],
    ['an unnamed output among several', decision({ outputs: ['a', ''] }), [{ elementId: 'out-2', rule: 'dmn-output-names' }]],
    ['an output name used twice', decision({ outputs: ['a', 'a'] }), [{ elementId: 'out-2', rule: 'dmn-output-names' }]],
    ['PRIORITY without output values', decision({ hitPolicy: 'PRIORITY' }), [{ elementId: 'decision-table', rule: 'dmn-output-values' }]],
    ['OUTPUT ORDER with output values that are not literals', decision({ hitPolicy: 'OUTPUT ORDER', outputs: ['a|[1..3]'] }), [
      { elementId: 'out-1', rule: 'dmn-output-values' },
      { elementId: 'decision-table', rule: 'dmn-output-values' },
    ]],
    ['an input entry that is not FEEL unary tests', decision({ rules: [['[1..', '1']] }), [{ elementId: 'r1-in-1', rule: 'feel-syntax' }]],
    ['an output entry that is not FEEL', decision({ rules: [['-', '1 +']] }), [{ elementId: 'r1-out-1', rule: 'feel-syntax' }]],
    ['an empty input expression', decision({ inputs: [''] }), [{ elementId: 'in-1', rule: 'feel-syntax' }]],
    ['an input expression that is not FEEL', decision({ inputs: ['a +* b'] }), [{ elementId: 'in-1', rule: 'feel-syntax' }]],
    ['a decision requiring a decision that is not in the file', `<decision id="needs" name="needs"><informationRequirement id="ir"><requiredDecision href="#other" /></informationRequirement><decisionTable id="t"><output id="o" /></decisionTable></decision>`, [
      { elementId: 'needs', rule: 'dmn-required-decision' },
    ]],
    ['a default output entry', `<decision id="dflt" name="dflt"><decisionTable id="t"><output id="o" name="r"><defaultOutputEntry id="de"><text>1</text></defaultOutputEntry></output></decisionTable></decision>`, [
      { elementId: 'o', rule: 'dmn-default-output' },
    ]],
    ['a decision without an id', '<decision name="anonymous"><decisionTable id="t"><output id="o" /></decisionTable></decision>', [{ elementId: 'anonymous', rule: 'missing-id' }]],
    ['a file without decisions', '<inputData id="input" name="x" />', [{ elementId: 'test-definitions', rule: 'no-decision' }]],
  ])('rejects %s', async (_what, body, expected) => {
    expect(errorsOf(await compileDmn(dmn(body)))).toEqual(expected);
  });

  it('names the cell, the rule, its row and the reason in a FEEL problem', async () => {
    const [problem] = problemsOf(await compileDmn(dmn(decision({ inputs: ['x', 'y'], rules: [['-', '-', '1'], ['1', '>= ', '2']] }))));
    expect(problem).toEqual({
      elementId: 'r2-in-2',
      rule: 'feel-syntax',
      severity: 'error',
      message: 'input entry ">=" for input "input 2" in rule "r2" (row 2) of <dmn:Decision id="decision" /> is not valid FEEL unary tests: the expression ends unexpectedly',
    });
  });

  it.each([
    ['on the definitions', DMN_NAMESPACES['1.3'], 'expressionLanguage="juel"', 'in-1'],
  ])('rejects expressions in another language than FEEL (%s)', async (_where, namespace, attributes, elementId) => {
    const result = await compileDmn(dmn(decision({ rules: [['-', '1']] }), namespace, attributes));
    expect(errorsOf(result)).toContainEqual({ elementId, rule: 'dmn-expression-language' });
  });

  it('rejects a cell written in another language than FEEL', async () => {
    const xml = dmn(decision({ rules: [['-', '1']] })).replace('<outputEntry id="r1-out-1">', '<outputEntry id="r1-out-1" expressionLanguage="javascript">');
    expect(errorsOf(await compileDmn(xml))).toEqual([{ elementId: 'r1-out-1', rule: 'dmn-expression-language' }]);
  });
});

describe('compiler/dmn - hostile and broken xml', () => {
  it.each<[string, string, string]>([
    ['a DOCTYPE', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>${dmn(decision()).replace(/^<\?xml[^>]*>/, '')}`, 'xml-safety'],
    ['malformed xml', dmn(decision()).replace('</definitions>', ''), 'xml-syntax'],
    // a syntax error on a line that starts with a closing tag once made the problem report loop forever
    ['a truncated one-line file', dmn(decision()).replace(/>\s+</g, '><').replace('</definitions>', ''), 'xml-syntax'],
    ['a BPMN file', '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="x" />', 'xml-syntax'],
    ['an unknown element', dmn(decision().replace('<decisionTable', '<unknownThing id="u" /><decisionTable')), 'xml-schema'],
    ['a duplicate id', dmn(`${decision({ id: 'a', prefix: 'a-' })}\n${decision({ id: 'a', prefix: 'b-' }).replace(/a-table/g, 'b-table')}`), 'duplicate-id'],
  ])('rejects %s', async (_what, xml, rule) => {
    const problems = problemsOf(await compileDmn(xml));
    expect(problems.map((p) => p.rule)).toContain(rule);
  });

  it('says what a non-DMN root is', async () => {
    const [problem] = problemsOf(await compileDmn('<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="x" />'));
    expect(problem.message).toBe('the root element must be <dmn:definitions> in a dmn 1.1 to 1.5 namespace');
  });

  it('rejects a file over the size limit before parsing it', async () => {
    const [problem] = problemsOf(await compileDmn(dmn(decision()), { maxBytes: 100 }));
    expect(problem).toMatchObject({ rule: 'xml-safety', elementId: 'definitions' });
  });

  it('reads a big table (over 128 KB, first read in a worker) and rejects a broken one', async () => {
    const rules = Array.from({ length: 1500 }, (_, i) => [`${i}`, `"value number ${i}"`]);
    const xml = dmn(decision({ rules }));
    expect(Buffer.byteLength(xml)).toBeGreaterThan(128 * 1024);
    expect((await compiled(xml))[0].rules).toHaveLength(1500);
    const broken = xml.replace('<rule id="r700">', '<rule id="r700"><nonsense />');
    const [problem, ...more] = problemsOf(await compileDmn(broken));
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ rule: 'xml-schema', message: expect.stringContaining('<nonsense />') });
  });

  it('never throws, even for input that is not a string', async () => {
    const result = await compileDmn(42 as unknown as string);
    expect(problemsOf(result)[0].rule).toBe('xml-syntax');
  });
});

describe('compiler/dmn - mergeDecisions', () => {
  const table = (decisionId: string): CompiledDecision => ({ decisionId, hitPolicy: 'UNIQUE', inputs: [], outputs: [{ id: 'o', name: '' }], rules: [] });

  it('joins the decisions of several files by decision id', () => {
    expect(mergeDecisions({ file: 'a.dmn', decisions: [table('a')] }, { file: 'b.dmn', decisions: [table('b'), table('c')] })).toEqual({
      ok: true,
      decisions: { a: table('a'), b: table('b'), c: table('c') },
    });
  });

  it('reports a decision id used in two files', () => {
    expect(mergeDecisions({ file: 'a.dmn', decisions: [table('grade')] }, { file: 'b.dmn', decisions: [table('grade')] })).toEqual({
      ok: false,
      problems: [{ elementId: 'grade', rule: 'duplicate-decision', severity: 'error', message: 'decision id "grade" is used in a.dmn and in b.dmn; decision ids must be unique in a deployment' }],
    });
  });
});

describe('compiler/dmn - decision requirements graphs', () => {
  // fee = base (by category) × factor (by years); "risk" names its result by its variable, "base" by its id
  const table = (id: string, input: string, rules: Array<[string, string]>, extra = '') => `<decision id="${id}" name="${id}">${extra}<decisionTable id="${id}-t"><input id="${id}-in"><inputExpression id="${id}-ie"><text>${input}</text></inputExpression></input><output id="${id}-out" />${rules.map(([test, out], i) => `<rule id="${id}-r${i}"><inputEntry id="${id}-r${i}-i"><text>${test}</text></inputEntry><outputEntry id="${id}-r${i}-o"><text>${out}</text></outputEntry></rule>`).join('')}</decisionTable></decision>`;
  let requirement = 0;
  const requires = (...ids: string[]) => ids.map((id) => `<informationRequirement id="req-${++requirement}"><requiredDecision href="#${id}" /></informationRequirement>`).join('');
  const graph = dmn(
    table('base', 'category', [['"a"', '100'], ['"b"', '200']]) +
    `<decision id="riskDecision" name="riskDecision"><variable id="v" name="risk" />${requires('base')}<decisionTable id="risk-t"><input id="risk-in"><inputExpression id="risk-ie"><text>base</text></inputExpression></input><output id="risk-out" /><rule id="risk-r"><inputEntry id="risk-r-i"><text>&gt;= 150</text></inputEntry><outputEntry id="risk-r-o"><text>"high"</text></outputEntry></rule><rule id="risk-r2"><inputEntry id="risk-r2-i"><text>&lt; 150</text></inputEntry><outputEntry id="risk-r2-o"><text>"low"</text></outputEntry></rule></decisionTable></decision>` +
    table('fee', 'risk', [['"high"', 'base * 2'], ['"low"', 'base']], requires('base', 'riskDecision')),
  );

  it('nests the required decisions and evaluates them first, each result named by its variable or else its id', async () => {
    const result = await compileDmn(graph);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const fee = result.decisions.find((d) => d.decisionId === 'fee')!;
    expect(fee.required?.map((d) => d.decisionId)).toEqual(['base', 'riskDecision']);
    expect(fee.required?.[1]).toMatchObject({ resultName: 'risk', required: [expect.objectContaining({ decisionId: 'base' })] });
    expect(evaluateDecision(fee, { category: 'b' })).toBe(400);
    expect(evaluateDecision(fee, { category: 'a' })).toBe(100);
  });

  it('survives a JSON round trip, as a process graph carries it', async () => {
    const result = await compileDmn(graph);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const fee = JSON.parse(JSON.stringify(result.decisions.find((d) => d.decisionId === 'fee'))) as CompiledDecision;
    expect(evaluateDecision(fee, { category: 'b' })).toBe(400);
  });

  it('rejects a decision that requires itself through others, naming the cycle', async () => {
    const cyclic = dmn(table('x', 'y', [['-', '1']], requires('y')) + table('y', 'x', [['-', '1']], requires('x')));
    const result = await compileDmn(cyclic);
    expect(result.ok).toBe(false);
    expect(problemsOf(result).map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/decision "x" requires itself through "y" → "x"/)]));
  });
});
