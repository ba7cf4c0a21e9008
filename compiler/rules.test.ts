import { compileBpmn } from './index';
import { ASSIGNED, around, bpmn, compileFixture, errorsOf, flows, message, ownProblems, problemsOf, userTask, withRoots } from './test-support';

/** Each rule rejects its fixture with a problem naming the offending element. */
describe('compiler/rules - failing fixtures', () => {
  const cases: Array<[fixture: string, elementId: string, rule: string]> = [
    ['no-executable-process.not-executable.bpmn', 'definitions-not-executable', 'no-executable-process'],
    ['element-ids.missing-id.bpmn', 'test-process', 'missing-id'],
    ['supported-elements.complex-gateway.bpmn', 'split', 'unsupported-element'],
    ['supported-extensions.task-listener.bpmn', 'review', 'unsupported-extension'],
    ['flow-references.missing-target.bpmn', 'f-dangling', 'flow-references'],
    ['start-events.two-starts.bpmn', 'start-2', 'start-events'],
    ['reachability.orphan-task.bpmn', 'orphan', 'unreachable-element'],
    ['path-to-end.loop-without-exit.bpmn', 'draft', 'no-path-to-end'],
    ['gateway-conditions.missing-condition.bpmn', 'f-no', 'gateway-conditions'],
    ['gateway-conditions.conditional-default.bpmn', 'f-no', 'gateway-conditions'],
    ['conditional-flows.condition-on-event-flow.bpmn', 'f1', 'conditional-flows'],
    ['feel-syntax.broken-condition.bpmn', 'f-yes', 'feel-syntax'],
    ['feel-syntax.not-feel.bpmn', 'f-yes', 'feel-syntax'],
    ['service-task-type.missing-task-definition.bpmn', 'archive', 'service-task-type'],
    ['service-task-retries.zero.bpmn', 'archive', 'service-task-retries'],
    ['service-task-execution.unknown-mode.bpmn', 'archive', 'service-task-execution'],
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
    [
      'a compensation start event (a compensation event sub-process)',
      '<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="subject"><bpmn:compensateEventDefinition /></bpmn:startEvent></bpmn:subProcess><bpmn:manualTask id="subject-task" />',
      '',
      '<bpmn:StartEvent id="subject" /> with <bpmn:CompensateEventDefinition /> (a compensation event sub-process) is not supported by this engine; attach the compensation handler to the activity with a compensation boundary event',
    ],
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
    expect(result.ok && ownProblems(result.warnings)).toEqual([]);
  });
});

describe('compiler/rules - unsupported-extension', () => {
  it('rejects zeebe extensions the engine does not execute (execution listeners on the process itself)', async () => {
    const xml = bpmn(`<bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="y" /></zeebe:executionListeners></bpmn:extensionElements>
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`);
    const problems = problemsOf(await compileBpmn(xml));
    expect(problems).toContainEqual({
      elementId: 'test-process',
      rule: 'unsupported-extension',
      severity: 'error',
      message: '<zeebe:ExecutionListeners /> on <bpmn:Process id="test-process" /> is not supported by this engine yet',
    });
  });

  const withListeners = (listeners: string, element = 'serviceTask') =>
    around(`<bpmn:${element} id="subject"><bpmn:extensionElements>${element === 'serviceTask' ? '<zeebe:taskDefinition type="x" />' : ''}<zeebe:executionListeners>${listeners}</zeebe:executionListeners></bpmn:extensionElements></bpmn:${element}>`);

  it('compiles execution listeners on a node into its start and end jobs, in model order', async () => {
    const result = await compileBpmn(withListeners(`<zeebe:executionListener eventType="start" type="before" retries="5" />
      <zeebe:executionListener eventType="end" type="after"><zeebe:taskHeaders><zeebe:header key="template" value="done" /></zeebe:taskHeaders></zeebe:executionListener>
      <zeebe:executionListener eventType="start" type="also-before" />`));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.processes[0].graph.elements.subject.listeners).toEqual({
      start: [{ taskType: 'before', retries: 5, headers: {} }, { taskType: 'also-before', retries: 3, headers: {} }],
      end: [{ taskType: 'after', retries: 3, headers: { template: 'done' } }],
    });
    expect(result.processes[0].graph.elements.start.listeners).toBeUndefined();
  });

  it.each([
    ['an unknown event type', '<zeebe:executionListener eventType="take" type="y" />', /eventType "take"; use start or end/],
    ['no job type', '<zeebe:executionListener eventType="start" />', /has no job type/],
    ['a feel job type', '<zeebe:executionListener eventType="start" type="=kind" />', /feel job type/],
    ['zero retries', '<zeebe:executionListener eventType="end" type="y" retries="0" />', /retries "0"/],
  ])('rejects an execution listener with %s', async (_label, listener, message) => {
    const problems = problemsOf(await compileBpmn(withListeners(listener)));
    expect(problems.filter((p) => p.rule === 'execution-listeners').map((p) => p.message)).toEqual([expect.stringMatching(message)]);
  });

  it('warns about a listener job type no handler runs, when the handlers are known', async () => {
    const result = await compileBpmn(withListeners('<zeebe:executionListener eventType="start" type="send-fax" />'), { serviceTaskTypes: [{ type: 'x', requiredHeaders: [] }] });
    expect(result.ok && result.warnings.filter((w) => w.rule === 'execution-listeners').map((w) => w.message)).toEqual([expect.stringMatching(/job type "send-fax", which no handler of this engine runs/)]);
  });

  it('compiles with a warning when another tool left its extensions', async () => {
    const xml = around(`<bpmn:userTask id="subject" xmlns:vendor="urn:vendor"><bpmn:extensionElements>
      ${ASSIGNED}<vendor:meta name="a" /><vendor:meta name="b" />
    </bpmn:extensionElements></bpmn:userTask>`);
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings)).toEqual([
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

  describe('with the engine\'s handlers known', () => {
    const known = { serviceTaskTypes: [{ type: 'notify-applicant', requiredHeaders: ['template'] }] };
    const warningsOf = async (definition: string, options = known) => {
      const result = await compileBpmn(service(definition), options);
      if (!result.ok) throw new Error(`expected it to deploy: ${JSON.stringify(result.problems)}`);
      return ownProblems(result.warnings).filter((p) => p.rule === 'service-task-type').map((p) => p.message);
    };

    it('deploys a task of a type no handler runs, with a warning naming the known types', async () => {
      expect(await warningsOf('<zeebe:taskDefinition type="send-fax" />')).toEqual([expect.stringMatching(/"send-fax", which no handler of this engine runs.*known types: notify-applicant/)]);
    });

    it('deploys a task without a header its handler needs, with a warning naming the header', async () => {
      expect(await warningsOf('<zeebe:taskDefinition type="notify-applicant" />')).toEqual([expect.stringMatching(/needs the header "template"/)]);
      expect(await warningsOf('<zeebe:taskDefinition type="notify-applicant" /><zeebe:taskHeaders><zeebe:header key="template" value="approved" /></zeebe:taskHeaders>')).toEqual([]);
    });

    it('checks no types when the handlers are not given', async () => {
      expect(await warningsOf('<zeebe:taskDefinition type="send-fax" />', {} as typeof known)).toEqual([]);
    });
  });

  const user = (extensions: string) => around(`<bpmn:userTask id="subject"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`);

  it.each([
    ['no assignment at all', ''],
    ['a blank assignee only', '<zeebe:assignmentDefinition assignee="  " />'],
    ['only commas as candidate groups', '<zeebe:assignmentDefinition candidateGroups=" , ," />'],
  ])('deploys a user task that names nobody (%s), as Camunda 8 does, with a warning and offered to the fallback group', async (_label, extensions) => {
    const result = await compileBpmn(user(extensions));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings.filter((w) => w.rule === 'user-task-assignment')).toEqual([
      expect.objectContaining({ elementId: 'subject', severity: 'warning', message: expect.stringContaining('offered to the fallback group "process-administrators"') }),
    ]);
    expect(result.processes[0].graph.elements.subject).toMatchObject({ assignment: { candidateGroups: ['process-administrators'], candidateUsers: [], fallback: true } });
    const configured = await compileBpmn(user(extensions), { fallbackTaskGroup: 'operations' });
    expect(configured.ok && configured.processes[0].graph.elements.subject).toMatchObject({ assignment: { candidateGroups: ['operations'], fallback: true } });
  });

  it('keeps a named assignment as it is, with no fallback mark', async () => {
    const result = await compileBpmn(user(ASSIGNED));
    expect(result.ok && result.processes[0].graph.elements.subject).toEqual(expect.objectContaining({ assignment: { candidateGroups: ['reviewers'], candidateUsers: [] } }));
  });

  it.each([
    ['candidate groups that are broken feel', '<zeebe:assignmentDefinition candidateGroups="=&quot;org:&quot; +" />', 'feel-syntax'],
    ['an assignee that is broken feel', '<zeebe:assignmentDefinition assignee="=applicant +" />', 'feel-syntax'],
    ['a linked form', `${ASSIGNED}<zeebe:formDefinition formId="some-form" />`, 'form-definition'],
    ['a form key of another scheme', `${ASSIGNED}<zeebe:formDefinition formKey="embedded:app:forms/x.html" />`, 'form-definition'],
  ])('rejects a user task with %s', async (_label, extensions, rule) => {
    expect(errorsOf(await compileBpmn(user(extensions)))).toEqual([{ elementId: 'subject', rule }]);
  });

  it('compiles feel candidate groups and users into expressions evaluated when the task opens', async () => {
    const result = await compileBpmn(user('<zeebe:assignmentDefinition candidateGroups="=&quot;org:&quot; + lab" candidateUsers="=[owner]" />'));
    expect(result.ok && result.processes[0].graph.elements.subject).toMatchObject({
      assignment: { candidateGroups: [], candidateUsers: [], candidateGroupsFeel: '"org:" + lab', candidateUsersFeel: '[owner]' },
    });
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
    const problems = ownProblems(problemsOf(await compileBpmn(xml)));
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'start', rule: 'feel-syntax', message: expect.stringContaining('field "a"') }),
    ]);
  });
});

