import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../errors';
import type { FlowNode, FormSchema, IntermediateCatchEventNode, ProcessGraph, UserTaskNode } from '../graph/types';
import type { Actor, MigrateInstanceArgs } from '../messages';
import type { CarriedState, OpenTask } from '../state';
import { TaskAuthorisation, type AuthorisationState } from './task-authorisation';

const actor = (username: string, over: Partial<Actor> = {}): Actor => ({ username, roles: [], groups: [], ...over });
const admin = actor('admin', { roles: ['admin'] });
const task = (over: Partial<OpenTask> = {}): OpenTask => ({ taskId: 't1', elementId: 'review', candidateGroups: ['reviewers'], candidateUsers: [], createdAt: '', ...over });

const userTask = (id: string): UserTaskNode =>
  ({ id, kind: 'userTask', incoming: [], outgoing: [], properties: {}, boundaryEventIds: [], inputs: [], outputs: [], notCompletedBy: [], assignment: { candidateGroups: [], candidateUsers: [] } }) as unknown as UserTaskNode;
const timerCatch = (id: string): IntermediateCatchEventNode =>
  ({ id, kind: 'intermediateCatchEvent', incoming: [], outgoing: [], properties: {}, trigger: { type: 'timer', timer: { duration: 'P1D' } } }) as unknown as IntermediateCatchEventNode;
const graphOf = (...nodes: FlowNode[]): ProcessGraph =>
  ({ schemaVersion: 2, processId: 'p', startEventIds: [], eventSubProcessIds: [], elements: Object.fromEntries(nodes.map((n) => [n.id, n])), flows: {} }) as unknown as ProcessGraph;

function authorisationOf(over: Partial<AuthorisationState> = {}, tasks: OpenTask[] = [task()]): TaskAuthorisation {
  return new TaskAuthorisation({
    graph: graphOf(userTask('review'), timerCatch('wait')),
    clockControl: false,
    openTasks: new Map(tasks.map((t) => [t.taskId, t])),
    completions: new Set<string>(),
    completers: new Map(),
    incidents: new Set<string>(),
    retriedIncidents: new Set<string>(),
    migrating: () => false,
    ...over,
  });
}

/** The failure a check throws, as the API sees it; undefined when the check passes. */
function refusal(check: () => unknown): { type: string | undefined; message: string; details: unknown[] | undefined } | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (!(err instanceof ApplicationFailure)) throw err;
    expect(err.nonRetryable).toBe(true);
    return { type: err.type ?? undefined, message: err.message, details: err.details as unknown[] | undefined };
  }
}

describe('runtime/task-authorisation - completing a user task', () => {
  it('accepts a candidate and returns the role it acts in with the submitted values', () => {
    const result = authorisationOf().checkCompletion({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }), values: { approved: true } });
    expect(result).toEqual({ task: task(), role: 'reviewers', values: { approved: true } });
  });

  it('refuses a task that is not open, or whose completion was already accepted', () => {
    expect(refusal(() => authorisationOf().checkCompletion({ taskId: 'other', actor: admin, values: {} }))?.type).toBe(FailureType.NotFound);
    const accepted = authorisationOf({ completions: new Set(['t1']) });
    expect(refusal(() => accepted.checkCompletion({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }), values: {} }))?.type).toBe(FailureType.NotFound);
  });

  it('refuses an actor who is neither assignee nor candidate', () => {
    expect(refusal(() => authorisationOf().checkCompletion({ taskId: 't1', actor: actor('x', { groups: ['others'] }), values: {} }))?.type).toBe(FailureType.NotAuthorised);
  });

  it('holds four eyes: whoever completed a named earlier element may not complete this one', () => {
    const auth = authorisationOf({ completers: new Map([['formal', new Set(['r1'])]]) }, [task({ notCompletedBy: ['formal'] })]);
    const refused = refusal(() => auth.checkCompletion({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }), values: {} }));
    expect(refused).toMatchObject({ type: FailureType.NotAuthorised, message: expect.stringContaining('four eyes') });
    expect(auth.checkCompletion({ taskId: 't1', actor: actor('r2', { groups: ['reviewers'] }), values: {} }).role).toBe('reviewers');
  });

  it('refuses values the task form rejects, naming the fields', () => {
    const form: FormSchema = { components: [{ key: 'reason', type: 'textfield', validate: { required: true } }] };
    const refused = refusal(() => authorisationOf({}, [task({ form })]).checkCompletion({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }), values: {} }));
    expect(refused?.type).toBe(FailureType.InvalidInput);
    expect(JSON.stringify(refused?.details)).toContain('reason');
  });
});

