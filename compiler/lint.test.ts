import { Linter } from 'bpmnlint';
import { compileBpmn, type Problem } from './index';
import { LINT_DECISIONS, MAX_LINT_DEPTH, lintDefinitions } from './lint';
import type { ModdleElement } from './moddle';
import { parseBpmn } from './parse';
import { ASSIGNED, around, bpmn, flows, problemsOf, readFixture, userTask } from './test-support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const recommended = require('bpmnlint/config/recommended') as { rules: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new () => { create(type: string, attrs?: object): ModdleElement } };

async function definitionsOf(xml: string): Promise<ModdleElement> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) throw new Error(`does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.definitions;
}

/** bpmnlint's problems only (rule `bpmnlint/...`), of a compile result either way. */
function lintProblems(result: Awaited<ReturnType<typeof compileBpmn>>): Problem[] {
  return (result.ok ? result.warnings : result.problems).filter((p) => p.rule.startsWith('bpmnlint/'));
}

const conditionOn = (id: string, source: string, target: string, feel: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression>${feel}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

/** start → review (a named user task) → end, every element named: nothing for bpmnlint to say. */
const CLEAN = bpmn(`
  <bpmn:startEvent id="start" name="Application received" />
  <bpmn:userTask id="review" name="Review application"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>
  <bpmn:endEvent id="end" name="Reviewed" />
  ${flows(['f1', 'start', 'review'], ['f2', 'review', 'end'])}`);

describe('compiler/lint - bpmnlint recommended rules at deploy time', () => {
  it('reports nothing from bpmnlint for a clean hand-written model (flows are read from sourceRef/targetRef, not <bpmn:incoming>)', async () => {
    const result = await compileBpmn(CLEAN);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('reports a fault only bpmnlint checks (superfluous-gateway) with its rule, the element id and a lower-case message; the file still deploys', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" name="Start" /><bpmn:exclusiveGateway id="pass" /><bpmn:endEvent id="end" name="End" />
      ${flows(['f1', 'start', 'pass'], ['f2', 'pass', 'end'])}`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([
      { elementId: 'pass', rule: 'bpmnlint/superfluous-gateway', severity: 'warning', message: 'gateway is superfluous. It only has one source and target.' },
    ]);
  });

  it('reports two flows merging into a task without a gateway (fake-join) as bpmnlint\'s warning: the engine runs the task once per token', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" name="Start" /><bpmn:exclusiveGateway id="split" name="Urgent?" default="f-b" />
      <bpmn:userTask id="review" name="Review"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end" name="End" />
      ${flows(['f1', 'start', 'split'], ['f-b', 'split', 'review'], ['f3', 'review', 'end'])}
      ${conditionOn('f-a', 'split', 'review', '=urgent')}`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings.filter((p) => p.rule === 'bpmnlint/label-required')).toEqual([
      expect.objectContaining({ elementId: 'f-a' }), // a conditional flow without a name
    ]);
    expect(result.ok && result.warnings.filter((p) => p.rule !== 'bpmnlint/label-required')).toEqual([
      { elementId: 'review', rule: 'bpmnlint/fake-join', severity: 'warning', message: 'incoming flows do not join' },
    ]);
  });

  it('keeps bpmnlint\'s errors as errors: a start event inside an ad-hoc sub-process (ad-hoc-sub-process) blocks the deploy beside the engine\'s own error', async () => {
    const xml = around('<bpmn:adHocSubProcess id="subject" name="Collect"><bpmn:startEvent id="inner-start" name="Begin" /></bpmn:adHocSubProcess>');
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toContainEqual({ elementId: 'inner-start', rule: 'bpmnlint/ad-hoc-sub-process', severity: 'error', message: 'a <Start Event> is not allowed in <Ad Hoc Sub Process>' });
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'inner-start', rule: 'start-events', severity: 'error' }));
  });

  it('files a report without an element id under the process id', async () => {
    const raw = await lintDefinitions(await definitionsOf(bpmn('<bpmn:startEvent id="start" name="Start" /><bpmn:task name="" />')), []);
    expect(raw).toContainEqual({ elementId: 'test-process', rule: 'bpmnlint/label-required', severity: 'warning', message: 'element is missing label/name' });
  });

  it('has a decision for every rule of bpmnlint\'s recommended config, and none for a rule it does not have (an upgrade must decide new rules)', () => {
    expect(Object.keys(LINT_DECISIONS).sort()).toEqual(Object.keys(recommended.rules).sort());
  });
});

describe('compiler/lint - where the engine differs from bpmnlint\'s severity', () => {
  it('downgrades missing names (label-required, an error in bpmnlint) to warnings: names document, the engine runs without them', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" name="Start" />${userTask('review')}<bpmn:endEvent id="end" name="End" />${flows(['f1', 'start', 'review'], ['f2', 'review', 'end'])}`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([{ elementId: 'review', rule: 'bpmnlint/label-required', severity: 'warning', message: 'element is missing label/name' }]);
  });

  it('downgrades a gateway that both joins and forks (no-gateway-join-fork) to a warning: a rework loop merging into its decision runs as BPMN says', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" name="Start" />
      <bpmn:userTask id="review" name="Review"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>
      <bpmn:exclusiveGateway id="decide" name="Complete?" default="f-fix" />
      <bpmn:userTask id="fix" name="Fix"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="end" name="End" />
      ${flows(['f1', 'start', 'review'], ['f2', 'review', 'decide'], ['f-fix', 'decide', 'fix'], ['f-back', 'fix', 'decide'])}
      <bpmn:sequenceFlow id="f-done" name="yes" sourceRef="decide" targetRef="end"><bpmn:conditionExpression>=complete</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([{ elementId: 'decide', rule: 'bpmnlint/no-gateway-join-fork', severity: 'warning', message: 'gateway forks and joins' }]);
  });

  it('downgrades duplicate flows (no-duplicate-sequence-flows) to warnings: two flows from a parallel fork to its join are two branches the engine runs', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" name="Start" /><bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" name="End" />
      ${flows(['f0', 'start', 'fork'], ['a', 'fork', 'join'], ['b', 'fork', 'join'], ['f3', 'join', 'end'])}`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([
      { elementId: 'b', rule: 'bpmnlint/no-duplicate-sequence-flows', severity: 'warning', message: 'sequenceFlow is a duplicate' },
      { elementId: 'fork', rule: 'bpmnlint/no-duplicate-sequence-flows', severity: 'warning', message: 'duplicate outgoing sequence flows' },
      { elementId: 'join', rule: 'bpmnlint/no-duplicate-sequence-flows', severity: 'warning', message: 'duplicate incoming sequence flows' },
    ]);
  });

  it('keeps bpmnlint\'s warning on inclusive gateways (no-inclusive-gateway) and still deploys them: the engine executes them', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" name="Start" /><bpmn:inclusiveGateway id="split" name="Which reviews?" default="f-b" /><bpmn:inclusiveGateway id="join" /><bpmn:endEvent id="end" name="End" />
      ${flows(['f0', 'start', 'split'], ['f-b', 'split', 'join'], ['f3', 'join', 'end'])}
      <bpmn:sequenceFlow id="f-a" name="legal" sourceRef="split" targetRef="join"><bpmn:conditionExpression>=legal</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings.map((p) => [p.elementId, p.rule, p.severity])).toEqual([
      ['split', 'bpmnlint/no-inclusive-gateway', 'warning'],
      ['join', 'bpmnlint/no-inclusive-gateway', 'warning'],
    ]);
  });

  it('reports missing diagram shapes (no-bpmndi) as warnings in a drawn file: the engine never reads the diagram', async () => {
    const xml = CLEAN.replace(
      '</bpmn:definitions>',
      `<bpmndi:BPMNDiagram id="diagram" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC">
        <bpmndi:BPMNPlane id="plane" bpmnElement="test-process">
          <bpmndi:BPMNShape id="start-di" bpmnElement="start"><dc:Bounds x="0" y="0" width="36" height="36" /></bpmndi:BPMNShape>
          <bpmndi:BPMNShape id="review-di" bpmnElement="review"><dc:Bounds x="100" y="0" width="100" height="80" /></bpmndi:BPMNShape>
          <bpmndi:BPMNShape id="end-di" bpmnElement="end"><dc:Bounds x="300" y="0" width="36" height="36" /></bpmndi:BPMNShape>
          <bpmndi:BPMNEdge id="f1-di" bpmnElement="f1" />
        </bpmndi:BPMNPlane>
      </bpmndi:BPMNDiagram></bpmn:definitions>`,
    );
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([{ elementId: 'f2', rule: 'bpmnlint/no-bpmndi', severity: 'warning', message: 'element is missing bpmndi' }]);
  });

  it('says nothing about bpmndi when the file has no diagram at all (generated files; the editor cannot open those anyway)', async () => {
    const raw = await lintDefinitions(await definitionsOf(CLEAN), []);
    expect(raw).toEqual([]);
  });

  it('downgrades bpmnlint\'s errors in a process that is not executable: the engine skips that process', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="a" isExecutable="true">
    <bpmn:startEvent id="a-start" name="Start" /><bpmn:endEvent id="a-end" name="End" /><bpmn:sequenceFlow id="a-flow" sourceRef="a-start" targetRef="a-end" />
  </bpmn:process>
  <bpmn:process id="c" isExecutable="false"><bpmn:startEvent id="c-start" name="Start" /></bpmn:process>
</bpmn:definitions>`;
    const result = await compileBpmn(xml);
    expect(result.ok && lintProblems(result)).toEqual([
      { elementId: 'c', rule: 'bpmnlint/end-event-required', severity: 'warning', message: 'process is missing end event' },
      { elementId: 'c-start', rule: 'bpmnlint/no-disconnected', severity: 'warning', message: 'element is not connected' },
      { elementId: 'c-start', rule: 'bpmnlint/no-implicit-end', severity: 'warning', message: 'element is an implicit end' },
    ]);
  });
});