describe('compiler/rules - scopes', () => {
  const sub = (id: string, body: string, attributes = '') => `<bpmn:subProcess id="${id}" ${attributes}>${body}</bpmn:subProcess>`;
  const inner = `<bpmn:startEvent id="in-start" /><bpmn:endEvent id="in-end" />${flows(['i1', 'in-start', 'in-end'])}`;

  /** Each scope is checked on its own: its start and end events, its flows, what is reachable in it. */
  it.each([
    ['an embedded sub-process without a start event', around(sub('subject', '<bpmn:endEvent id="in-end" />')), [{ elementId: 'subject', rule: 'start-events' }]],
    ['a flow from inside a sub-process to outside it', around(sub('subject', `${inner}<bpmn:sequenceFlow id="escape" sourceRef="in-start" targetRef="end" />`)), [
      { elementId: 'escape', rule: 'flow-references' },
    ]],
    ['a flow from outside into a sub-process', around(`${sub('subject', inner)}<bpmn:sequenceFlow id="sneak" sourceRef="start" targetRef="in-end" />`), [
      { elementId: 'sneak', rule: 'flow-references' },
    ]],
    ['an unreachable task inside a sub-process', around(sub('subject', `${inner}${userTask('orphan')}${flows(['i2', 'orphan', 'in-end'])}`)), [
      { elementId: 'orphan', rule: 'unreachable-element' },
    ]],
    ['an event sub-process without a start event', around(`<bpmn:task id="subject" />${sub('esp', '<bpmn:endEvent id="in-end" />', 'triggeredByEvent="true"')}`), [
      { elementId: 'esp', rule: 'start-events' },
    ]],
    ['an event sub-process with a none start event', around(`<bpmn:task id="subject" />${sub('esp', inner, 'triggeredByEvent="true"')}`), [
      { elementId: 'in-start', rule: 'start-events' },
    ]],
    ['an error start event at process level', bpmn(`<bpmn:startEvent id="start"><bpmn:errorEventDefinition /></bpmn:startEvent><bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}`), [
      { elementId: 'start', rule: 'start-events' },
    ]],
    ['a non-interrupting error start event', around(`<bpmn:task id="subject" />${sub('esp', `<bpmn:startEvent id="in-start" isInterrupting="false"><bpmn:errorEventDefinition /></bpmn:startEvent><bpmn:endEvent id="in-end" />${flows(['i1', 'in-start', 'in-end'])}`, 'triggeredByEvent="true"')}`), [
      { elementId: 'in-start', rule: 'start-events' },
    ]],
  ])('rejects %s', async (_label, xml, expected) => {
    expect(errorsOf(await compileBpmn(xml))).toEqual(expected);
  });

  it('accepts a process started only by message, timer and signal start events', async () => {
    const xml = withRoots(`${message('m', 'apply')}<bpmn:signal id="s" name="go" />`, `
      <bpmn:startEvent id="by-message"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
      <bpmn:startEvent id="by-timer"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:startEvent id="by-signal"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'by-message', 'end'], ['f2', 'by-timer', 'end'], ['f3', 'by-signal', 'end'])}`);
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings)).toEqual([]);
  });
});

