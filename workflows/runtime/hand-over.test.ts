import { compileBpmn } from '../../compiler';
import type { ProcessGraph } from '../graph/types';
import type { OpenTask } from '../state';
import { Channels } from './channels';
import { snapshotOf, type HandOverSource } from './hand-over';
import { Scope } from './scope';
import { Waits, type WaitHost } from './waits';

/** start → a → review (a user task with a compensation boundary event) → end; a and review have handlers. */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="carried" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:manualTask id="a" />
    <bpmn:boundaryEvent id="a-compensation" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:manualTask id="undo-a" isForCompensation="true" />
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="reviewers" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:boundaryEvent id="review-compensation" attachedToRef="review"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:manualTask id="undo-review" isForCompensation="true" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    <bpmn:association id="as-a" sourceRef="a-compensation" targetRef="undo-a" />
    <bpmn:association id="as-review" sourceRef="review-compensation" targetRef="undo-review" />
  </bpmn:process>
</bpmn:definitions>`;

async function graph(): Promise<ProcessGraph> {
  const result = await compileBpmn(XML);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.processes[0].graph;
}

function waitingAtReview(g: ProcessGraph, root: Scope): HandOverSource {
  return {
    graph: g,
    root,
    channels: new Channels(),
    waits: new Waits({} as WaitHost),
    positions: [{ elementId: 'review', scope: root }],
    tokenCount: 1,
    joinWaiting: false,
    scopeCount: 1,
    activations: new Map(),
    completed: [],
    takenFlows: ['f1', 'f2'],
    iterations: [],
    outcome: undefined,
    compensable: root.compensable,
  };
}

const task: OpenTask = { taskId: 'task-1', elementId: 'review', candidateGroups: ['reviewers'], candidateUsers: [], createdAt: '2026-01-01T00:00:00.000Z' };

describe('runtime/hand-over - compensation', () => {
  it('a task with a compensation boundary event is a quiet point, and what can be compensated is carried', async () => {
    const root = new Scope('process', 'process', 'carried', undefined);
    root.compensable.push({ elementId: 'a', handlerId: 'undo-a' });
    const carried = snapshotOf(waitingAtReview(await graph(), root), [task], {}, 0);
    expect(carried?.tokens.map((t) => t.elementId)).toEqual(['review']);
    expect(carried?.compensation).toEqual([{ elementId: 'a', handlerId: 'undo-a' }]);
  });

  it('carries no compensation record when nothing can be compensated (the state keeps its earlier shape)', async () => {
    const carried = snapshotOf(waitingAtReview(await graph(), new Scope('process', 'process', 'carried', undefined)), [task], {}, 0);
    expect(carried).toBeDefined();
    expect(carried).not.toHaveProperty('compensation');
  });
});

describe('runtime/hand-over - the completed path', () => {
  it('carries the flows taken so far into the next run (the diagram keeps the path across continue-as-new)', async () => {
    const carried = snapshotOf(waitingAtReview(await graph(), new Scope('process', 'process', 'carried', undefined)), [task], {}, 0);
    expect(carried?.takenFlows).toEqual(['f1', 'f2']);
  });
});
