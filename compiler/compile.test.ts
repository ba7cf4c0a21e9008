import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledDecision, FlowNode, FormSchema, InclusiveGatewayNode, ProcessGraph } from '../workflows/graph/types';
import { compileBpmn, definitionHash, type CompiledProcess } from './index';
import { ASSIGNED, DEFINITIONS, FIXTURES, around, bpmn, errorsOf, flows, message, ownProblems, problemsOf, readFixture, serviceTask, userTask, withRoots } from './test-support';

async function compileOne(xml: string): Promise<CompiledProcess> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(`expected to compile: ${JSON.stringify(result.problems, null, 2)}`);
  expect(result.processes).toHaveLength(1);
  return result.processes[0];
}

/** What an activity without boundary events, io mappings or loops carries. */
const NO_ACTIVITY_EXTRAS = { boundaryEventIds: [], inputs: [], outputs: [] };

/** The parts of a form the engine validates with, per field. */
function fieldRules(form: FormSchema | undefined): unknown[] {
  return (form?.components ?? []).map((c) => {
    const { key, type, validate, values, conditional } = c as typeof c & { conditional?: unknown };
    return { key, type, validate, values: values?.map((v) => v.value), conditional };
  });
}

describe('compiler/compile - graph shape', () => {
  it('compiles a small process into exactly this graph', async () => {
    const compiled = await compileOne(readFixture('compile.minimal.bpmn'));
    const expected: ProcessGraph = {
      schemaVersion: 2,
      processId: 'test-process',
      elements: {
        start: { kind: 'startEvent', id: 'start', incoming: [], outgoing: ['f-start'], properties: {}, interrupting: true },
        review: {
          kind: 'userTask',
          id: 'review',
          incoming: ['f-start'],
          outgoing: ['f-review'],
          properties: {},
          ...NO_ACTIVITY_EXTRAS,
          assignment: { candidateGroups: ['reviewers', 'auditors'], candidateUsers: [] },
          notCompletedBy: [],
          headers: { priority: 'high' },
        },
        decide: {
          kind: 'exclusiveGateway',
          id: 'decide',
          name: 'Approved?',
          incoming: ['f-review'],
          outgoing: ['f-yes', 'f-no'],
          properties: {},
          defaultFlow: 'f-no',
        },
        archive: {
          kind: 'serviceTask',
          id: 'archive',
          incoming: ['f-yes'],
          outgoing: ['f-archive'],
          properties: {},
          ...NO_ACTIVITY_EXTRAS,
          taskType: 'archive-application',
          retries: 5,
          headers: {},
        },
        'end-ok': { kind: 'endEvent', id: 'end-ok', incoming: ['f-archive'], outgoing: [], properties: { outcome: 'approved' } },
        'end-no': { kind: 'endEvent', id: 'end-no', incoming: ['f-no'], outgoing: [], properties: {} },
      },
      flows: {
        'f-start': { id: 'f-start', sourceRef: 'start', targetRef: 'review' },
        'f-review': { id: 'f-review', sourceRef: 'review', targetRef: 'decide' },
        'f-yes': { id: 'f-yes', sourceRef: 'decide', targetRef: 'archive', condition: 'decision = "approve"' },
        'f-no': { id: 'f-no', sourceRef: 'decide', targetRef: 'end-no' },
        'f-archive': { id: 'f-archive', sourceRef: 'archive', targetRef: 'end-ok' },
      },
      startEventIds: ['start'],
      eventSubProcessIds: [],
    };
    expect(compiled).toStrictEqual({ processId: 'test-process', graph: expected, versionTag: '2.1' });
  });

  it('produces plain json that survives a round trip unchanged', async () => {
    const { graph } = await compileOne(readFixture('compile.minimal.bpmn'));
    expect(JSON.parse(JSON.stringify(graph))).toStrictEqual(graph);
  });

  it('defaults service task retries to 3 and reads a literal or feel assignee', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:userTask id="by-name"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="  ali  " candidateUsers="sara, reza" /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:userTask id="by-feel"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="= applicant" /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
      <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="by-name" />
      <bpmn:sequenceFlow id="f3" sourceRef="by-name" targetRef="by-feel" />
      <bpmn:sequenceFlow id="f4" sourceRef="by-feel" targetRef="end" />`);
    const { graph } = await compileOne(xml);
    expect(graph.elements.notify).toMatchObject({ kind: 'serviceTask', taskType: 'notify', retries: 3 });
    expect(graph.elements['by-name']).toMatchObject({ assignment: { assignee: { literal: 'ali' }, candidateGroups: [], candidateUsers: ['sara', 'reza'] } });
    expect(graph.elements['by-feel']).toMatchObject({ assignment: { assignee: { feel: 'applicant' } } });
  });

  it('compiles every executable process of a collaboration and skips the others with a warning', async () => {
    const process = (id: string, executable: boolean) => `
  <bpmn:process id="${id}" isExecutable="${executable}">
    <bpmn:startEvent id="${id}-start" /><bpmn:endEvent id="${id}-end" />
    <bpmn:sequenceFlow id="${id}-flow" sourceRef="${id}-start" targetRef="${id}-end" />
  </bpmn:process>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:collaboration id="collaboration">
    <bpmn:participant id="p-a" processRef="a" /><bpmn:participant id="p-b" processRef="b" /><bpmn:participant id="p-c" processRef="c" />
    <bpmn:messageFlow id="m1" sourceRef="p-a" targetRef="p-c" />
  </bpmn:collaboration>${process('a', true)}${process('b', true)}${process('c', false)}
</bpmn:definitions>`;
    const result = await compileBpmn(xml);
    expect(result.ok && result.processes.map((p) => p.processId)).toEqual(['a', 'b']);
    expect(result.ok && ownProblems(result.warnings)).toEqual([
      { elementId: 'c', rule: 'no-executable-process', severity: 'warning', message: '<bpmn:Process id="c" /> is not executable (isExecutable is not true) and is skipped' },
    ]);
  });

  it('returns the warnings too when it rejects a file', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" xmlns:vendor="urn:vendor"><bpmn:extensionElements><vendor:meta /></bpmn:extensionElements></bpmn:startEvent>
      <bpmn:complexGateway id="split" /><bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" /><bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="end" />`);
    const result = await compileBpmn(xml);
    expect(result.ok === false && ownProblems(result.problems).map((p) => [p.elementId, p.severity])).toEqual([
      ['split', 'error'],
      ['start', 'warning'],
    ]);
  });
});