describe('compiler/rules - what Camunda 8 deploys: uncontrolled flow, implicit ends, conditions on activity flows', () => {
  const sub = (id: string, body: string) => `<bpmn:subProcess id="${id}">${body}</bpmn:subProcess>`;
  const timer = '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>';
  const deploys = async (xml: string) => {
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(`expected it to deploy: ${JSON.stringify(ownProblems(result.problems))}`);
    return result;
  };

  it.each([
    ['a task with two outgoing flows (a parallel split)', compileFixture('uncontrolled.two-flows-from-task.bpmn')],
    ['a process without an end event', compileFixture('end-events.no-end.bpmn')],
    ['a task without outgoing flows', compileFixture('outgoing-flows.dead-end-task.bpmn')],
    ['an embedded sub-process without an end event', compileBpmn(around(sub('subject', `<bpmn:startEvent id="in-start" />${userTask('in-task')}${flows(['i1', 'in-start', 'in-task'])}`)))],
    ['a boundary event with two outgoing flows', compileBpmn(around(`${userTask('subject')}<bpmn:boundaryEvent id="late" attachedToRef="subject">${timer}</bpmn:boundaryEvent>${flows(['b1', 'late', 'end'], ['b2', 'late', 'end'])}`))],
  ])('deploys %s', async (_label, compiled) => {
    const result = await compiled;
    if (!result.ok) throw new Error(`expected it to deploy: ${JSON.stringify(ownProblems(result.problems))}`);
  });

  it('deploys conditional flows and a default flow leaving a task, and compiles the default', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" />${userTask('subject').replace('<bpmn:userTask id="subject"', '<bpmn:userTask id="subject" default="f-else"')}
      <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />${flows(['f1', 'start', 'subject'], ['f-else', 'subject', 'b'])}
      <bpmn:sequenceFlow id="f-if" sourceRef="subject" targetRef="a"><bpmn:conditionExpression>=x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    const result = await deploys(xml);
    const graph = result.ok ? result.processes[0].graph : undefined;
    expect(graph?.elements.subject).toMatchObject({ defaultFlow: 'f-else', outgoing: ['f-else', 'f-if'] });
    expect(graph?.flows['f-if'].condition).toBe('x > 1');
  });

  it('still refuses a gateway without outgoing flows', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="stuck" />${flows(['f1', 'start', 'stuck'])}`);
    expect(errorsOf(await compileBpmn(xml))).toContainEqual({ elementId: 'stuck', rule: 'missing-outgoing-flow' });
  });
});

describe('compiler/rules - boundary events, event sub-processes and gateways', () => {
  const timer = '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>';
  const host = userTask('subject');
  const condition = (id: string, source: string, target: string) =>
    `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression>=x</bpmn:conditionExpression></bpmn:sequenceFlow>`;

  it.each([
    ['a boundary event on an event sub-process', bpmn(`
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}
      <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="in-start">${timer}</bpmn:startEvent><bpmn:endEvent id="in-end" />${flows(['i1', 'in-start', 'in-end'])}</bpmn:subProcess>
      <bpmn:boundaryEvent id="late" attachedToRef="esp">${timer}</bpmn:boundaryEvent>${flows(['b1', 'late', 'end'])}`), [{ elementId: 'late', rule: 'boundary-events' }]],
    ['an event sub-process entered by a flow', around(`<bpmn:task id="subject" />
      <bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="in-start">${timer}</bpmn:startEvent><bpmn:endEvent id="in-end" />${flows(['i1', 'in-start', 'in-end'])}</bpmn:subProcess>
      ${flows(['into', 'start', 'esp'])}`), [{ elementId: 'esp', rule: 'event-sub-process' }]],
    ['an inclusive gateway flow without a condition', bpmn(`
      <bpmn:startEvent id="start" /><bpmn:inclusiveGateway id="fork" /><bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'fork'], ['f-no', 'fork', 'end'])}${condition('f-yes', 'fork', 'end')}`), [{ elementId: 'f-no', rule: 'gateway-conditions' }]],
    ['a condition on a flow leaving an event-based gateway', withRoots('<bpmn:signal id="s" name="s" />', `
      <bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="wait" />
      <bpmn:intermediateCatchEvent id="a">${timer}</bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="b"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />${flows(['f1', 'start', 'wait'], ['fb', 'wait', 'b'], ['f2', 'a', 'end'], ['f3', 'b', 'end'])}${condition('fa', 'wait', 'a')}`), [{ elementId: 'fa', rule: 'conditional-flows' }]],
    ['an event-based gateway with one way out', bpmn(`
      <bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="wait" />
      <bpmn:intermediateCatchEvent id="a">${timer}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'wait'], ['fa', 'wait', 'a'], ['f2', 'a', 'end'])}`), [{ elementId: 'wait', rule: 'event-based-gateway' }]],
    ['an event after an event-based gateway that is also entered elsewhere', bpmn(`
      <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:eventBasedGateway id="wait" />
      <bpmn:intermediateCatchEvent id="a">${timer}</bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="b">${timer}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />
      ${flows(['f0', 'start', 'fork'], ['f1', 'fork', 'wait'], ['f-side', 'fork', 'a'], ['fa', 'wait', 'a'], ['fb', 'wait', 'b'], ['f2', 'a', 'end'], ['f3', 'b', 'end'])}`), [{ elementId: 'a', rule: 'event-based-gateway' }]],
  ])('rejects %s', async (_label, xml, expected) => {
    expect(errorsOf(await compileBpmn(xml))).toEqual(expected);
  });
});

describe('compiler/rules - event definitions', () => {
  const catchEvent = (definition: string, extensions = '') => `<bpmn:intermediateCatchEvent id="subject">${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}${definition}</bpmn:intermediateCatchEvent>`;
  const throwEvent = (definition: string, extensions = '') => `<bpmn:intermediateThrowEvent id="subject">${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}${definition}</bpmn:intermediateThrowEvent>`;
  const timer = (body: string) => `<bpmn:timerEventDefinition>${body}</bpmn:timerEventDefinition>`;
  const boundary = (attributes: string, definition: string, extensions = '') =>
    `${userTask('host')}<bpmn:boundaryEvent id="subject" attachedToRef="host" ${attributes}>${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}${definition}</bpmn:boundaryEvent>`;
  /** host and subject both lead to the end */
  const onHost = (content: string, roots = '') => withRoots(roots, `<bpmn:startEvent id="start" />${content}<bpmn:endEvent id="end" />${flows(['f1', 'start', 'host'], ['f2', 'host', 'end'], ['f3', 'subject', 'end'])}`);

  it.each([
    ['a timer with two values', around(catchEvent(timer('<bpmn:timeDuration>PT1H</bpmn:timeDuration><bpmn:timeDate>2026-01-01T00:00:00Z</bpmn:timeDate>'))), 'timer-events', '<bpmn:IntermediateCatchEvent id="subject" /> needs exactly one of timeDuration, timeDate or timeCycle, not 2'],
    ['a duration that is not iso 8601', around(catchEvent(timer('<bpmn:timeDuration>3 days</bpmn:timeDuration>'))), 'timer-events', expect.stringMatching(/^the timer duration "3 days" of <bpmn:IntermediateCatchEvent id="subject" \/> is not valid iso 8601: /)],
    ['a cron cycle with Quartz\'s L', onHost(boundary('cancelActivity="false"', timer('<bpmn:timeCycle>0 0 9 L * ?</bpmn:timeCycle>'))), 'timer-events', expect.stringMatching(/^the timer cycle "0 0 9 L \* \?" of <bpmn:BoundaryEvent id="subject" \/> is not valid iso 8601 or cron: the day of month field "L" uses Quartz's L, W or #/)],
    ['a cycle on an intermediate catch event', around(catchEvent(timer('<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>'))), 'timer-events', '<bpmn:IntermediateCatchEvent id="subject" /> cannot have a timer cycle here; use a timeDuration or a timeDate'],
    ['a cycle on an interrupting boundary event', onHost(boundary('', timer('<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>'))), 'timer-events', '<bpmn:BoundaryEvent id="subject" /> cannot have a timer cycle here; use a timeDuration or a timeDate'],
    ['working days on a date', around(catchEvent(timer('<bpmn:timeDate>2026-01-01T00:00:00Z</bpmn:timeDate>'), '<ito:workingDays calendar="iran" />')), 'timer-events', 'ito:workingDays on <bpmn:IntermediateCatchEvent id="subject" /> counts working days of a timeDuration only, not of a timeDate'],
    ['working days without a calendar', around(catchEvent(timer('<bpmn:timeDuration>P2D</bpmn:timeDuration>'), '<ito:workingDays />')), 'timer-events', 'ito:workingDays on <bpmn:IntermediateCatchEvent id="subject" /> needs a calendar, e.g. calendar="iran"'],
    ['a feel timer that does not parse', around(catchEvent(timer('<bpmn:timeDuration>=duration(</bpmn:timeDuration>'))), 'feel-syntax', expect.stringMatching(/^the timer duration of <bpmn:IntermediateCatchEvent id="subject" \/> is not valid feel/)],
    ['a message catch without a message', around(catchEvent('<bpmn:messageEventDefinition />')), 'message-events', '<bpmn:IntermediateCatchEvent id="subject" /> has no message; refer to a <bpmn:message> with a name'],
    ['a message without a name', around(catchEvent('<bpmn:messageEventDefinition messageRef="m" />'), '<bpmn:message id="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=k" /></bpmn:extensionElements></bpmn:message>'), 'message-events', 'message <bpmn:Message id="m" /> used by <bpmn:IntermediateCatchEvent id="subject" /> has no name'],
    ['a message boundary event without a correlation key', onHost(boundary('', '<bpmn:messageEventDefinition messageRef="m" />'), message('m', 'answer')), 'message-events', 'message <bpmn:Message id="m" /> used by <bpmn:BoundaryEvent id="subject" /> has no zeebe:subscription correlationKey, so the engine could not tell which instance the message is for'],
    ['a correlation key that is broken feel', around(catchEvent('<bpmn:messageEventDefinition messageRef="m" />'), message('m', 'answer', '=order.')), 'feel-syntax', expect.stringMatching(/^the correlation key of message <bpmn:Message id="m" \/> used by <bpmn:IntermediateCatchEvent id="subject" \/> is not valid feel/)],
    ['a message throw with a time to live that is not a duration', around(throwEvent('<bpmn:messageEventDefinition messageRef="m" />', '<ito:publish correlationKey="=k" timeToLive="1 hour" />'), message('m', 'note')), 'message-events', expect.stringMatching(/^the ito:publish timeToLive "1 hour" of <bpmn:IntermediateThrowEvent id="subject" \/> is not an iso 8601 duration: /)],
    ['a signal without a name', around(throwEvent('<bpmn:signalEventDefinition signalRef="s" />'), '<bpmn:signal id="s" />'), 'signal-events', 'signal <bpmn:Signal id="s" /> used by <bpmn:IntermediateThrowEvent id="subject" /> has no name'],
    ['an escalation throw without an escalation', around(throwEvent('<bpmn:escalationEventDefinition />')), 'escalation-events', '<bpmn:IntermediateThrowEvent id="subject" /> throws no escalation; refer to a <bpmn:escalation> with an escalationCode'],
    ['an error catch referring to an error without a code', onHost(boundary('', '<bpmn:errorEventDefinition errorRef="e" />'), '<bpmn:error id="e" name="E" />'), 'error-events', '<bpmn:BoundaryEvent id="subject" /> refers to <bpmn:Error id="e" />, which has no errorCode; give it one, or remove the reference to catch every error'],
    ['a conditional event whose condition is not feel', around(catchEvent('<bpmn:conditionalEventDefinition><bpmn:condition>paid</bpmn:condition></bpmn:conditionalEventDefinition>')), 'feel-syntax', 'the condition of <bpmn:IntermediateCatchEvent id="subject" /> must be a feel expression starting with "="'],
    ['a link catch event with an incoming flow', around(catchEvent('<bpmn:linkEventDefinition name="here" />')), 'link-events', 'catch link event <bpmn:IntermediateCatchEvent id="subject" /> has incoming sequence flows; it is entered only through its throw link events'],
    ['a link event without a name', bpmn(`<bpmn:startEvent id="start" />${throwEvent('<bpmn:linkEventDefinition />')}${flows(['f1', 'start', 'subject'])}`), 'link-events', 'link event <bpmn:IntermediateThrowEvent id="subject" /> has no link name'],
  ])('rejects %s', async (_label, xml, rule, message) => {
    const problems = problemsOf(await compileBpmn(xml)).filter((p) => p.elementId === 'subject' && p.rule === rule);
    expect(problems).toEqual([{ elementId: 'subject', rule, severity: 'error', message }]);
  });

  it('rejects two catch link events of the same name in one scope, and a throw link with an outgoing flow', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="x" /></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="land-1"><bpmn:linkEventDefinition name="x" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="land-2"><bpmn:linkEventDefinition name="x" /></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'jump'], ['f2', 'jump', 'end'], ['f3', 'land-1', 'end'], ['f4', 'land-2', 'end'])}`);
    const errors = errorsOf(await compileBpmn(xml)).filter((e) => e.rule === 'link-events');
    expect(errors).toEqual([
      { elementId: 'land-2', rule: 'link-events' },
      { elementId: 'jump', rule: 'link-events' },
    ]);
  });

  it('accepts a process-level message start event without a correlation key, but not with a feel name', async () => {
    const start = (name: string) => withRoots(message('m', name), `
      <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent><bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}`);
    expect((await compileBpmn(start('apply'))).ok).toBe(true);
    expect(errorsOf(await compileBpmn(start('=kind')))).toEqual([{ elementId: 'start', rule: 'message-events' }]);
  });
});