describe('compiler/lint - what Camunda 8 deploys stays deployable: bpmnlint\'s style rules about it only warn', () => {
  it.each([
    ['no-implicit-split', readFixture('uncontrolled.two-flows-from-task.bpmn'), 'review'],
    ['end-event-required', readFixture('end-events.no-end.bpmn'), 'test-process'],
    ['no-implicit-end', readFixture('end-events.no-end.bpmn'), 'review'],
    ['no-duplicate-sequence-flows', around(`${userTask('subject')}${flows(['f3', 'subject', 'end'])}`), 'subject'],
    ['conditional-flows', around(`${userTask('subject')}<bpmn:endEvent id="end-2" />${conditionOn('f3', 'subject', 'end-2', '=x')}`), 'f2'],
  ])('%s is a warning', async (lintRule, xml, element) => {
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(`expected it to deploy: ${JSON.stringify(result.problems)}`);
    expect(result.warnings).toContainEqual(expect.objectContaining({ elementId: element, rule: `bpmnlint/${lintRule}`, severity: 'warning' }));
  });
});

describe('compiler/lint - one fault, one problem: bpmnlint reports the engine\'s own rules already make are dropped', () => {
  const twoNoneStarts = readFixture('start-events.two-starts.bpmn');
  const cases: Array<[lintRule: string, xml: string, lintElement: string, engineRule: string, engineElement: string]> = [
    ['conditional-flows', readFixture('gateway-conditions.missing-condition.bpmn'), 'f-no', 'gateway-conditions', 'f-no'],
    ['start-event-required', bpmn('<bpmn:endEvent id="end" />'), 'test-process', 'start-events', 'test-process'],
    ['single-blank-start-event', twoNoneStarts, 'test-process', 'start-events', 'start-2'],
    ['no-implicit-start', readFixture('reachability.orphan-task.bpmn'), 'orphan', 'unreachable-element', 'orphan'],
    ['no-disconnected', around(`${userTask('subject')}${userTask('alone')}`), 'alone', 'unreachable-element', 'alone'],
    ['no-complex-gateway', readFixture('supported-elements.complex-gateway.bpmn'), 'split', 'unsupported-element', 'split'],
    ['link-event', readFixture('link-events.no-catch.bpmn'), 'go-to-end', 'link-events', 'go-to-end'],
    [
      'single-event-definition',
      around('<bpmn:intermediateCatchEvent id="subject"><bpmn:signalEventDefinition signalRef="sig" /><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>', '<bpmn:signal id="sig" name="sig" />'),
      'subject',
      'unsupported-element',
      'subject',
    ],
    [
      'sub-process-blank-start-event',
      around('<bpmn:subProcess id="subject"><bpmn:startEvent id="inner-start"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="inner-end" /><bpmn:sequenceFlow id="i1" sourceRef="inner-start" targetRef="inner-end" /></bpmn:subProcess>'),
      'inner-start',
      'unsupported-element',
      'inner-start',
    ],
    [
      'event-sub-process-typed-start-event',
      bpmn(`<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}
        <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="esp-start" /><bpmn:endEvent id="esp-end" />${flows(['e1', 'esp-start', 'esp-end'])}</bpmn:subProcess>`),
      'esp-start',
      'start-events',
      'esp-start',
    ],
  ];

  it.each(cases)('bpmnlint\'s %s is dropped where the engine reports it', async (lintRule, xml, lintElement, engineRule, engineElement) => {
    // bpmnlint on its own does report the fault...
    const raw = await lintDefinitions(await definitionsOf(xml), []);
    expect(raw).toContainEqual(expect.objectContaining({ elementId: lintElement, rule: `bpmnlint/${lintRule}` }));
    // ...but the compiler reports it once, through the engine's rule
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toContainEqual(expect.objectContaining({ elementId: engineElement, rule: engineRule, severity: 'error' }));
    expect(problems.filter((p) => p.rule === `bpmnlint/${lintRule}` && p.elementId === lintElement)).toEqual([]);
  });
});

