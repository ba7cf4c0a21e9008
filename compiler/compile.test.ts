import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormSchema, ProcessGraph } from '../workflows/graph/types';
import { compileBpmn, definitionHash, type CompiledProcess } from './index';
import { DEFINITIONS, bpmn, readFixture } from './test-support';

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
    expect(result.ok && result.warnings).toEqual([
      { elementId: 'c', rule: 'no-executable-process', severity: 'warning', message: '<bpmn:Process id="c" /> is not executable (isExecutable is not true) and is skipped' },
    ]);
  });

  it('returns the warnings too when it rejects a file', async () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" xmlns:vendor="urn:vendor"><bpmn:extensionElements><vendor:meta /></bpmn:extensionElements></bpmn:startEvent>
      <bpmn:complexGateway id="split" /><bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" /><bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="end" />`);
    const result = await compileBpmn(xml);
    expect(result.ok === false && result.problems.map((p) => [p.elementId, p.severity])).toEqual([
      ['split', 'error'],
      ['start', 'warning'],
    ]);
  });
});

describe('compiler/compile - software-technical-approval.bpmn', () => {
  const xml = readFileSync(join(DEFINITIONS, 'software-technical-approval.bpmn'), 'utf8');

  it('compiles without warnings into exactly this graph (the schema-1 graph plus the schema-2 defaults)', async () => {
    const result = await compileBpmn(xml);
    expect(result.ok && result.warnings).toEqual([]);
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

  it('compiles manual tasks and none intermediate throw events, but not compensation throw events', async () => {
    expect((await compileBpmn(fixture('<bpmn:manualTask id="x" />'))).ok).toBe(true);
    expect((await compileBpmn(fixture('<bpmn:intermediateThrowEvent id="x" />'))).ok).toBe(true);
    expect(await problems(fixture('<bpmn:intermediateThrowEvent id="x"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>'))).toContainEqual(['x', 'unsupported-element']);
  });
});