describe('compiler/rules - activities', () => {
  const task = (extensions: string, body = '') => around(`<bpmn:userTask id="subject"><bpmn:extensionElements>${ASSIGNED}${extensions}</bpmn:extensionElements>${body}</bpmn:userTask>`);
  const mi = (zeebe: string, bpmnChildren = '', attributes = '') =>
    task('', `<bpmn:multiInstanceLoopCharacteristics ${attributes}><bpmn:extensionElements><zeebe:loopCharacteristics ${zeebe} /></bpmn:extensionElements>${bpmnChildren}</bpmn:multiInstanceLoopCharacteristics>`);
  const call = (attributes: string) => around(`<bpmn:callActivity id="subject"><bpmn:extensionElements><zeebe:calledElement ${attributes} /></bpmn:extensionElements></bpmn:callActivity>`);
  const rule = (attributes: string, extra = '') => around(`<bpmn:businessRuleTask id="subject"><bpmn:extensionElements><zeebe:calledDecision ${attributes} />${extra}</bpmn:extensionElements></bpmn:businessRuleTask>`);
  const decisions = { d: { decisionId: 'd', hitPolicy: 'UNIQUE' as const, inputs: [], outputs: [], rules: [] } };

  it.each([
    ['an input without a source', task('<zeebe:ioMapping><zeebe:input target="a" /></zeebe:ioMapping>'), 'io-mapping', 'zeebe:input 1 of <bpmn:UserTask id="subject" /> has no source'],
    ['an output into something that is not a variable', task('<zeebe:ioMapping><zeebe:output source="=a" target="a b" /></zeebe:ioMapping>'), 'io-mapping', 'zeebe:output 1 of <bpmn:UserTask id="subject" /> has target "a b", which is not a variable name or a dotted path of names'],
    ['an input source that is broken feel', task('<zeebe:ioMapping><zeebe:input source="=a +" target="b" /></zeebe:ioMapping>'), 'feel-syntax', expect.stringMatching(/^the source of input "b" of <bpmn:UserTask id="subject" \/> is not valid feel/)],
    ['both a collection and a cardinality', mi('inputCollection="=xs"', '<bpmn:loopCardinality>2</bpmn:loopCardinality>'), 'multi-instance', 'multi-instance <bpmn:UserTask id="subject" /> has both an inputCollection and a loopCardinality; keep one'],
    ['a cardinality that is not a number', mi('', '<bpmn:loopCardinality>two</bpmn:loopCardinality>'), 'multi-instance', 'the loop cardinality "two" of <bpmn:UserTask id="subject" /> must be a whole number or a feel expression starting with "="'],
    ['an output collection without an output element', mi('inputCollection="=xs" outputCollection="ys"'), 'multi-instance', 'multi-instance <bpmn:UserTask id="subject" /> needs both an outputCollection and an outputElement, or neither'],
    ['an input element that is a path', mi('inputCollection="=xs" inputElement="x.y"'), 'multi-instance', 'the inputElement "x.y" of <bpmn:UserTask id="subject" /> must be a plain variable name'],
    ['a one-behavior multi-instance', mi('inputCollection="=xs"', '', 'behavior="One"'), 'multi-instance', 'multi-instance behavior "One" on <bpmn:UserTask id="subject" /> is not supported by this engine yet'],
    ['an input collection that is not feel', mi('inputCollection="xs"'), 'feel-syntax', 'the input collection of <bpmn:UserTask id="subject" /> must be a feel expression starting with "="'],
    ['a completion condition that is broken feel', mi('inputCollection="=xs"', '<bpmn:completionCondition>=done &gt;</bpmn:completionCondition>'), 'feel-syntax', expect.stringMatching(/^the completion condition of <bpmn:UserTask id="subject" \/> is not valid feel/)],
    ['a loop maximum that is not a number', task('', '<bpmn:standardLoopCharacteristics loopMaximum="many" />'), 'standard-loop', 'the loopMaximum of <bpmn:UserTask id="subject" /> must be a positive whole number'],
    ['a loop condition that is not feel', task('', '<bpmn:standardLoopCharacteristics><bpmn:loopCondition>again</bpmn:loopCondition></bpmn:standardLoopCharacteristics>'), 'feel-syntax', 'the loop condition of <bpmn:UserTask id="subject" /> must be a feel expression starting with "="'],
    ['a call activity without a process id', call('propagateAllChildVariables="false"'), 'call-activity', '<bpmn:CallActivity id="subject" /> has a zeebe:calledElement without a processId'],
    ['a call activity bound to its deployment', call('processId="p" bindingType="deployment"'), 'call-activity', '<bpmn:CallActivity id="subject" /> binds the called process by "deployment", which is not supported yet; the latest deployed version is called'],
    ['a feel process id that does not parse', call('processId="=kind +"'), 'feel-syntax', expect.stringMatching(/^the called process id of <bpmn:CallActivity id="subject" \/> is not valid feel/)],
    ['a business rule task with no decision and no job', around('<bpmn:businessRuleTask id="subject" />'), 'called-decision', '<bpmn:BusinessRuleTask id="subject" /> needs a zeebe:calledDecision (a dmn decision) or a zeebe:taskDefinition (a job worker)'],
    ['a decision result in a path', rule('decisionId="d" resultVariable="a.b"'), 'called-decision', '<bpmn:BusinessRuleTask id="subject" /> needs a resultVariable that is a plain variable name'],
    ['a feel decision id', rule('decisionId="=which" resultVariable="r"'), 'called-decision', '<bpmn:BusinessRuleTask id="subject" /> has a feel decisionId, which is not supported; decisions are compiled into the process when it is deployed'],
    ['a decision id inherited by every object', rule('decisionId="constructor" resultVariable="r"'), 'called-decision', '<bpmn:BusinessRuleTask id="subject" /> calls decision "constructor", which was not deployed with the process; deploy its .dmn file together with the .bpmn'],
    ['a due date that is not a date-time', task('<zeebe:taskSchedule followUpDate="tomorrow" />'), 'user-task-schedule', expect.stringMatching(/^the follow-up date "tomorrow" of <bpmn:UserTask id="subject" \/> is not an iso 8601 date-time: /)],
    ['a priority above 100', task('<zeebe:priorityDefinition priority="101" />'), 'user-task-schedule', 'the priority "101" of <bpmn:UserTask id="subject" /> must be a whole number from 0 to 100'],
    ['an sla without a calendar', task('<ito:taskSla dueIn="P5D" />'), 'user-task-schedule', 'the ito:taskSla of <bpmn:UserTask id="subject" /> needs a calendar, e.g. calendar="iran"'],
    ['an sla that is not a duration', task('<ito:taskSla dueIn="5 days" calendar="iran" />'), 'user-task-schedule', expect.stringMatching(/^the ito:taskSla dueIn "5 days" of <bpmn:UserTask id="subject" \/> is not an iso 8601 duration: /)],
    ['four eyes naming itself', task('<ito:fourEyes notCompletedBy="subject" />'), 'four-eyes', 'the ito:fourEyes of <bpmn:UserTask id="subject" /> names the task itself'],
    ['four eyes naming a gateway', task('<ito:fourEyes notCompletedBy="start" />'), 'four-eyes', 'the ito:fourEyes of <bpmn:UserTask id="subject" /> names "start", which is not a user task of this process'],
  ])('rejects %s', async (_label, xml, ruleName, message) => {
    const problems = problemsOf(await compileBpmn(xml, { decisions })).filter((p) => p.elementId === 'subject' && p.rule === ruleName);
    expect(problems).toEqual([{ elementId: 'subject', rule: ruleName, severity: 'error', message }]);
  });

  it('rejects a send task or message end event run by a job without a type', async () => {
    const xml = withRoots(message('m', 'x'), `
      <bpmn:startEvent id="start" />
      <bpmn:sendTask id="send"><bpmn:extensionElements><zeebe:taskDefinition type="" /></bpmn:extensionElements></bpmn:sendTask>
      <bpmn:endEvent id="end"><bpmn:extensionElements><zeebe:taskDefinition /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>
      ${flows(['f1', 'start', 'send'], ['f2', 'send', 'end'])}`);
    expect(errorsOf(await compileBpmn(xml))).toEqual([
      { elementId: 'send', rule: 'service-task-type' },
      { elementId: 'end', rule: 'service-task-type' },
    ]);
  });
});

