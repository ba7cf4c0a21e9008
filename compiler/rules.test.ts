import { compileBpmn } from './index';
import { ASSIGNED, around, bpmn, compileFixture, errorsOf, problemsOf } from './test-support';

/** Each rule rejects its fixture with a problem naming the offending element. */
describe('compiler/rules - failing fixtures', () => {
  const cases: Array<[fixture: string, elementId: string, rule: string]> = [
    ['no-executable-process.not-executable.bpmn', 'definitions-not-executable', 'no-executable-process'],
    ['element-ids.missing-id.bpmn', 'test-process', 'missing-id'],
    ['supported-elements.inclusive-gateway.bpmn', 'split', 'unsupported-element'],
    ['supported-elements.timer-start.bpmn', 'start', 'unsupported-element'],
    ['supported-extensions.io-mapping.bpmn', 'review', 'unsupported-extension'],
    ['flow-references.missing-target.bpmn', 'f-dangling', 'flow-references'],
    ['start-events.two-starts.bpmn', 'start-2', 'start-events'],
    ['end-events.no-end.bpmn', 'test-process', 'end-events'],
    ['outgoing-flows.dead-end-task.bpmn', 'stuck', 'missing-outgoing-flow'],
    ['implicit-split.two-flows-from-task.bpmn', 'review', 'implicit-split'],
    ['reachability.orphan-task.bpmn', 'orphan', 'unreachable-element'],
    ['path-to-end.loop-without-exit.bpmn', 'draft', 'no-path-to-end'],
    ['gateway-conditions.missing-condition.bpmn', 'f-no', 'gateway-conditions'],
    ['gateway-conditions.conditional-default.bpmn', 'f-no', 'gateway-conditions'],
    ['conditional-flows.condition-on-task-flow.bpmn', 'f2', 'conditional-flows'],
    ['feel-syntax.broken-condition.bpmn', 'f-yes', 'feel-syntax'],
    ['feel-syntax.not-feel.bpmn', 'f-yes', 'feel-syntax'],
    ['service-task-type.missing-task-definition.bpmn', 'archive', 'service-task-type'],
    ['service-task-retries.zero.bpmn', 'archive', 'service-task-retries'],
    ['user-task-assignment.nobody.bpmn', 'review', 'user-task-assignment'],
    ['form-definition.missing-form.bpmn', 'review', 'form-definition'],
    ['form-definition.bad-json.bpmn', 'review', 'form-definition'],
    ['zeebe-properties.duplicate-name.bpmn', 'end', 'zeebe-properties'],
    ['task-headers.missing-key.bpmn', 'review', 'task-headers'],
  ];

  it.each(cases)('rejects %s with a problem on %s (rule %s)', async (fixture, elementId, rule) => {
    const errors = errorsOf(await compileFixture(fixture));
    expect(errors).toContainEqual({ elementId, rule });
  });

  it('writes lower-case messages that name the element', async () => {
    for (const [fixture, elementId, rule] of cases) {
      const problem = problemsOf(await compileFixture(fixture)).find((p) => p.rule === rule && p.elementId === elementId);
      expect(problem?.message).toMatch(/^[^A-Z]/);
      expect(problem?.message).toContain(elementId);
    }
  });
});

