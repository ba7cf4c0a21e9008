import { compileBpmn } from './index';
import { ASSIGNED, around, bpmn, compileFixture, errorsOf, problemsOf } from './test-support';

/** Each rule rejects its fixture with a problem naming the offending element. */
describe('compiler/rules - failing fixtures', () => {
  const cases: Array<[fixture: string, elementId: string, rule: string]> = [
    ['no-executable-process.not-executable.bpmn', 'definitions-not-executable', 'no-executable-process'],
    ['element-ids.missing-id.bpmn', 'test-process', 'missing-id'],
    ['supported-elements.complex-gateway.bpmn', 'split', 'unsupported-element'],
    ['supported-extensions.task-listener.bpmn', 'review', 'unsupported-extension'],
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
    ['boundary-events.incoming-flow.bpmn', 'late', 'boundary-events'],
    ['event-sub-process.with-flow.bpmn', 'on-signal', 'event-sub-process'],
    ['event-based-gateway.task-after-gateway.bpmn', 'f-review', 'event-based-gateway'],
    ['timer-events.no-value.bpmn', 'start', 'timer-events'],
    ['message-events.no-correlation-key.bpmn', 'wait-for-payment', 'message-events'],
    ['signal-events.no-signal.bpmn', 'announce', 'signal-events'],
    ['error-events.no-code.bpmn', 'fail', 'error-events'],
    ['escalation-events.no-code.bpmn', 'escalate', 'escalation-events'],
    ['conditional-events.no-condition.bpmn', 'until-ready', 'conditional-events'],
    ['link-events.no-catch.bpmn', 'go-to-end', 'link-events'],
    ['called-decision.unknown-decision.bpmn', 'assess-risk', 'called-decision'],
    ['call-activity.no-called-element.bpmn', 'check-payment', 'call-activity'],
    ['io-mapping.no-target.bpmn', 'review', 'io-mapping'],
    ['multi-instance.no-collection.bpmn', 'review', 'multi-instance'],
    ['standard-loop.endless.bpmn', 'review', 'standard-loop'],
    ['user-task-schedule.bad-due-date.bpmn', 'review', 'user-task-schedule'],
    ['four-eyes.unknown-task.bpmn', 'approve', 'four-eyes'],
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
    const problems = problemsOf(await compileFixture('supported-elements.complex-gateway.bpmn'));
    expect(problems).toContainEqual({
      elementId: 'split',
      rule: 'unsupported-element',
      severity: 'error',
      message: '<bpmn:ComplexGateway id="split" /> is not supported by this engine yet',
    });
  });

  const task = (attributes: string, body = '') => `<bpmn:userTask id="subject" ${attributes}><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements>${body}</bpmn:userTask>`;
  const event = (tag: string, definitions: string, attributes = '') => `<bpmn:${tag} id="subject" ${attributes}>${definitions}</bpmn:${tag}>`;
  const SIGNAL = '<bpmn:signal id="sig" name="sig" />';

  /** What the engine does not execute is rejected with a message naming the element and the reason. */
  it.each([
    ['a complex gateway', '<bpmn:complexGateway id="subject" />', '', '<bpmn:ComplexGateway id="subject" /> is not supported by this engine yet'],
    ['a transaction', '<bpmn:transaction id="subject"><bpmn:startEvent id="in" /></bpmn:transaction>', '', 'transaction <bpmn:Transaction id="subject" /> is not supported by this engine yet'],
    ['an ad-hoc sub-process', '<bpmn:adHocSubProcess id="subject"><bpmn:task id="in" /></bpmn:adHocSubProcess>', '', 'ad-hoc sub-process <bpmn:AdHocSubProcess id="subject" /> is not supported by this engine yet'],
    ['a compensation throw event', event('intermediateThrowEvent', '<bpmn:compensateEventDefinition />'), '', '<bpmn:IntermediateThrowEvent id="subject" /> with <bpmn:CompensateEventDefinition />: compensation is not supported by this engine yet'],
    ['a compensation activity', task('isForCompensation="true"'), '', 'compensation activity <bpmn:UserTask id="subject" />: compensation is not supported by this engine yet'],
    ['a cancel end event', event('endEvent', '<bpmn:cancelEventDefinition />'), '', '<bpmn:EndEvent id="subject" /> with <bpmn:CancelEventDefinition /> is not supported by this engine yet'],
    [
      'an event with two definitions',
      event('intermediateCatchEvent', '<bpmn:signalEventDefinition signalRef="sig" /><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>'),
      SIGNAL,
      '<bpmn:IntermediateCatchEvent id="subject" /> has several event definitions (<bpmn:SignalEventDefinition />, <bpmn:TimerEventDefinition />); multiple events are not supported by this engine yet',
    ],
    ['a parallel multiple event', event('intermediateCatchEvent', '<bpmn:signalEventDefinition signalRef="sig" />', 'parallelMultiple="true"'), SIGNAL, 'parallel multiple event <bpmn:IntermediateCatchEvent id="subject" /> is not supported by this engine yet'],
    ['a none intermediate catch event', '<bpmn:intermediateCatchEvent id="subject" />', '', '<bpmn:IntermediateCatchEvent id="subject" /> has no event definition; it would wait for nothing'],
    ['a timer on a throw event', event('intermediateThrowEvent', '<bpmn:timerEventDefinition />'), '', '<bpmn:IntermediateThrowEvent id="subject" /> with <bpmn:TimerEventDefinition /> is not valid bpmn: a timer trigger cannot be used on this kind of event'],
    ['an instantiating receive task', '<bpmn:receiveTask id="subject" instantiate="true" />', '', '<bpmn:ReceiveTask id="subject" /> instantiates the process, which is not supported by this engine yet; use a message start event'],
    ['a parallel event-based gateway', '<bpmn:eventBasedGateway id="subject" eventGatewayType="Parallel" />', '', 'instantiating or parallel event-based gateway <bpmn:EventBasedGateway id="subject" /> is not supported by this engine yet'],
    ['a quantity other than one', task('startQuantity="2"'), '', 'startQuantity="2" on <bpmn:UserTask id="subject" /> is not supported by this engine yet'],
    ['a bpmn potential owner', task('', '<bpmn:potentialOwner />'), '', '<bpmn:PotentialOwner /> on <bpmn:UserTask id="subject" /> is not supported by this engine yet; use zeebe:assignmentDefinition'],
  ])('rejects %s', async (_label, element, roots, message) => {
    const problems = problemsOf(await compileBpmn(around(element, roots)));
    expect(problems.filter((p) => p.rule === 'unsupported-element')).toEqual([{ elementId: 'subject', rule: 'unsupported-element', severity: 'error', message }]);
  });

  it('rejects a non-interrupting error boundary event: errors always interrupt', async () => {
    const xml = around(
      `<bpmn:serviceTask id="subject"><bpmn:extensionElements><zeebe:taskDefinition type="x" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:boundaryEvent id="on-error" attachedToRef="subject" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="f3" sourceRef="on-error" targetRef="end" />`,
    );
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'on-error', rule: 'unsupported-element' }]);
  });

  it('rejects a timer start event inside an embedded sub-process, which starts with a none start event', async () => {
    const xml = around(`<bpmn:subProcess id="subject">
        <bpmn:startEvent id="inner-start"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
        <bpmn:endEvent id="inner-end" /><bpmn:sequenceFlow id="i1" sourceRef="inner-start" targetRef="inner-end" />
      </bpmn:subProcess>`);
    expect(errorsOf(await compileBpmn(xml))).toEqual([
      { elementId: 'inner-start', rule: 'unsupported-element' },
      { elementId: 'subject', rule: 'start-events' },
    ]);
  });

  it('rejects a loop on an event sub-process', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
      <bpmn:subProcess id="subject" triggeredByEvent="true">
        <bpmn:startEvent id="inner-start"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
        <bpmn:endEvent id="inner-end" /><bpmn:sequenceFlow id="i1" sourceRef="inner-start" targetRef="inner-end" />
        <bpmn:standardLoopCharacteristics loopMaximum="2" />
      </bpmn:subProcess>`, undefined, SIGNAL);
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'subject', rule: 'unsupported-element' }]);
  });

  /** Element kinds the engine now executes pass this rule (their own rules check their settings). */
  it.each([
    ['an abstract task', '<bpmn:task id="subject" />'],
    ['a manual task', '<bpmn:manualTask id="subject" />'],
    ['a multi-instance user task', task('', '<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>')],
    ['a looping user task', task('', '<bpmn:standardLoopCharacteristics loopMaximum="3" />')],
    ['a signal throw event', event('intermediateThrowEvent', '<bpmn:signalEventDefinition signalRef="sig" />')],
    ['a timer catch event', event('intermediateCatchEvent', '<bpmn:timerEventDefinition><bpmn:timeDuration>PT5M</bpmn:timeDuration></bpmn:timerEventDefinition>')],
    ['a sub-process', '<bpmn:subProcess id="subject"><bpmn:startEvent id="in" /><bpmn:endEvent id="out" /><bpmn:sequenceFlow id="i" sourceRef="in" targetRef="out" /></bpmn:subProcess>'],
  ])('accepts %s', async (_label, element) => {
    const result = await compileBpmn(around(element, SIGNAL));
    expect(result.ok ? [] : result.problems).toEqual([]);
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