describe('compiler/rules - extensions on the new elements', () => {
  it.each([
    ['a mapping on a gateway', around('<bpmn:exclusiveGateway id="subject"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=a" target="b" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:exclusiveGateway>'), '<zeebe:IoMapping /> on <bpmn:ExclusiveGateway id="subject" /> is not supported by this engine yet'],
    ['a task listener', around(`<bpmn:userTask id="subject"><bpmn:extensionElements>${ASSIGNED}<zeebe:taskListeners><zeebe:taskListener eventType="creating" type="t" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>`), '<zeebe:TaskListeners /> on <bpmn:UserTask id="subject" /> is not supported by this engine yet'],
    ['ito:publish on a receive task', around('<bpmn:receiveTask id="subject" messageRef="m"><bpmn:extensionElements><ito:publish correlationKey="=k" /></bpmn:extensionElements></bpmn:receiveTask>', message('m', 'x', '=k')), '<ito:Publish /> on <bpmn:ReceiveTask id="subject" /> has no effect there; see compiler/README.md for where each ito extension belongs'],
    ['a conditional filter', around('<bpmn:intermediateCatchEvent id="subject"><bpmn:conditionalEventDefinition id="cond"><bpmn:extensionElements><zeebe:conditionalFilter variableNames="a" /></bpmn:extensionElements><bpmn:condition>=a</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>'), '<zeebe:ConditionalFilter /> on <bpmn:ConditionalEventDefinition id="cond" /> of <bpmn:IntermediateCatchEvent id="subject" /> is not supported by this engine yet'],
  ])('rejects %s', async (_label, xml, message) => {
    const problems = ownProblems(problemsOf(await compileBpmn(xml)));
    expect(problems).toEqual([{ elementId: 'subject', rule: 'unsupported-extension', severity: 'error', message }]);
  });

  it('rejects a form on a start event that is not the process\'s none start event', async () => {
    const xml = withRoots(message('m', 'apply'), `
      <bpmn:extensionElements><zeebe:userTaskForm id="f">{"components": []}</zeebe:userTaskForm></bpmn:extensionElements>
      <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:f" /></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
      <bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}`);
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'start', rule: 'form-definition' }]);
  });
});

