import type { InstanceState } from '../../../workflows/state';
import { diagramMarks } from './operations';

/** start → review → split; split → approve → end, split → reject → rejected. */
const graph = {
  flows: Object.fromEntries(
    [
      ['f1', 'start', 'review'],
      ['f2', 'review', 'split'],
      ['toApprove', 'split', 'approve'],
      ['toReject', 'split', 'reject'],
      ['f3', 'approve', 'end'],
      ['f4', 'reject', 'rejected'],
      ['reviewToApprove', 'review', 'approve'],
    ].map(([id, sourceRef, targetRef]) => [id, { id, sourceRef, targetRef }]),
  ),
};

const taskCompleted = (elementId: string) => ({ action: 'task.completed', details: { elementId } });

const liveState = (extra: Partial<InstanceState>): InstanceState => ({
  status: 'completed', activeElements: [], openTasks: [], waits: [], clock: '2026-01-01T00:00:00.000Z', incidents: [],
  completed: [], iterations: [], variables: {}, definition: { id: 'd', key: 'k', version: 1, sha256: '' }, continuations: 0, ...extra,
});

describe('operations - diagramMarks: the completed path', () => {
  it('marks the flows the live state says tokens took', () => {
    const live = liveState({ completed: [{ elementId: 'start', at: '' }, { elementId: 'review', at: '' }], takenFlows: ['f1', 'f2'] });
    expect(diagramMarks(live, [], 'completed', graph).flows).toEqual(['f1', 'f2']);
  });

  // after Temporal's retention only the history is left: the path is what completed elements tell
  it('without a live state, marks the flows whose source and target both completed, and no flow to an element that did not', () => {
    const marks = diagramMarks(undefined, [taskCompleted('review'), taskCompleted('approve')], 'completed', graph);
    expect(marks.completed).toEqual(['review', 'approve']);
    expect(marks.flows).toEqual(['reviewToApprove']);
  });

  it('falls back the same way when an older worker answered without the flows taken', () => {
    const live = liveState({ completed: [{ elementId: 'start', at: '' }, { elementId: 'review', at: '' }, { elementId: 'split', at: '' }, { elementId: 'reject', at: '' }] });
    expect(diagramMarks(live, [], 'completed', graph).flows).toEqual(['f1', 'f2', 'toReject']);
  });

  it('marks no flow when neither the live state nor the model is at hand', () => {
    expect(diagramMarks(undefined, [taskCompleted('review'), taskCompleted('approve')], 'completed').flows).toEqual([]);
  });
});