/** The first deployed version of technical approval, kept as it was: its graph must never change (running instances and recorded histories carry it). */
describe('compiler/compile - software-technical-approval, version 1 (fixtures/software-technical-approval.v1.bpmn)', () => {
  const xml = readFileSync(join(FIXTURES, 'software-technical-approval.v1.bpmn'), 'utf8');

  it('compiles without warnings of the engine\'s rules into exactly this graph (the schema-1 graph plus the schema-2 defaults)', async () => {
    const result = await compileBpmn(xml);
    expect(result.ok && ownProblems(result.warnings)).toEqual([]);
    const compiled = await compileOne(xml);
    const node = (id: string, incoming: string[], outgoing: string[], name: string) => ({ id, name, incoming, outgoing, properties: {} });
    const anyForm = expect.objectContaining({ components: expect.any(Array) });
    expect(compiled).toStrictEqual({
      processId: 'software-technical-approval',
      name: 'گواهی تأیید فنی نرم‌افزار — Software technical approval',
      versionTag: '1.0.0',
      graph: {
        schemaVersion: 2,
        processId: 'software-technical-approval',
        name: 'گواهی تأیید فنی نرم‌افزار — Software technical approval',
        startEventIds: ['start'],
        eventSubProcessIds: [],
        elements: {
          start: { ...node('start', [], ['flow-start'], 'ثبت درخواست / Application submitted'), kind: 'startEvent', interrupting: true, form: anyForm },
          'formal-check': {
            ...node('formal-check', ['flow-start', 'flow-fixed'], ['flow-to-formal-complete'], 'بررسی تکمیل بودن مدارک / Formal completeness check'),
            kind: 'userTask',
            ...NO_ACTIVITY_EXTRAS,
            notCompletedBy: [],
            assignment: { candidateGroups: ['formal-reviewers'], candidateUsers: [] },
            form: anyForm,
            headers: {},
          },
          'formal-complete': {
            ...node('formal-complete', ['flow-to-formal-complete'], ['flow-formal-ok', 'flow-formal-fix'], 'مدارک کامل است؟ / Complete?'),
            kind: 'exclusiveGateway',
            defaultFlow: 'flow-formal-fix',
          },
          'applicant-fix': {
            ...node('applicant-fix', ['flow-formal-fix'], ['flow-fixed'], 'رفع نقص توسط متقاضی / Applicant fixes the application'),
            kind: 'userTask',
            ...NO_ACTIVITY_EXTRAS,
            notCompletedBy: [],
            assignment: { assignee: { feel: 'applicant' }, candidateGroups: [], candidateUsers: [] },
            form: anyForm,
            headers: {},
          },
          'technical-review': {
            ...node('technical-review', ['flow-formal-ok'], ['flow-to-technical-approved'], 'ارزیابی فنی / Technical review'),
            kind: 'userTask',
            ...NO_ACTIVITY_EXTRAS,
            notCompletedBy: [],
            assignment: { candidateGroups: ['technical-reviewers'], candidateUsers: [] },
            form: anyForm,
            headers: {},
          },
          'technical-approved': {
            ...node('technical-approved', ['flow-to-technical-approved'], ['flow-approve', 'flow-reject'], 'تأیید فنی شد؟ / Approved?'),
            kind: 'exclusiveGateway',
            defaultFlow: 'flow-reject',
          },
          'issue-certificate': {
            ...node('issue-certificate', ['flow-approve'], ['flow-issued'], 'صدور گواهی / Issue the certificate'),
            kind: 'serviceTask',
            ...NO_ACTIVITY_EXTRAS,
            taskType: 'issue-certificate',
            retries: 5,
            headers: { family: 'software-technical-approval' },
          },
          'notify-approved': {
            ...node('notify-approved', ['flow-issued'], ['flow-to-end-approved'], 'اطلاع‌رسانی صدور / Notify the applicant (issued)'),
            kind: 'serviceTask',
            ...NO_ACTIVITY_EXTRAS,
            taskType: 'notify-applicant',
            retries: 3,
            headers: { template: 'approved' },
          },
          'notify-rejected': {
            ...node('notify-rejected', ['flow-reject'], ['flow-to-end-rejected'], 'اطلاع‌رسانی رد / Notify the applicant (rejected)'),
            kind: 'serviceTask',
            ...NO_ACTIVITY_EXTRAS,
            taskType: 'notify-applicant',
            retries: 3,
            headers: { template: 'rejected' },
          },
          'end-approved': {
            ...node('end-approved', ['flow-to-end-approved'], [], 'گواهی صادر شد / Certificate issued'),
            kind: 'endEvent',
            properties: { outcome: 'approved' },
          },
          'end-rejected': {
            ...node('end-rejected', ['flow-to-end-rejected'], [], 'درخواست رد شد / Application rejected'),
            kind: 'endEvent',
            properties: { outcome: 'rejected' },
          },
        },
        flows: {
          'flow-start': { id: 'flow-start', sourceRef: 'start', targetRef: 'formal-check' },
          'flow-to-formal-complete': { id: 'flow-to-formal-complete', sourceRef: 'formal-check', targetRef: 'formal-complete' },
          'flow-formal-ok': { id: 'flow-formal-ok', name: 'بله / Yes', sourceRef: 'formal-complete', targetRef: 'technical-review', condition: 'formalDecision = "complete"' },
          'flow-formal-fix': { id: 'flow-formal-fix', name: 'خیر / No', sourceRef: 'formal-complete', targetRef: 'applicant-fix' },
          'flow-fixed': { id: 'flow-fixed', sourceRef: 'applicant-fix', targetRef: 'formal-check' },
          'flow-to-technical-approved': { id: 'flow-to-technical-approved', sourceRef: 'technical-review', targetRef: 'technical-approved' },
          'flow-approve': { id: 'flow-approve', name: 'تأیید / Approved', sourceRef: 'technical-approved', targetRef: 'issue-certificate', condition: 'technicalDecision = "approve"' },
          'flow-reject': { id: 'flow-reject', name: 'رد / Rejected', sourceRef: 'technical-approved', targetRef: 'notify-rejected' },
          'flow-issued': { id: 'flow-issued', sourceRef: 'issue-certificate', targetRef: 'notify-approved' },
          'flow-to-end-approved': { id: 'flow-to-end-approved', sourceRef: 'notify-approved', targetRef: 'end-approved' },
          'flow-to-end-rejected': { id: 'flow-to-end-rejected', sourceRef: 'notify-rejected', targetRef: 'end-rejected' },
        },
      },
    });
  });

  it('embeds each form with the rules the brief asks for', async () => {
    const { graph } = await compileOne(xml);
    const form = (id: string) => ('form' in graph.elements[id] ? (graph.elements[id] as { form?: FormSchema }).form : undefined);
    const platforms = ['web', 'desktop', 'mobile', 'server', 'embedded'];
    const application = [
      { key: 'productName', type: 'textfield', validate: { required: true, maxLength: 200 } },
      { key: 'productVersion', type: 'textfield', validate: { required: true, maxLength: 50 } },
      { key: 'platform', type: 'select', validate: { required: true }, values: platforms },
      { key: 'description', type: 'textarea', validate: { required: true, minLength: 20, maxLength: 4000 } },
      { key: 'ownerCompany', type: 'textfield', validate: { required: true, maxLength: 200 } },
    ];
    expect(fieldRules(form('start'))).toEqual(application);
    expect(fieldRules(form('formal-check'))).toEqual([
      { key: 'formalDecision', type: 'select', validate: { required: true }, values: ['complete', 'incomplete'] },
      { key: 'formalComment', type: 'textarea', validate: { required: true, maxLength: 2000 }, conditional: { hide: '=formalDecision = "complete"' } },
    ]);
    expect(fieldRules(form('applicant-fix'))).toEqual([
      ...application,
      { key: 'fixNote', type: 'textarea', validate: { required: true, maxLength: 2000 } },
    ]);
    expect(fieldRules(form('technical-review'))).toEqual([
      { key: 'technicalDecision', type: 'select', validate: { required: true }, values: ['approve', 'reject'] },
      { key: 'rejectionReason', type: 'textarea', validate: { required: true, maxLength: 2000 }, conditional: { hide: '=technicalDecision = "approve"' } },
      { key: 'technicalComment', type: 'textarea' },
    ]);
    expect(form('start')?.components[0].label).toBe('نام محصول / Product name');
  });
});