describe('compiler/rules - io mappings on events (Camunda 8)', () => {
  const io = (mappings: string) => `<bpmn:extensionElements><zeebe:ioMapping>${mappings}</zeebe:ioMapping></bpmn:extensionElements>`;
  const OUT = '<zeebe:output source="=a" target="b" />';
  const IN = '<zeebe:input source="=a" target="b" />';
  const roots = `${message('m', 'x', '=k')}<bpmn:signal id="s" name="go" /><bpmn:escalation id="esc" escalationCode="UP" /><bpmn:error id="err" errorCode="E" />`;
  const publish = '<ito:publish correlationKey="=k" />';
  /** Events without flows of their own: the rest of the process is start → task → end. */
  const withEvents = (events: string, moreFlows = '') =>
    withRoots(roots, `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="task"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${events}
      ${flows(['f1', 'start', 'task'], ['f2', 'task', 'end'])}${moreFlows}`);

  it('accepts output mappings on catch events, throw events and none, message, signal and escalation end events, and input mappings on signal and message throws', async () => {
    const xml = withRoots(roots, `
      <bpmn:startEvent id="start">${io(OUT)}</bpmn:startEvent>
      <bpmn:intermediateCatchEvent id="catchMessage">${io(OUT)}<bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="catchTimer">${io(OUT)}<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:intermediateThrowEvent id="milestone">${io(OUT)}</bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="throwSignal">${io(IN + OUT)}<bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="throwMessage"><bpmn:extensionElements>${publish}<zeebe:ioMapping>${IN}${OUT}</zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateThrowEvent>
      <bpmn:intermediateThrowEvent id="throwEscalation">${io(OUT)}<bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="task"><bpmn:extensionElements>${ASSIGNED}</bpmn:extensionElements></bpmn:userTask>
      <bpmn:boundaryEvent id="onSignal" attachedToRef="task">${io(OUT)}<bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="signalEnd">${io(IN + OUT)}<bpmn:signalEventDefinition signalRef="s" /></bpmn:endEvent>
      <bpmn:endEvent id="end">${io(OUT)}</bpmn:endEvent>
      <bpmn:subProcess id="onMessage" triggeredByEvent="true">
        <bpmn:startEvent id="espStart" isInterrupting="false">${io(OUT)}<bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
        <bpmn:endEvent id="espEnd">${io(OUT)}<bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>
        ${flows(['e1', 'espStart', 'espEnd'])}
      </bpmn:subProcess>
      ${flows(['f1', 'start', 'catchMessage'], ['f2', 'catchMessage', 'catchTimer'], ['f3', 'catchTimer', 'milestone'], ['f4', 'milestone', 'throwSignal'], ['f5', 'throwSignal', 'throwMessage'], ['f6', 'throwMessage', 'throwEscalation'], ['f7', 'throwEscalation', 'task'], ['f8', 'task', 'end'], ['f9', 'onSignal', 'signalEnd'])}`);
    const result = await compileBpmn(xml);
    expect(result.ok ? ownProblems(result.warnings) : ownProblems(result.problems)).toEqual([]);
  });

  it.each([
    [
      'an input mapping on a message catch event',
      around(`<bpmn:intermediateCatchEvent id="subject">${io(IN)}<bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>`, roots),
      'zeebe:input on <bpmn:IntermediateCatchEvent id="subject" /> is not supported: a catch event takes no input mappings (Camunda 8 has none there); map what the event delivers with zeebe:output',
    ],
    [
      'an input mapping on a start event',
      withRoots(roots, `<bpmn:startEvent id="subject">${io(IN)}</bpmn:startEvent><bpmn:endEvent id="end" />${flows(['f1', 'subject', 'end'])}`),
      'zeebe:input on <bpmn:StartEvent id="subject" /> is not supported: a catch event takes no input mappings (Camunda 8 has none there); map what the event delivers with zeebe:output',
    ],
    [
      'an input mapping on a boundary event',
      withEvents(`<bpmn:boundaryEvent id="subject" attachedToRef="task">${io(IN)}<bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>`, flows(['g1', 'subject', 'end'])),
      'zeebe:input on <bpmn:BoundaryEvent id="subject" /> is not supported: a catch event takes no input mappings (Camunda 8 has none there); map what the event delivers with zeebe:output',
    ],
    [
      'an input mapping on a none intermediate throw event',
      around(`<bpmn:intermediateThrowEvent id="subject">${io(IN)}</bpmn:intermediateThrowEvent>`),
      'zeebe:input on <bpmn:IntermediateThrowEvent id="subject" /> is not supported: Camunda 8 ignores input mappings on a none throw event; only signal and message throw events send variables (set variables with zeebe:output instead)',
    ],
    [
      'an input mapping on an escalation throw event',
      around(`<bpmn:intermediateThrowEvent id="subject">${io(IN)}<bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>`, roots),
      'zeebe:input on <bpmn:IntermediateThrowEvent id="subject" /> is not supported: Camunda 8 ignores input mappings on an escalation throw event; only signal and message throw events send variables (set variables with zeebe:output instead)',
    ],
    [
      'an input mapping on a none end event',
      withRoots(roots, `<bpmn:startEvent id="start" /><bpmn:endEvent id="subject">${io(IN)}</bpmn:endEvent>${flows(['f1', 'start', 'subject'])}`),
      'zeebe:input on <bpmn:EndEvent id="subject" /> is not supported: Camunda 8 ignores input mappings on a none end event; only signal and message throw events send variables (set variables with zeebe:output instead)',
    ],
    [
      'an output mapping on an error end event',
      withRoots(roots, `<bpmn:startEvent id="start" /><bpmn:endEvent id="subject">${io(OUT)}<bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>${flows(['f1', 'start', 'subject'])}`),
      'zeebe:output on <bpmn:EndEvent id="subject" /> is not supported: an error end event never completes (the error leaves its scope), so Camunda 8 applies no output mappings there',
    ],
    [
      'an output mapping on a terminate end event',
      withRoots(roots, `<bpmn:startEvent id="start" /><bpmn:endEvent id="subject">${io(OUT)}<bpmn:terminateEventDefinition /></bpmn:endEvent>${flows(['f1', 'start', 'subject'])}`),
      'zeebe:output on <bpmn:EndEvent id="subject" /> is not supported: a terminate end event ends its scope at once, so Camunda 8 applies no output mappings there',
    ],
    [
      'an output mapping on an event without a target',
      around(`<bpmn:intermediateThrowEvent id="subject">${io('<zeebe:output source="=a" />')}</bpmn:intermediateThrowEvent>`),
      'zeebe:output 1 of <bpmn:IntermediateThrowEvent id="subject" /> has no target',
    ],
  ])('rejects %s, naming the element', async (_label, xml, message) => {
    const problems = ownProblems(problemsOf(await compileBpmn(xml)));
    expect(problems).toEqual([{ elementId: 'subject', rule: 'io-mapping', severity: 'error', message }]);
  });

  it('checks the feel of event mappings', async () => {
    const xml = around(`<bpmn:intermediateThrowEvent id="subject">${io('<zeebe:output source="=a +" target="b" />')}</bpmn:intermediateThrowEvent>`);
    expect(errorsOf(await compileBpmn(xml))).toEqual([{ elementId: 'subject', rule: 'feel-syntax' }]);
  });
});