describe('compiler/lint - bpmnlint can never break a deploy by failing', () => {
  it('turns a lint that cannot run (an unknown rule) into one internal-error warning instead of throwing', async () => {
    const problems = await lintDefinitions(await definitionsOf(CLEAN), [], { rules: { 'no-such-rule': 'error' } });
    expect(problems).toEqual([{ elementId: 'test-process', rule: 'internal-error', severity: 'warning', message: 'bpmnlint failed: unknown rule <bpmnlint/no-such-rule>' }]);
  });

  it('turns rules that throw into one internal-error warning naming them', async () => {
    // bpmnlint catches a rule's exception and reports it as a `rule-error`
    const failing = jest.spyOn(Linter.prototype, 'lint').mockResolvedValue({
      global: [{ id: 'test-process', message: 'Cannot read properties of undefined', category: 'rule-error' }],
      'no-bpmndi': [{ id: 'test-process', message: 'Cannot read properties of undefined', category: 'rule-error' }],
    } as unknown as Awaited<ReturnType<Linter['lint']>>);
    try {
      const problems = await lintDefinitions(await definitionsOf(CLEAN), []);
      expect(problems).toEqual([
        { elementId: 'test-process', rule: 'internal-error', severity: 'warning', message: expect.stringMatching(/^bpmnlint rules failed \(global, no-bpmndi\): /) },
      ]);
    } finally {
      failing.mockRestore();
    }
  });

  it('does not lint a definitions element without root elements (bpmnlint\'s rules crash on it and print stack traces)', async () => {
    const printed = jest.spyOn(console, 'error');
    try {
      expect(await lintDefinitions(new BpmnModdle().create('bpmn:Definitions', { id: 'bare' }), [])).toEqual([]);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it(`skips the lint, with a warning, for elements nested deeper than ${MAX_LINT_DEPTH} levels (its rules recurse), and compiles on`, async () => {
    const depth = 2 * MAX_LINT_DEPTH;
    const open = Array.from({ length: depth }, (_, i) => `<bpmn:subProcess id="nested-${i}">`).join('');
    const xml = bpmn(`<bpmn:startEvent id="start" />${open}${'</bpmn:subProcess>'.repeat(depth)}<bpmn:endEvent id="end" />${flows(['f1', 'start', 'nested-0'], ['f2', 'nested-0', 'end'])}`);
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'scope-depth', severity: 'error' }));
    expect(problems.filter((p) => p.rule === 'internal-error')).toEqual([
      { elementId: 'test-process', rule: 'internal-error', severity: 'warning', message: `bpmnlint was not run: elements are nested more than ${MAX_LINT_DEPTH} levels deep, and its rules recurse once per level` },
    ]);
    expect(lintProblems({ ok: false, problems })).toEqual([]);
  });

  it('lints each file afresh: a rule\'s memory of one file (no-duplicate-sequence-flows) does not leak into the next', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" name="Start" /><bpmn:endEvent id="end" name="End" />${flows(['f1', 'start', 'end'])}`);
    expect(lintProblems(await compileBpmn(xml))).toEqual([]);
    expect(lintProblems(await compileBpmn(xml))).toEqual([]);
  });

  it('leaves the parsed definitions as they were (incoming/outgoing are set for the lint only)', async () => {
    const definitions = await definitionsOf(CLEAN);
    const process = (definitions.rootElements as ModdleElement[])[0];
    const start = (process.flowElements as ModdleElement[]).find((e) => e.id === 'start') as ModdleElement;
    expect(Object.getOwnPropertyDescriptor(start, 'outgoing')).toBeUndefined();
    await lintDefinitions(definitions, []);
    expect(Object.getOwnPropertyDescriptor(start, 'outgoing')).toBeUndefined();
  });
});