describe('compiler/definition-hash', () => {
  it('is the sha256 hex of the xml as utf-8', () => {
    expect(definitionHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(definitionHash('گواهی')).toMatch(/^[0-9a-f]{64}$/);
    expect(definitionHash('a')).not.toBe(definitionHash('a '));
  });
});


describe('compiler/compile - parallel gateway', () => {
  const fixture = (xml: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:t">
  <bpmn:process id="p" isExecutable="true">${xml}</bpmn:process>
</bpmn:definitions>`;
  const forkJoin = (condition = '') => fixture(`
    <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="a" sourceRef="fork" targetRef="join">${condition}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="b" sourceRef="fork" targetRef="join" />
    <bpmn:sequenceFlow id="f3" sourceRef="join" targetRef="end" />`);

  it('compiles a fork and a join with their incoming and outgoing flows', async () => {
    const result = await compileBpmn(forkJoin());
    expect(result.ok).toBe(true);
    const graph = result.ok ? result.processes[0].graph : undefined;
    expect(graph?.elements.fork).toMatchObject({ kind: 'parallelGateway', incoming: ['f0'], outgoing: ['a', 'b'] });
    expect(graph?.elements.join).toMatchObject({ kind: 'parallelGateway', incoming: ['a', 'b'], outgoing: ['f3'] });
  });

  it('rejects a condition on a flow leaving a parallel gateway (it would be ignored)', async () => {
    const result = await compileBpmn(forkJoin('<bpmn:conditionExpression>=x = 1</bpmn:conditionExpression>'));
    expect(result.ok === false && result.problems.map((p) => [p.elementId, p.rule])).toContainEqual(['a', 'conditional-flows']);
  });
});


describe('compiler/compile - script tasks, manual tasks and none intermediate throw events', () => {
  const fixture = (middle: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="urn:t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />${middle}<bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x" /><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
  const script = (attrs: string) => fixture(`<bpmn:scriptTask id="x"><bpmn:extensionElements><zeebe:script ${attrs} /></bpmn:extensionElements></bpmn:scriptTask>`);
  const problems = async (xml: string) => {
    const r = await compileBpmn(xml);
    return r.ok ? [] : r.problems.map((p) => [p.elementId, p.rule]);
  };

  it('compiles a FEEL script task with its result variable', async () => {
    const r = await compileBpmn(script('expression="=a + 1" resultVariable="b"'));
    expect(r.ok && r.processes[0].graph.elements.x).toMatchObject({ kind: 'scriptTask', expression: 'a + 1', resultVariable: 'b' });
  });

  it('rejects a script that is not FEEL, does not parse, or has no result variable', async () => {
    expect(await problems(script('expression="a + 1" resultVariable="b"'))).toContainEqual(['x', 'script-task']);
    expect(await problems(script('expression="=a +" resultVariable="b"'))).toContainEqual(['x', 'feel-syntax']);
    expect(await problems(script('expression="=1"'))).toContainEqual(['x', 'script-task']);
    expect(await problems(fixture('<bpmn:scriptTask id="x" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>'))).toContainEqual(['x', 'script-task']);
  });

  it('compiles manual tasks and none and compensation intermediate throw events', async () => {
    expect((await compileBpmn(fixture('<bpmn:manualTask id="x" />'))).ok).toBe(true);
    expect((await compileBpmn(fixture('<bpmn:intermediateThrowEvent id="x" />'))).ok).toBe(true);
    expect((await compileBpmn(fixture('<bpmn:intermediateThrowEvent id="x"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>'))).ok).toBe(true);
  });
});



/** Compiles a definition that must pass, returning its one graph. */
async function graphOf(xml: string, options: Parameters<typeof compileBpmn>[1] = {}): Promise<ProcessGraph> {
  const result = await compileBpmn(xml, options);
  if (!result.ok) throw new Error(`expected to compile: ${JSON.stringify(result.problems, null, 2)}`);
  return result.processes[0].graph;
}

/** A user task as the graph carries it when it has no extras besides its candidate group. */
const plainUserTask = (id: string, incoming: string[], outgoing: string[], parent?: string) => ({
  kind: 'userTask',
  id,
  incoming,
  outgoing,
  properties: {},
  ...(parent ? { parent } : {}),
  ...NO_ACTIVITY_EXTRAS,
  assignment: { candidateGroups: ['reviewers'], candidateUsers: [] },
  notCompletedBy: [],
  headers: {},
});

describe('compiler/compile - scopes: embedded and event sub-processes, boundary events, start events', () => {
  const xml = withRoots(message('m-cancel', 'cancel', '=applicationId') + message('m-apply', 'apply'), `
    <bpmn:startEvent id="by-message"><bpmn:messageEventDefinition messageRef="m-apply" /></bpmn:startEvent>
    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="review">
      <bpmn:startEvent id="review-start" />
      ${userTask('check')}
      <bpmn:endEvent id="review-end" />
      ${flows(['r1', 'review-start', 'check'], ['r2', 'check', 'review-end'])}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="too-slow" attachedToRef="review" cancelActivity="false">
      <bpmn:extensionElements><ito:workingDays calendar="iran" /></bpmn:extensionElements>
      <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    ${serviceTask('remind', 'remind')}
    <bpmn:endEvent id="reminded" />
    <bpmn:endEvent id="end" />
    <bpmn:subProcess id="on-cancel" triggeredByEvent="true">
      <bpmn:startEvent id="cancel-start"><bpmn:messageEventDefinition messageRef="m-cancel" /></bpmn:startEvent>
      <bpmn:endEvent id="cancelled"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      ${flows(['c1', 'cancel-start', 'cancelled'])}
    </bpmn:subProcess>
    ${flows(['f0', 'by-message', 'review'], ['f1', 'start', 'review'], ['f2', 'review', 'end'], ['f3', 'too-slow', 'remind'], ['f4', 'remind', 'reminded'])}`);

  it('puts every node of every scope in the graph, with its parent, and lists each scope\'s starts (none first) and event sub-processes', async () => {
    const graph = await graphOf(xml);
    const expected: ProcessGraph = {
      schemaVersion: 2,
      processId: 'test-process',
      startEventIds: ['start', 'by-message'],
      eventSubProcessIds: ['on-cancel'],
      elements: {
        'by-message': {
          kind: 'startEvent',
          id: 'by-message',
          incoming: [],
          outgoing: ['f0'],
          properties: {},
          // a process-level message start event creates the instance: no correlation key
          trigger: { type: 'message', messageName: { literal: 'apply' } },
          interrupting: true,
        },
        start: { kind: 'startEvent', id: 'start', incoming: [], outgoing: ['f1'], properties: {}, interrupting: true },
        review: {
          kind: 'subProcess',
          id: 'review',
          incoming: ['f0', 'f1'],
          outgoing: ['f2'],
          properties: {},
          boundaryEventIds: ['too-slow'],
          inputs: [],
          outputs: [],
          startEventIds: ['review-start'],
          eventSubProcessIds: [],
        },
        'review-start': { kind: 'startEvent', id: 'review-start', incoming: [], outgoing: ['r1'], properties: {}, parent: 'review', interrupting: true },
        check: plainUserTask('check', ['r1'], ['r2'], 'review') as FlowNode,
        'review-end': { kind: 'endEvent', id: 'review-end', incoming: ['r2'], outgoing: [], properties: {}, parent: 'review' },
        'too-slow': {
          kind: 'boundaryEvent',
          id: 'too-slow',
          incoming: [],
          outgoing: ['f3'],
          properties: {},
          attachedTo: 'review',
          cancelActivity: false,
          trigger: { type: 'timer', timer: { kind: 'duration', value: { literal: 'P3D' }, workingDayCalendar: 'iran' } },
        },
        remind: { kind: 'serviceTask', id: 'remind', incoming: ['f3'], outgoing: ['f4'], properties: {}, ...NO_ACTIVITY_EXTRAS, taskType: 'remind', retries: 3, headers: {} },
        reminded: { kind: 'endEvent', id: 'reminded', incoming: ['f4'], outgoing: [], properties: {} },
        end: { kind: 'endEvent', id: 'end', incoming: ['f2'], outgoing: [], properties: {} },
        'on-cancel': { kind: 'eventSubProcess', id: 'on-cancel', incoming: [], outgoing: [], properties: {}, startEventIds: ['cancel-start'], eventSubProcessIds: [] },
        'cancel-start': {
          kind: 'startEvent',
          id: 'cancel-start',
          incoming: [],
          outgoing: ['c1'],
          properties: {},
          parent: 'on-cancel',
          trigger: { type: 'message', messageName: { literal: 'cancel' }, correlationKey: { feel: 'applicationId' } },
          interrupting: true,
        },
        cancelled: { kind: 'endEvent', id: 'cancelled', incoming: ['c1'], outgoing: [], properties: {}, parent: 'on-cancel', trigger: { type: 'terminate' } },
      },
      flows: {
        f0: { id: 'f0', sourceRef: 'by-message', targetRef: 'review' },
        f1: { id: 'f1', sourceRef: 'start', targetRef: 'review' },
        f2: { id: 'f2', sourceRef: 'review', targetRef: 'end' },
        f3: { id: 'f3', sourceRef: 'too-slow', targetRef: 'remind' },
        f4: { id: 'f4', sourceRef: 'remind', targetRef: 'reminded' },
        r1: { id: 'r1', sourceRef: 'review-start', targetRef: 'check' },
        r2: { id: 'r2', sourceRef: 'check', targetRef: 'review-end' },
        c1: { id: 'c1', sourceRef: 'cancel-start', targetRef: 'cancelled' },
      },
    };
    expect(graph).toStrictEqual(expected);
  });

  it('compiles non-interrupting, error and escalation event sub-processes nested in a sub-process', async () => {
    const esp = (id: string, start: string, attributes = '') => `
      <bpmn:subProcess id="${id}" triggeredByEvent="true">
        <bpmn:startEvent id="${id}-start" ${attributes}>${start}</bpmn:startEvent><bpmn:endEvent id="${id}-end" />
        ${flows([`${id}-f`, `${id}-start`, `${id}-end`])}
      </bpmn:subProcess>`;
    const graph = await graphOf(withRoots('<bpmn:escalation id="esc" escalationCode="late" />', `
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
      <bpmn:subProcess id="outer">
        <bpmn:startEvent id="outer-start" /><bpmn:endEvent id="outer-end" />${flows(['o1', 'outer-start', 'outer-end'])}
        ${esp('on-any-error', '<bpmn:errorEventDefinition />')}
        ${esp('on-late', '<bpmn:escalationEventDefinition escalationRef="esc" />', 'isInterrupting="false"')}
        ${esp('every-day', '<bpmn:timerEventDefinition><bpmn:timeCycle>=cycle</bpmn:timeCycle></bpmn:timerEventDefinition>', 'isInterrupting="false"')}
      </bpmn:subProcess>
      ${flows(['f1', 'start', 'outer'], ['f2', 'outer', 'end'])}`));
    expect(graph.eventSubProcessIds).toEqual([]);
    expect(graph.elements.outer).toMatchObject({ startEventIds: ['outer-start'], eventSubProcessIds: ['on-any-error', 'on-late', 'every-day'] });
    expect(graph.elements['on-late']).toStrictEqual({
      kind: 'eventSubProcess', id: 'on-late', incoming: [], outgoing: [], properties: {}, parent: 'outer', startEventIds: ['on-late-start'], eventSubProcessIds: [],
    });
    const start = (id: string) => graph.elements[`${id}-start`];
    expect(start('on-any-error')).toStrictEqual({
      kind: 'startEvent', id: 'on-any-error-start', incoming: [], outgoing: ['on-any-error-f'], properties: {}, parent: 'on-any-error', trigger: { type: 'error' }, interrupting: true,
    });
    expect(start('on-late')).toMatchObject({ trigger: { type: 'escalation', escalationCode: 'late' }, interrupting: false });
    expect(start('every-day')).toMatchObject({ trigger: { type: 'timer', timer: { kind: 'cycle', value: { feel: 'cycle' } } }, interrupting: false });
  });
});

describe('compiler/compile - intermediate and end events', () => {
  const roots = `
    <bpmn:signal id="sig" name="approved" />
    <bpmn:escalation id="esc" escalationCode="late" />
    <bpmn:error id="err" name="Failed" errorCode="FAILED" />
    ${message('m-out', 'application-filed')}`;
  const xml = withRoots(roots, `
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="wait-date"><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-21T09:00:00+03:30</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="wait-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateThrowEvent id="throw-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateThrowEvent id="throw-escalation"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateThrowEvent id="publish">
      <bpmn:extensionElements><ito:publish correlationKey="=applicationId" timeToLive="PT1H" /></bpmn:extensionElements>
      <bpmn:messageEventDefinition messageRef="m-out" />
    </bpmn:intermediateThrowEvent>
    <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="to-check" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="landing"><bpmn:linkEventDefinition name="to-check" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="until-paid"><bpmn:conditionalEventDefinition><bpmn:condition>=paid = true</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
    ${flows(['f1', 'start', 'wait-date'], ['f2', 'wait-date', 'wait-signal'], ['f3', 'wait-signal', 'throw-signal'], ['f4', 'throw-signal', 'throw-escalation'], ['f5', 'throw-escalation', 'publish'], ['f6', 'publish', 'jump'], ['f7', 'landing', 'until-paid'], ['f8', 'until-paid', 'fail'])}`);

  it('compiles each trigger into exactly its graph form', async () => {
    const { elements } = await graphOf(xml);
    const event = (kind: string, id: string, incoming: string[], outgoing: string[], trigger: unknown) => ({ kind, id, incoming, outgoing, properties: {}, trigger });
    expect(elements).toStrictEqual({
      start: { kind: 'startEvent', id: 'start', incoming: [], outgoing: ['f1'], properties: {}, interrupting: true },
      'wait-date': event('intermediateCatchEvent', 'wait-date', ['f1'], ['f2'], { type: 'timer', timer: { kind: 'date', value: { literal: '2026-03-21T09:00:00+03:30' } } }),
      'wait-signal': event('intermediateCatchEvent', 'wait-signal', ['f2'], ['f3'], { type: 'signal', signalName: 'approved' }),
      'throw-signal': event('intermediateThrowEvent', 'throw-signal', ['f3'], ['f4'], { type: 'signal', signalName: 'approved' }),
      'throw-escalation': event('intermediateThrowEvent', 'throw-escalation', ['f4'], ['f5'], { type: 'escalation', escalationCode: 'late' }),
      publish: event('intermediateThrowEvent', 'publish', ['f5'], ['f6'], {
        type: 'message',
        messageName: { literal: 'application-filed' },
        correlationKey: { feel: 'applicationId' },
        timeToLive: 'PT1H',
      }),
      // the throw link continues at the catch link of the same name: no outgoing flow of its own
      jump: event('intermediateThrowEvent', 'jump', ['f6'], [], { type: 'link', linkName: 'to-check', linkTarget: 'landing' }),
      landing: event('intermediateCatchEvent', 'landing', [], ['f7'], { type: 'link', linkName: 'to-check' }),
      'until-paid': event('intermediateCatchEvent', 'until-paid', ['f7'], ['f8'], { type: 'conditional', condition: 'paid = true' }),
      fail: event('endEvent', 'fail', ['f8'], [], { type: 'error', errorCode: 'FAILED' }),
    });
  });

  it('compiles a message end event with a task definition as a job (a service task without outgoing flows)', async () => {
    const { elements } = await graphOf(bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="notify">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="notify-applicant" retries="2" />
          <zeebe:ioMapping><zeebe:input source="=applicant.email" target="to" /></zeebe:ioMapping>
        </bpmn:extensionElements>
        <bpmn:messageEventDefinition />
      </bpmn:endEvent>
      ${flows(['f1', 'start', 'notify'])}`));
    expect(elements.notify).toStrictEqual({
      kind: 'serviceTask',
      id: 'notify',
      incoming: ['f1'],
      outgoing: [],
      properties: {},
      boundaryEventIds: [],
      inputs: [{ source: { feel: 'applicant.email' }, target: 'to' }],
      outputs: [],
      taskType: 'notify-applicant',
      retries: 2,
      headers: {},
    });
  });

  it('marks a service task with ito:execution mode="local" as local, and leaves the field out for worker and by default', async () => {
    const task = (id: string, execution: string) => `
      <bpmn:serviceTask id="${id}">
        <bpmn:extensionElements><zeebe:taskDefinition type="bench-noop" />${execution}</bpmn:extensionElements>
      </bpmn:serviceTask>`;
    const { elements } = await graphOf(bpmn(`
      <bpmn:startEvent id="start" />
      ${task('quick', '<ito:execution mode="local" />')}
      ${task('queued', '<ito:execution mode="worker" />')}
      ${task('plain', '')}
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'quick'], ['f2', 'quick', 'queued'], ['f3', 'queued', 'plain'], ['f4', 'plain', 'end'])}`));
    expect(elements.quick).toMatchObject({ kind: 'serviceTask', local: true });
    expect('local' in elements.queued).toBe(false);
    expect('local' in elements.plain).toBe(false);
  });

  it('compiles event mappings into inputs and outputs of the event, and leaves them out where there are none', async () => {
    const io = (mappings: string) => `<bpmn:extensionElements><zeebe:ioMapping>${mappings}</zeebe:ioMapping></bpmn:extensionElements>`;
    const { elements } = await graphOf(withRoots(`${message('m', 'reply', '=trackingNumber')}<bpmn:signal id="sig" name="approved" />`, `
      <bpmn:startEvent id="start">${io('<zeebe:output source="= string(now())" target="receivedAt" />')}</bpmn:startEvent>
      <bpmn:intermediateCatchEvent id="reply">${io('<zeebe:output source="=answer.text" target="reply.text" />')}<bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateThrowEvent id="announce">${io('<zeebe:input source="=reply.text" target="text" /><zeebe:output source="sent" target="state" />')}<bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'reply'], ['f2', 'reply', 'announce'], ['f3', 'announce', 'end'])}`));
    expect(elements.start).toStrictEqual({
      kind: 'startEvent', id: 'start', incoming: [], outgoing: ['f1'], properties: {}, interrupting: true,
      outputs: [{ source: { feel: 'string(now())' }, target: 'receivedAt' }],
    });
    expect(elements.reply).toStrictEqual({
      kind: 'intermediateCatchEvent', id: 'reply', incoming: ['f1'], outgoing: ['f2'], properties: {},
      trigger: { type: 'message', messageName: { literal: 'reply' }, correlationKey: { feel: 'trackingNumber' } },
      outputs: [{ source: { feel: 'answer.text' }, target: 'reply.text' }],
    });
    expect(elements.announce).toStrictEqual({
      kind: 'intermediateThrowEvent', id: 'announce', incoming: ['f2'], outgoing: ['f3'], properties: {},
      trigger: { type: 'signal', signalName: 'approved' },
      inputs: [{ source: { feel: 'reply.text' }, target: 'text' }],
      outputs: [{ source: { literal: 'sent' }, target: 'state' }],
    });
    expect(elements.end).toStrictEqual({ kind: 'endEvent', id: 'end', incoming: ['f3'], outgoing: [], properties: {} });
  });
});