describe('compiler/rules - ito:startedBy', () => {
  const process = (extension: string) => bpmn(`<bpmn:extensionElements>${extension}</bpmn:extensionElements>
    <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}`);

  it('compiles a regulator-started process into the graph, and leaves other processes to applicants', async () => {
    const regulator = await compileBpmn(process('<ito:startedBy value="regulator" />'));
    const plain = await compileBpmn(process(''));
    expect(regulator.ok && regulator.processes[0].graph.startedBy).toBe('regulator');
    expect(plain.ok && plain.processes[0].graph.startedBy).toBeUndefined();
    const applicant = await compileBpmn(process('<ito:startedBy value="applicant" />'));
    expect(applicant.ok && applicant.processes[0].graph.startedBy).toBeUndefined();
  });

  it('rejects an unknown starter and a second ito:startedBy, naming the process', async () => {
    expect(errorsOf(await compileBpmn(process('<ito:startedBy value="anyone" />')))).toEqual([{ elementId: 'test-process', rule: 'started-by' }]);
    const twice = problemsOf(await compileBpmn(process('<ito:startedBy value="regulator" /><ito:startedBy value="regulator" />'))).filter((p) => p.rule === 'started-by');
    expect(twice.map((p) => p.message)).toEqual(['<bpmn:Process id="test-process" /> has more than one ito:startedBy']);
  });
});