describe('runtime/task-authorisation - claiming and unclaiming', () => {
  it('lets a candidate claim an unassigned task', () => {
    expect(authorisationOf().checkClaim({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }) })).toEqual(task());
  });

  it('refuses a claim on a task the process assigned, one claimed by someone else, and by a non-candidate', () => {
    const assigned = authorisationOf({}, [task({ assignee: 'applicant' })]);
    expect(refusal(() => assigned.checkClaim({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }) }))?.type).toBe(FailureType.Refused);
    const claimed = authorisationOf({}, [task({ assignee: 'r2', claimed: true })]);
    expect(refusal(() => claimed.checkClaim({ taskId: 't1', actor: actor('r1', { groups: ['reviewers'] }) }))?.type).toBe(FailureType.Refused);
    expect(refusal(() => authorisationOf().checkClaim({ taskId: 't1', actor: actor('x') }))?.type).toBe(FailureType.NotAuthorised);
  });

  it('lets the claimant or an administrator unclaim, and nobody else; an unclaimed task cannot be unclaimed', () => {
    const claimed = authorisationOf({}, [task({ assignee: 'r1', claimed: true })]);
    expect(claimed.checkUnclaim({ taskId: 't1', actor: actor('r1') }).assignee).toBe('r1');
    expect(claimed.checkUnclaim({ taskId: 't1', actor: admin }).assignee).toBe('r1');
    expect(refusal(() => claimed.checkUnclaim({ taskId: 't1', actor: actor('r2', { groups: ['reviewers'] }) }))?.type).toBe(FailureType.NotAuthorised);
    expect(refusal(() => authorisationOf().checkUnclaim({ taskId: 't1', actor: admin }))?.type).toBe(FailureType.Refused);
  });
});

describe('runtime/task-authorisation - incidents and the clock', () => {
  it('lets only an administrator retry an open incident, once', () => {
    const auth = authorisationOf({ incidents: new Set(['i/1', 'i/2']), retriedIncidents: new Set(['i/2']) });
    expect(refusal(() => auth.checkRetry({ incidentId: 'i/1', actor: admin }))).toBeUndefined();
    expect(refusal(() => auth.checkRetry({ incidentId: 'i/1', actor: actor('r1') }))?.type).toBe(FailureType.NotAuthorised);
    expect(refusal(() => auth.checkRetry({ incidentId: 'i/2', actor: admin }))?.type).toBe(FailureType.NotFound);
    expect(refusal(() => auth.checkRetry({ incidentId: 'i/3', actor: admin }))?.type).toBe(FailureType.NotFound);
  });

  it('moves the clock only of an instance with clock control, for an administrator, by a positive whole number', () => {
    expect(refusal(() => authorisationOf().checkAdvance({ byMs: 1000, actor: admin }))?.type).toBe(FailureType.NotAuthorised);
    const controlled = authorisationOf({ clockControl: true });
    expect(refusal(() => controlled.checkAdvance({ byMs: 1000, actor: admin }))).toBeUndefined();
    expect(refusal(() => controlled.checkAdvance({ byMs: 1000, actor: actor('r1') }))?.type).toBe(FailureType.NotAuthorised);
    for (const byMs of [0, -5, 1.5]) expect(refusal(() => controlled.checkAdvance({ byMs, actor: admin }))?.type).toBe(FailureType.InvalidInput);
  });
});

describe('runtime/task-authorisation - migration', () => {
  const quiet = (): Omit<CarriedState, 'continuations'> => ({
    variables: {},
    tokens: [{ elementId: 'review', task: task() }, { elementId: 'wait', wait: { kind: 'timer', armedAt: 0, dueAt: 1 } }],
    activations: {},
    completed: [],
    completers: {},
    clockOffsetMs: 0,
  });
  const migrate = (graph: ProcessGraph, mapping: Record<string, string> = {}, by: Actor = admin): MigrateInstanceArgs => ({
    definition: { id: 'd2', key: 'p', version: 2, sha256: '' },
    graph,
    mapping,
    actor: by,
  });

  it('accepts a migration that maps each waiting token to an element of the same kind', () => {
    const target = graphOf(userTask('review2'), timerCatch('wait'));
    expect(refusal(() => authorisationOf().checkMigration(migrate(target, { review: 'review2' }), quiet))).toBeUndefined();
  });

  it('refuses a non-administrator, a second migration, and an instance that is not quiet', () => {
    const target = graphOf(userTask('review'), timerCatch('wait'));
    expect(refusal(() => authorisationOf().checkMigration(migrate(target, {}, actor('r1')), quiet))?.type).toBe(FailureType.NotAuthorised);
    expect(refusal(() => authorisationOf({ migrating: () => true }).checkMigration(migrate(target), quiet))?.type).toBe(FailureType.Refused);
    expect(refusal(() => authorisationOf().checkMigration(migrate(target), () => undefined))?.type).toBe(FailureType.Refused);
  });

  it('refuses a mapping that would strand a token, naming it and what it waits at', () => {
    // the timer catch event's token would land on a user task
    const target = graphOf(userTask('review'), userTask('wait'));
    const refused = refusal(() => authorisationOf().checkMigration(migrate(target), quiet));
    expect(refused).toMatchObject({ type: FailureType.Refused, details: [{ stranded: ['wait'] }] });
    expect(refused?.message).toContain('wait (a timer catch event)');
  });
});