describe('compiler/compile - tasks', () => {
  const decision: CompiledDecision = {
    decisionId: 'risk-level',
    hitPolicy: 'FIRST',
    inputs: [{ id: 'in-amount', expression: 'amount' }],
    outputs: [{ id: 'out-level', name: 'level' }],
    rules: [{ id: 'rule-high', inputEntries: ['> 1000'], outputEntries: ['"high"'] }],
  };
  const chain = (...elements: string[]) => {
    const ids = elements.map((e) => /id="([^"]+)"/.exec(e)?.[1] ?? '');
    const all = ['start', ...ids, 'end'];
    return `<bpmn:startEvent id="start" />${elements.join('\n')}<bpmn:endEvent id="end" />
      ${flows(...all.slice(1).map((id, i) => [`f${i + 1}`, all[i], id] as [string, string, string]))}`;
  };
  const xml = withRoots(message('m-doc', 'document-received', '=documentId') + message('m-req', 'document-requested'), chain(
    `<bpmn:sendTask id="request" messageRef="m-req"><bpmn:extensionElements><ito:publish correlationKey="=documentId" /></bpmn:extensionElements></bpmn:sendTask>`,
    `<bpmn:sendTask id="email"><bpmn:extensionElements><zeebe:taskDefinition type="email" /></bpmn:extensionElements></bpmn:sendTask>`,
    `<bpmn:receiveTask id="wait" messageRef="m-doc" />`,
    `<bpmn:businessRuleTask id="assess"><bpmn:extensionElements><zeebe:calledDecision decisionId="risk-level" resultVariable="risk" /></bpmn:extensionElements></bpmn:businessRuleTask>`,
    `<bpmn:businessRuleTask id="assess-remote"><bpmn:extensionElements><zeebe:taskDefinition type="rules-engine" /></bpmn:extensionElements></bpmn:businessRuleTask>`,
    `<bpmn:callActivity id="check"><bpmn:extensionElements><zeebe:calledElement processId="=checkProcess" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>`,
    `<bpmn:callActivity id="check-fixed"><bpmn:extensionElements><zeebe:calledElement processId="payment-check" propagateAllParentVariables="false" /></bpmn:extensionElements></bpmn:callActivity>`,
    `<bpmn:task id="think" />`,
  ));

  it('compiles send, receive, business rule and call activities and abstract tasks into exactly their graph nodes', async () => {
    const { elements } = await graphOf(xml, { decisions: { 'risk-level': decision } });
    const activity = (id: string, n: number) => ({ id, incoming: [`f${n}`], outgoing: [`f${n + 1}`], properties: {}, ...NO_ACTIVITY_EXTRAS });
    expect(elements.request).toStrictEqual({
      ...activity('request', 1),
      kind: 'sendTask',
      trigger: { type: 'message', messageName: { literal: 'document-requested' }, correlationKey: { feel: 'documentId' } },
    });
    expect(elements.email).toStrictEqual({ ...activity('email', 2), kind: 'serviceTask', taskType: 'email', retries: 3, headers: {} });
    expect(elements.wait).toStrictEqual({
      ...activity('wait', 3),
      kind: 'receiveTask',
      trigger: { type: 'message', messageName: { literal: 'document-received' }, correlationKey: { feel: 'documentId' } },
    });
    expect(elements.assess).toStrictEqual({ ...activity('assess', 4), kind: 'businessRuleTask', decisionId: 'risk-level', resultVariable: 'risk', decision });
    expect(elements['assess-remote']).toStrictEqual({ ...activity('assess-remote', 5), kind: 'serviceTask', taskType: 'rules-engine', retries: 3, headers: {} });
    expect(elements.check).toStrictEqual({
      ...activity('check', 6),
      kind: 'callActivity',
      calledElement: { feel: 'checkProcess' },
      propagateAllChildVariables: false,
      propagateAllParentVariables: true,
    });
    expect(elements['check-fixed']).toStrictEqual({
      ...activity('check-fixed', 7),
      kind: 'callActivity',
      calledElement: { literal: 'payment-check' },
      propagateAllChildVariables: true,
      propagateAllParentVariables: false,
    });
    expect(elements.think).toStrictEqual({ ...activity('think', 8), kind: 'manualTask' });
  });

  it('calls the process named by the standard calledElement attribute when no zeebe:calledElement is given, and prefers the zeebe one (with a warning) when they differ', async () => {
    const standard = around('<bpmn:callActivity id="subject" calledElement="payment-check" />');
    const compiled = await compileBpmn(standard);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(compiled.processes[0].graph.elements.subject).toMatchObject({ kind: 'callActivity', calledElement: { literal: 'payment-check' }, propagateAllChildVariables: true });
    expect(compiled.warnings.filter((w) => w.rule === 'call-activity')).toEqual([]);

    const both = around('<bpmn:callActivity id="subject" calledElement="old-check"><bpmn:extensionElements><zeebe:calledElement processId="payment-check" /></bpmn:extensionElements></bpmn:callActivity>');
    const preferred = await compileBpmn(both);
    if (!preferred.ok) throw new Error(JSON.stringify(preferred.problems));
    expect(preferred.processes[0].graph.elements.subject).toMatchObject({ calledElement: { literal: 'payment-check' } });
    expect(preferred.warnings.filter((w) => w.rule === 'call-activity').map((w) => w.message)).toEqual([expect.stringContaining('"old-check" in calledElement and "payment-check" in zeebe:calledElement')]);

    expect(errorsOf(await compileBpmn(around('<bpmn:callActivity id="subject" calledElement="  " />')))).toEqual([{ elementId: 'subject', rule: 'call-activity' }]);
  });

  it('rejects a business rule task whose decision was not given to the compiler, naming the task and the decision', async () => {
    const problems = ownProblems(problemsOf(await compileBpmn(xml)));
    expect(problems).toEqual([
      {
        elementId: 'assess',
        rule: 'called-decision',
        severity: 'error',
        message: '<bpmn:BusinessRuleTask id="assess" /> calls decision "risk-level", which was not deployed with the process; deploy its .dmn file together with the .bpmn',
      },
    ]);
  });

  it('compiles a user task\'s schedule, priority, working-day sla and four-eyes rule', async () => {
    const { elements } = await graphOf(bpmn(`
      <bpmn:startEvent id="start" />
      ${userTask('prepare')}
      ${userTask('approve', `
        <zeebe:taskSchedule dueDate="=now() + duration(&quot;P2D&quot;)" followUpDate="2026-03-21T09:00:00Z" />
        <zeebe:priorityDefinition priority="80" />
        <ito:taskSla dueIn="P10D" calendar="iran" />
        <ito:fourEyes notCompletedBy="prepare" />`)}
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'prepare'], ['f2', 'prepare', 'approve'], ['f3', 'approve', 'end'])}`));
    expect(elements.approve).toStrictEqual({
      ...plainUserTask('approve', ['f2'], ['f3']),
      dueDate: { feel: 'now() + duration("P2D")' },
      followUpDate: { literal: '2026-03-21T09:00:00Z' },
      priority: { literal: '80' },
      sla: { dueIn: 'P10D', calendar: 'iran' },
      notCompletedBy: ['prepare'],
    });
  });
});

