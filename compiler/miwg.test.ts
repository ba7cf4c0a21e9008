import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CompiledDecision } from '../workflows/graph/types';
import { compileBpmn } from './index';
import { errorsOf } from './test-support';

/** OMG BPMN MIWG reference models: real files from many tools, mostly beyond what the engine runs. */
/** ../shared beside the project's clone (as on CI); MIWG_DIR overrides. */
const MIWG = process.env.MIWG_DIR ?? resolve(__dirname, '..', '..', 'shared', 'conformance', 'miwg');
const files = existsSync(MIWG) ? readdirSync(MIWG).filter((f) => f.endsWith('.bpmn')).sort() : [];

describe('compiler - MIWG reference models', () => {
  it('finds the reference models beside the project', () => {
    expect({ dir: MIWG, models: files.length }).toEqual({ dir: MIWG, models: 21 });
  });

  it.each(files)('%s compiles or is rejected with problems that each name an element', async (file) => {
    const result = await compileBpmn(readFileSync(join(MIWG, file), 'utf8'));
    const problems = result.ok ? result.warnings : result.problems;
    if (!result.ok) expect(problems.some((p) => p.severity === 'error')).toBe(true);
    for (const problem of problems) {
      expect(problem.elementId).toMatch(/\S/);
      expect(problem.rule).not.toBe('internal-error');
      expect(problem.message).toMatch(/^[^A-Z]/);
    }
  });

  const read = (file: string) => readFileSync(join(MIWG, file), 'utf8');

  it('deploys the Camunda 8 document request model (C.9.1) as Zeebe does, its unassigned user task offered to the fallback group', async () => {
    // its send tasks (job workers), receive task and timer boundary events are executed now
    const result = await compileBpmn(read('C.9.1.bpmn'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.warnings.filter((w) => w.rule === 'user-task-assignment').map((w) => w.elementId)).toEqual(['UserTask_CallCustomer']);
    expect(result.processes[0].graph.elements.UserTask_CallCustomer).toMatchObject({ assignment: { candidateGroups: ['process-administrators'], fallback: true } });
  });

  it('compiles C.9.1 once that user task is assigned: send tasks as jobs, the receive task and both timers', async () => {
    const xml = read('C.9.1.bpmn').replace(
      /(<bpmn:userTask id="UserTask_CallCustomer" name="Call customer">)/,
      '$1<bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="clerks" /></bpmn:extensionElements>',
    );
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { elements } = result.processes[0].graph;
    expect(elements.SendTask_RequestDocument).toMatchObject({ kind: 'serviceTask', taskType: 'email' });
    expect(elements.ReceiveTask_WaitForDocument).toMatchObject({
      kind: 'receiveTask',
      boundaryEventIds: ['BoundaryEvent_1', 'BoundaryEvent_2'],
      trigger: { type: 'message', messageName: { literal: 'MESSAGE_documentReceived' }, correlationKey: { feel: 'documentReferenceId' } },
    });
    expect(elements.BoundaryEvent_1).toMatchObject({ cancelActivity: false, trigger: { type: 'timer', timer: { kind: 'cycle', value: { literal: 'R6/P1D' } } } });
    expect(elements.BoundaryEvent_2).toMatchObject({ cancelActivity: true, trigger: { type: 'timer', timer: { kind: 'duration', value: { literal: 'P7D' } } } });
  });

  it('compiles the Camunda 8 manual check model (C.9.2): event sub-processes, an error end event, a multi-instance call activity', async () => {
    const result = await compileBpmn(read('C.9.2.bpmn'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { graph } = result.processes[0];
    expect(graph.eventSubProcessIds).toEqual(['Activity_0uvp3cb', 'Activity_1esx1s7', 'Activity_02a6b2h']);
    expect(graph.elements.StartTimerEvent_AcceleratedDecision).toMatchObject({ parent: 'Activity_1esx1s7', interrupting: false, trigger: { type: 'timer', timer: { kind: 'cycle' } } });
    expect(graph.elements.ErrorEndEvent_Timeout).toMatchObject({ kind: 'endEvent', trigger: { type: 'error', errorCode: '02' } });
    expect(graph.elements.CallActivity_RequestDocument).toMatchObject({
      kind: 'callActivity',
      calledElement: { literal: 'requestDocument_en' },
      multiInstance: { sequential: false, inputCollection: 'documents', inputElement: 'document' },
    });
  });

  it('rejects the Camunda 8 onboarding model (C.9.0) only for its decision unless given (its unassigned user task deploys with a warning)', async () => {
    // its start event's output mapping (documentReferenceId) is executed now
    expect(errorsOf(await compileBpmn(read('C.9.0.bpmn')))).toEqual([{ elementId: 'BusinessRuleTask_CheckApplicationAutomatically', rule: 'called-decision' }]);
    const decision: CompiledDecision = { decisionId: 'risk_check', hitPolicy: 'COLLECT', inputs: [], outputs: [], rules: [] };
    const withDecision = await compileBpmn(read('C.9.0.bpmn'), { decisions: { risk_check: decision } });
    if (!withDecision.ok) throw new Error(JSON.stringify(withDecision.problems));
    expect(withDecision.warnings.filter((w) => w.rule === 'user-task-assignment').map((w) => w.elementId)).toEqual(['UserTask_HandleTimeout']);
  });

  it('compiles C.9.0 once its user task is assigned and its decision given, with the start event output mapping', async () => {
    const xml = read('C.9.0.bpmn').replace(
      /(<bpmn2:documentation>Manually handles the timeout<\/bpmn2:documentation>)/,
      '$1<bpmn2:extensionElements><zeebe:assignmentDefinition candidateGroups="clerks" /></bpmn2:extensionElements>',
    );
    const decision: CompiledDecision = { decisionId: 'risk_check', hitPolicy: 'COLLECT', inputs: [], outputs: [], rules: [] };
    const result = await compileBpmn(xml, { decisions: { risk_check: decision } });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const graph = result.processes.find((p) => p.graph.elements.StartEvent_ApplicationReceived)?.graph;
    expect(graph?.elements.StartEvent_ApplicationReceived).toMatchObject({ kind: 'startEvent', outputs: [{ source: { feel: 'string(now())' }, target: 'documentReferenceId' }] });
  });

  it('rejects the descriptive models because none of their processes is executable', async () => {
    const errors = errorsOf(await compileBpmn(readFileSync(join(MIWG, 'A.1.0.bpmn'), 'utf8')));
    expect(errors).toEqual([{ elementId: '_1373649849716', rule: 'no-executable-process' }]);
  });

  it('rejects the invoice model for its bpmn potential owners and non-feel conditions', async () => {
    const errors = errorsOf(await compileBpmn(readFileSync(join(MIWG, 'C.1.1.bpmn'), 'utf8')));
    expect(errors).toEqual(
      expect.arrayContaining([
        { elementId: 'approveInvoice', rule: 'unsupported-element' },
        { elementId: 'invoiceApproved', rule: 'feel-syntax' },
        { elementId: 'archiveInvoice', rule: 'service-task-type' },
      ]),
    );
  });
});
