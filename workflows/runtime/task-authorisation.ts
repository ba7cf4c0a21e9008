/**
 * Who may act on a running instance, and when: the checks behind the workflow's updates (complete,
 * claim and unclaim a user task, retry an incident, move the clock, migrate). Each check throws the
 * non-retryable ApplicationFailure the API turns into its HTTP status; it runs in the update's
 * validator (a refused update never reaches history) and again in its handler. The checks only read
 * the instance's state.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../errors';
import { validateFormInput } from '../forms/validate-form';
import type { ProcessGraph } from '../graph/types';
import { upgradeGraph } from '../graph/upgrade';
import type { Actor, AdvanceClockArgs, ClaimTaskArgs, CompleteUserTaskArgs, MigrateInstanceArgs, RetryIncidentArgs } from '../messages';
import type { CarriedState, OpenTask } from '../state';
import { carriableKind, type CarriableKind } from './hand-over';

/** What the checks read of the instance (owned by processWorkflow). */
export interface AuthorisationState {
  readonly graph: ProcessGraph;
  /** Started with clock control (a test or try-out instance): its clock may be moved. */
  readonly clockControl: boolean;
  readonly openTasks: ReadonlyMap<string, OpenTask>;
  /** Tasks whose completion was accepted, by task id (its token may not have taken it up yet). */
  readonly completions: { has(taskId: string): boolean };
  /** Who completed each element's user tasks, for four-eyes rules. */
  readonly completers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly incidents: { has(incidentId: string): boolean };
  readonly retriedIncidents: { has(incidentId: string): boolean };
  /** A migration was accepted and waits for its hand-over. */
  migrating(): boolean;
}

/** An accepted completion: the task, the role its actor completes it in, and the validated form values. */
export interface AuthorisedCompletion {
  task: OpenTask;
  role: string;
  values: Record<string, unknown>;
}

type Carried = Omit<CarriedState, 'continuations'>;

const KIND_NAMES: Record<CarriableKind, string> = {
  userTask: 'a user task',
  receiveTask: 'a receive task',
  timerCatch: 'a timer catch event',
  messageCatch: 'a message catch event',
  signalCatch: 'a signal catch event',
};

function fail(type: FailureType, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

/** The candidate group (or relation) under which the actor may work on the task, if any. */
export function actingRole(task: OpenTask, actor: Actor): string | undefined {
  if (task.assignee && task.assignee !== actor.username) {
    // a counter office's agent completes the tasks the process gave the company's applicant
    return actor.onBehalfOf !== undefined && actor.onBehalfOf === task.assignee && !task.claimed ? 'agent' : undefined;
  }
  if (task.assignee && !task.claimed) return 'assignee';
  if (task.candidateUsers.includes(actor.username)) return 'candidate-user';
  return task.candidateGroups.find((g) => actor.groups.includes(g));
}

export class TaskAuthorisation {
  constructor(private readonly state: AuthorisationState) {}

  checkCompletion({ taskId, actor, values }: CompleteUserTaskArgs): AuthorisedCompletion {
    const task = this.openTask(taskId);
    const role = actingRole(task, actor);
    if (!role) fail(FailureType.NotAuthorised, `${actor.username} may not complete task ${taskId} (${task.elementId})`);
    const earlier = (task.notCompletedBy ?? []).find((elementId) => this.state.completers.get(elementId)?.has(actor.username));
    if (earlier) fail(FailureType.NotAuthorised, `four eyes: ${actor.username} completed ${earlier} and may not also complete ${task.elementId}`);
    const result = task.form ? validateFormInput(task.form, values, task.formContext) : { ok: true as const, values: { ...values } };
    if (!result.ok) fail(FailureType.InvalidInput, `the form of task ${taskId} has invalid fields`, { errors: result.errors });
    return { task, role, values: result.values };
  }

  checkClaim({ taskId, actor }: ClaimTaskArgs): OpenTask {
    const task = this.openTask(taskId);
    if (task.assignee && !task.claimed) fail(FailureType.Refused, `task ${taskId} is assigned by the process and cannot be claimed`);
    if (task.assignee && task.assignee !== actor.username) fail(FailureType.Refused, `task ${taskId} is already claimed by someone else`);
    if (!actingRole(task, actor)) fail(FailureType.NotAuthorised, `${actor.username} is not a candidate for task ${taskId}`);
    return task;
  }

  checkUnclaim({ taskId, actor }: ClaimTaskArgs): OpenTask {
    const task = this.openTask(taskId);
    if (!task.claimed) fail(FailureType.Refused, `task ${taskId} is not claimed`);
    if (task.assignee !== actor.username && !actor.roles.includes('admin')) fail(FailureType.NotAuthorised, `only ${task.assignee} or an administrator may unclaim task ${taskId}`);
    return task;
  }

  checkRetry({ incidentId, actor }: RetryIncidentArgs): void {
    if (!this.state.incidents.has(incidentId) || this.state.retriedIncidents.has(incidentId)) fail(FailureType.NotFound, `no open incident ${incidentId}`);
    if (!actor.roles.includes('admin')) fail(FailureType.NotAuthorised, 'only administrators may retry incidents');
  }

  checkAdvance({ byMs, actor }: AdvanceClockArgs): void {
    if (!this.state.clockControl) fail(FailureType.NotAuthorised, 'this instance was not started with clock control');
    if (!actor.roles.includes('admin')) fail(FailureType.NotAuthorised, 'only administrators may move the clock');
    if (!Number.isSafeInteger(byMs) || byMs <= 0) fail(FailureType.InvalidInput, 'byMs must be a positive whole number of milliseconds');
  }

  /** `snapshot`: the state a hand-over would carry now (undefined when the instance is not quiet). */
  checkMigration(args: MigrateInstanceArgs, snapshot: () => Carried | undefined): void {
    if (!args.actor.roles.includes('admin')) fail(FailureType.NotAuthorised, 'only administrators may migrate instances');
    if (this.state.migrating()) fail(FailureType.Refused, 'a migration of this instance is already under way');
    const state = snapshot();
    if (!state) {
      fail(
        FailureType.Refused,
        'the instance can be migrated only while every token of the process waits at a user task, a receive task or a timer, message or signal catch event (boundary events: timers, messages, signals) and nothing else is under way',
      );
    }
    const source = this.state.graph;
    const target = upgradeGraph(args.graph);
    // a token moves only to the same kind of wait: a user task to a user task, a timer catch event to a timer catch event, …
    const kindOf = (t: { elementId: string }) => carriableKind(source.elements[t.elementId], source);
    const stranded = state.tokens.filter((t) => carriableKind(target.elements[args.mapping[t.elementId] ?? t.elementId], target) !== kindOf(t));
    if (stranded.length > 0) {
      const waits = stranded.map((t) => `${t.elementId} (${KIND_NAMES[kindOf(t)!]})`).join(', ');
      fail(
        FailureType.Refused,
        `the migration would strand tokens at ${stranded.map((t) => t.elementId).join(', ')}: map each to an element of the same kind in version ${args.definition.version} — ${waits} — without loops or mappings, with boundary events only of the kinds carried (timers, messages, signals)`,
        { stranded: stranded.map((t) => t.elementId) },
      );
    }
  }

  private openTask(taskId: string): OpenTask {
    const task = this.state.openTasks.get(taskId);
    if (!task || this.state.completions.has(taskId)) fail(FailureType.NotFound, `no open task ${taskId}`);
    return task;
  }
}