describe('compiler/compile - io mappings and loops', () => {
  it('compiles io mappings, a parallel multi-instance over a collection and a sequential one by cardinality', async () => {
    const { elements } = await graphOf(bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="vote">
        <bpmn:extensionElements>
          ${ASSIGNED}
          <zeebe:ioMapping>
            <zeebe:input source="=application.title" target="title" />
            <zeebe:input source="fixed text" target="note" />
            <zeebe:output source="=decision" target="result.vote" />
          </zeebe:ioMapping>
        </bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics>
          <bpmn:extensionElements>
            <zeebe:loopCharacteristics inputCollection="=members" inputElement="member" outputCollection="votes" outputElement="=decision" />
          </bpmn:extensionElements>
          <bpmn:completionCondition>=count(votes[item = "yes"]) >= 3</bpmn:completionCondition>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:userTask>
      <bpmn:serviceTask id="notify">
        <bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'vote'], ['f2', 'vote', 'notify'], ['f3', 'notify', 'end'])}`));
    expect(elements.vote).toStrictEqual({
      ...plainUserTask('vote', ['f1'], ['f2']),
      inputs: [
        { source: { feel: 'application.title' }, target: 'title' },
        { source: { literal: 'fixed text' }, target: 'note' },
      ],
      outputs: [{ source: { feel: 'decision' }, target: 'result.vote' }],
      multiInstance: {
        sequential: false,
        inputCollection: 'members',
        inputElement: 'member',
        outputCollection: 'votes',
        outputElement: 'decision',
        completionCondition: 'count(votes[item = "yes"]) >= 3',
      },
    });
    expect(elements.notify).toMatchObject({ multiInstance: { sequential: true, cardinality: '3' } });
    expect(elements.notify).not.toHaveProperty('multiInstance.inputCollection');
  });

  it('compiles a standard loop with its condition, test-before flag and maximum', async () => {
    const { elements } = await graphOf(around(`
      <bpmn:scriptTask id="subject">
        <bpmn:extensionElements><zeebe:script expression="=attempt + 1" resultVariable="attempt" /></bpmn:extensionElements>
        <bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="5"><bpmn:loopCondition>=attempt &lt; 3</bpmn:loopCondition></bpmn:standardLoopCharacteristics>
      </bpmn:scriptTask>`));
    expect(elements.subject).toMatchObject({ kind: 'scriptTask', loop: { condition: 'attempt < 3', testBefore: true, maximum: 5 } });
  });
});

describe('compiler/compile - inclusive and event-based gateways', () => {
  it('lists, per incoming flow of an inclusive join, the nodes a token could still come from (stopping at the join)', async () => {
    const condition = (flow: string, source: string, target: string, feel: string) =>
      `<bpmn:sequenceFlow id="${flow}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression>=${feel}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
    const { elements } = await graphOf(bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:inclusiveGateway id="fork" default="direct" />
      ${userTask('a')}
      ${userTask('b')}
      <bpmn:inclusiveGateway id="join" />
      <bpmn:exclusiveGateway id="again" default="done" />
      <bpmn:endEvent id="end" />
      ${flows(['f0', 'start', 'fork'], ['direct', 'fork', 'join'], ['ja', 'a', 'join'], ['jb', 'b', 'join'], ['f-again', 'join', 'again'], ['done', 'again', 'end'])}
      ${condition('to-a', 'fork', 'a', 'needsA')}
      ${condition('to-b', 'fork', 'b', 'needsB')}
      ${condition('loop', 'again', 'fork', 'repeat')}`));
    expect(elements.fork).toStrictEqual({
      kind: 'inclusiveGateway',
      id: 'fork',
      incoming: ['f0', 'loop'],
      outgoing: ['direct', 'to-a', 'to-b'],
      properties: {},
      defaultFlow: 'direct',
      // ids in document order; a token at the start can only reach the loop flow through the fork
      upstream: { f0: ['start'], loop: ['a', 'b', 'join', 'again'] },
    });
    // the walk back from each flow passes the fork and the loop, but never the join itself
    expect((elements.join as InclusiveGatewayNode).upstream).toStrictEqual({
      direct: ['start', 'fork', 'again'],
      ja: ['start', 'fork', 'a', 'again'],
      jb: ['start', 'fork', 'b', 'again'],
    });
  });

  it('compiles an event-based gateway before a timer catch event and a receive task', async () => {
    const { elements } = await graphOf(withRoots(message('m', 'answer', '=requestId'), `
      <bpmn:startEvent id="start" />
      <bpmn:eventBasedGateway id="wait" />
      <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:receiveTask id="answer" messageRef="m" />
      <bpmn:endEvent id="end" />
      ${flows(['f1', 'start', 'wait'], ['f-timeout', 'wait', 'timeout'], ['f-answer', 'wait', 'answer'], ['f2', 'timeout', 'end'], ['f3', 'answer', 'end'])}`));
    expect(elements.wait).toStrictEqual({ kind: 'eventBasedGateway', id: 'wait', incoming: ['f1'], outgoing: ['f-timeout', 'f-answer'], properties: {} });
    expect(elements.timeout).toMatchObject({ kind: 'intermediateCatchEvent', trigger: { type: 'timer', timer: { kind: 'duration', value: { literal: 'P7D' } } } });
    expect(elements.answer).toMatchObject({ kind: 'receiveTask', incoming: ['f-answer'] });
  });
});