describe('compiler/rules - unsupported-element', () => {
  it('names the element the way bpmn-js does', async () => {
    const problems = problemsOf(await compileFixture('supported-elements.inclusive-gateway.bpmn'));
    expect(problems).toContainEqual({
      elementId: 'split',
      rule: 'unsupported-element',
      severity: 'error',
      message: '<bpmn:InclusiveGateway id="split" /> is not supported by this engine yet',
    });
  });

  it('names the event definition of an event that has one', async () => {
    const problems = problemsOf(await compileFixture('supported-elements.timer-start.bpmn'));
    expect(problems.find((p) => p.elementId === 'start')?.message).toBe(
      '<bpmn:StartEvent id="start" /> with <bpmn:TimerEventDefinition /> is not supported by this engine yet',
    );
  });

  it.each([
    ['a send task', '<bpmn:sendTask id="subject" />'],
    ['a receive task', '<bpmn:receiveTask id="subject" />'],
    ['a business rule task', '<bpmn:businessRuleTask id="subject" />'],
    ['an abstract task', '<bpmn:task id="subject" />'],
    ['a call activity', '<bpmn:callActivity id="subject" />'],
    ['a sub-process', '<bpmn:subProcess id="subject"><bpmn:startEvent id="inner" /></bpmn:subProcess>'],
    ['an inclusive gateway', '<bpmn:inclusiveGateway id="subject" />'],
    ['an event-based gateway', '<bpmn:eventBasedGateway id="subject" />'],
    ['a complex gateway', '<bpmn:complexGateway id="subject" />'],
    ['an intermediate catch event', '<bpmn:intermediateCatchEvent id="subject"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>'],
    ['a signal intermediate throw event', '<bpmn:intermediateThrowEvent id="subject"><bpmn:signalEventDefinition /></bpmn:intermediateThrowEvent>'],
    ['a multi-instance user task', `<bpmn:userTask id="subject"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>`],
    ['a looping user task', `<bpmn:userTask id="subject"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements><bpmn:standardLoopCharacteristics /></bpmn:userTask>`],
    ['a compensation user task', `<bpmn:userTask id="subject" isForCompensation="true"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>`],
    ['a user task with a bpmn potential owner', `<bpmn:userTask id="subject"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements><bpmn:potentialOwner /></bpmn:userTask>`],
  ])('rejects %s', async (_label, element) => {
    expect(errorsOf(await compileBpmn(around(element)))).toContainEqual({ elementId: 'subject', rule: 'unsupported-element' });
  });

  it('rejects a message end event but accepts a none end event next to it', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="g" default="f-b" />
      <bpmn:endEvent id="end-message"><bpmn:messageEventDefinition /></bpmn:endEvent>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" />
      <bpmn:sequenceFlow id="f-a" sourceRef="g" targetRef="end-message"><bpmn:conditionExpression>=true</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f-b" sourceRef="g" targetRef="end" />`);
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'end-message', rule: 'unsupported-element' }]);
  });

  it('ignores lanes, annotations, groups and data references', async () => {
    const xml = bpmn(`
      <bpmn:laneSet id="lanes"><bpmn:lane id="lane"><bpmn:flowNodeRef>start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="end" />
      <bpmn:dataObject id="data" />
      <bpmn:dataObjectReference id="data-ref" dataObjectRef="data" />
      <bpmn:dataStoreReference id="store-ref" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
      <bpmn:textAnnotation id="note"><bpmn:text>hello</bpmn:text></bpmn:textAnnotation>
      <bpmn:association id="a1" sourceRef="start" targetRef="note" />
      <bpmn:group id="group" />`);
    const result = await compileBpmn(xml);
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('compiler/rules - unsupported-extension', () => {
  it('rejects zeebe extensions the engine does not execute', async () => {
    const task = `<bpmn:serviceTask id="subject"><bpmn:extensionElements>
      <zeebe:taskDefinition type="x" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="y" /></zeebe:executionListeners>
    </bpmn:extensionElements></bpmn:serviceTask>`;
    const problems = problemsOf(await compileBpmn(around(task)));
    expect(problems).toContainEqual({
      elementId: 'subject',
      rule: 'unsupported-extension',
      severity: 'error',
      message: '<zeebe:ExecutionListeners /> on <bpmn:ServiceTask id="subject" /> is not supported by this engine yet',
    });
  });

  it('compiles with a warning when another tool left its extensions', async () => {
    const xml = around(`<bpmn:userTask id="subject" xmlns:vendor="urn:vendor"><bpmn:extensionElements>
      ${ASSIGNED}<vendor:meta name="a" /><vendor:meta name="b" />
    </bpmn:extensionElements></bpmn:userTask>`);
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([
      {
        elementId: 'subject',
        rule: 'unsupported-extension',
        severity: 'warning',
        message: '<vendor:meta /> on <bpmn:UserTask id="subject" /> belongs to another tool and is ignored',
      },
    ]);
  });
});

describe('compiler/rules - flows and structure', () => {
  it('rejects a flow into an element of another process', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="one" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:sequenceFlow id="f-cross" sourceRef="start" targetRef="elsewhere" />
  </bpmn:process>
  <bpmn:process id="two"><bpmn:endEvent id="elsewhere" /></bpmn:process>
</bpmn:definitions>`;
    expect(errorsOf(await compileBpmn(xml))).toContainEqual({ elementId: 'f-cross', rule: 'flow-references' });
  });

  it('rejects a process without a start event', async () => {
    const xml = bpmn('<bpmn:endEvent id="end" />');
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'test-process', rule: 'start-events' }]);
  });

  it('rejects a flow into the start event', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="g" default="f-end" /><bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" />
      <bpmn:sequenceFlow id="f-back" sourceRef="g" targetRef="start"><bpmn:conditionExpression>=again</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f-end" sourceRef="g" targetRef="end" />`);
    expect(errorsOf(await compileBpmn(xml))).toContainEqual({ elementId: 'start', rule: 'start-events' });
  });

  it('accepts a loop back to an earlier task when the loop has an exit', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="work"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>
      <bpmn:exclusiveGateway id="again" default="f-done" />
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
      <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="again" />
      <bpmn:sequenceFlow id="f-loop" sourceRef="again" targetRef="work"><bpmn:conditionExpression>=redo</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f-done" sourceRef="again" targetRef="end" />`);
    expect((await compileBpmn(xml)).ok).toBe(true);
  });

  it('rejects a default flow that does not leave the gateway', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="g" default="f1" /><bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g" />
      <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="end" />`);
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'g', rule: 'gateway-conditions' }]);
  });
});

describe('compiler/rules - tasks', () => {
  const service = (definition: string) =>
    around(`<bpmn:serviceTask id="subject"><bpmn:extensionElements>${definition}</bpmn:extensionElements></bpmn:serviceTask>`);

  it.each([
    ['an empty type', '<zeebe:taskDefinition type=" " />', 'service-task-type'],
    ['a feel type', '<zeebe:taskDefinition type="=handler" />', 'service-task-type'],
    ['negative retries', '<zeebe:taskDefinition type="x" retries="-1" />', 'service-task-retries'],
    ['fractional retries', '<zeebe:taskDefinition type="x" retries="2.5" />', 'service-task-retries'],
    ['feel retries', '<zeebe:taskDefinition type="x" retries="=n" />', 'service-task-retries'],
  ])('rejects a service task with %s', async (_label, definition, rule) => {
    expect(errorsOf(await compileBpmn(service(definition)))).toEqual([{ elementId: 'subject', rule }]);
  });

  const user = (extensions: string) => around(`<bpmn:userTask id="subject"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`);

  it.each([
    ['a blank assignee only', '<zeebe:assignmentDefinition assignee="  " />', 'user-task-assignment'],
    ['only commas as candidate groups', '<zeebe:assignmentDefinition candidateGroups=" , ," />', 'user-task-assignment'],
    ['feel candidate groups', '<zeebe:assignmentDefinition candidateGroups="=groups" />', 'user-task-assignment'],
    ['an assignee that is broken feel', '<zeebe:assignmentDefinition assignee="=applicant +" />', 'feel-syntax'],
    ['a linked form', `${ASSIGNED}<zeebe:formDefinition formId="some-form" />`, 'form-definition'],
    ['a form key of another scheme', `${ASSIGNED}<zeebe:formDefinition formKey="embedded:app:forms/x.html" />`, 'form-definition'],
  ])('rejects a user task with %s', async (_label, extensions, rule) => {
    expect(errorsOf(await compileBpmn(user(extensions)))).toEqual([{ elementId: 'subject', rule }]);
  });

  it('rejects two embedded forms with the same id', async () => {
    const form = '{"components": []}';
    const xml = bpmn(
      `<bpmn:extensionElements><zeebe:userTaskForm id="f">${form}</zeebe:userTaskForm><zeebe:userTaskForm id="f">${form}</zeebe:userTaskForm></bpmn:extensionElements>
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`,
    );
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'test-process', rule: 'form-definition' }]);
  });

  it('rejects a form whose hide condition is not valid feel', async () => {
    const form = JSON.stringify({ components: [{ type: 'textfield', key: 'a', conditional: { hide: '=b = ' } }] });
    const xml = bpmn(
      `<bpmn:extensionElements><zeebe:userTaskForm id="f">${form}</zeebe:userTaskForm></bpmn:extensionElements>
      <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:f" /></bpmn:extensionElements></bpmn:startEvent>
      <bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`,
    );
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'start', rule: 'feel-syntax', message: expect.stringContaining('field "a"') }),
    ]);
  });
});