describe('compiler/rules - ito:decisionTime', () => {
  const process = (extension: string) => bpmn(`<bpmn:extensionElements>${extension}</bpmn:extensionElements>
    <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flows(['f1', 'start', 'end'])}`);

  it('compiles the published decision time into the graph', async () => {
    const result = await compileBpmn(process('<ito:decisionTime within="P30D" calendar="iran" />'));
    expect(result.ok && result.processes[0].graph.decisionTime).toEqual({ within: 'P30D', calendar: 'iran' });
    const plain = await compileBpmn(process(''));
    expect(plain.ok && plain.processes[0].graph.decisionTime).toBeUndefined();
  });

  it.each([
    ['hours instead of days', '<ito:decisionTime within="PT30H" calendar="iran" />'],
    ['no calendar', '<ito:decisionTime within="P30D" />'],
    ['zero days', '<ito:decisionTime within="P0D" calendar="iran" />'],
    ['two of them', '<ito:decisionTime within="P30D" calendar="iran" /><ito:decisionTime within="P20D" calendar="iran" />'],
  ])('rejects %s, naming the process', async (_label, extension) => {
    expect(errorsOf(await compileBpmn(process(extension)))).toEqual([{ elementId: 'test-process', rule: 'decision-time' }]);
  });
});

describe('compiler/rules - join-deadlock', () => {
  const splitThenJoin = (split: 'exclusiveGateway' | 'parallelGateway') => bpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:${split} id="split" ${split === 'exclusiveGateway' ? 'default="to-b"' : ''} />
    <bpmn:task id="a" /><bpmn:task id="b" />
    <bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
    ${flows(['f0', 'start', 'split'], ['f-a', 'a', 'join'], ['f-b', 'b', 'join'], ['f-end', 'join', 'end'])}
    <bpmn:sequenceFlow id="to-a" sourceRef="split" targetRef="a">${split === 'exclusiveGateway' ? '<bpmn:conditionExpression>=x</bpmn:conditionExpression>' : ''}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to-b" sourceRef="split" targetRef="b" />`);

  it('warns when a parallel join waits for branches of one exclusive choice', async () => {
    const result = await compileBpmn(splitThenJoin('exclusiveGateway'));
    expect(result.ok && result.warnings.filter((w) => w.rule === 'join-deadlock')).toEqual([
      expect.objectContaining({ elementId: 'join', severity: 'warning', message: expect.stringMatching(/waits for tokens on both f-a and f-b, but they come from different branches of <bpmn:ExclusiveGateway id="split" \/>.*can never fire/) }),
    ]);
  });

  it('says nothing when the branches come from a parallel split', async () => {
    const result = await compileBpmn(splitThenJoin('parallelGateway'));
    expect(result.ok && result.warnings.filter((w) => w.rule === 'join-deadlock')).toEqual([]);
  });
});

describe('compiler/rules - ad-hoc sub-processes', () => {
  const adHoc = (attributes: string, extensions: string, inner: string) =>
    around(`<bpmn:adHocSubProcess id="subject" ${attributes}>${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}${inner}</bpmn:adHocSubProcess>`);
  const inner = `<bpmn:task id="a" /><bpmn:task id="b" /><bpmn:task id="b2" /><bpmn:sequenceFlow id="fb" sourceRef="b" targetRef="b2" />`;

  it('compiles the startable elements, the active elements collection and the completion condition', async () => {
    const result = await compileBpmn(adHoc('cancelRemainingInstances="false"', '<zeebe:adHoc activeElementsCollection="=chosen" />', `${inner}<bpmn:completionCondition>=done</bpmn:completionCondition>`));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.processes[0].graph.elements.subject).toMatchObject({
      kind: 'adHocSubProcess', activatable: ['a', 'b'], activeElements: 'chosen', completionCondition: 'done', cancelRemainingInstances: false, startEventIds: [],
    });
  });

  it.each([
    ['a start event inside', '', '<bpmn:startEvent id="s" /><bpmn:task id="a" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="a" />', 'start-events'],
    ['sequential ordering', 'ordering="Sequential"', inner, 'ad-hoc-sub-process'],
    ['collected outputs (Camunda 8.8 agents)', '', `${inner}`, 'ad-hoc-sub-process', '<zeebe:adHoc outputCollection="results" outputElement="=r" />'],
    ['an active elements collection that is broken feel', '', inner, 'feel-syntax', '<zeebe:adHoc activeElementsCollection="=[&quot;a&quot;," />'],
  ])('rejects an ad-hoc sub-process with %s', async (_label, attributes, body, rule, extensions = '') => {
    expect(errorsOf(await compileBpmn(adHoc(attributes, extensions, body))).map((e) => e.rule)).toContain(rule);
  });
});
