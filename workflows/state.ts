/** The queryable state of one process instance. Plain data: it is what a query returns. */
import type { FormSchema } from './graph/types';
import type { CarriedMessages } from './runtime/channels';
import type { Compensable } from './runtime/compensation';

export interface ProcessInput {
  trackingNumber: string;
  applicationId: string;
  definition: { id: string; key: string; version: number; sha256: string };
  graph: import('./graph/types').ProcessGraph;
  variables: Record<string, unknown>;
  /** Start at this start event (a message or timer start) instead of the none start event. */
  startEventId?: string;
  /**
   * What the message or signal that started the instance carried: merged into `variables` (which
   * win), or, when the start event has output mappings, only the values they map from it.
   */
  eventVariables?: Record<string, unknown>;
  /** Set for a called process: the calling instance. */
  parent?: { trackingNumber: string };
  /** Administrators may move this instance's clock forward (test and demo installations). */
  clockControl?: boolean;
  /** Service tasks whose type has no handler complete with no output (`npm run bpmn -- run --stub-services`). */
  stubServices?: boolean;
  /** Continue as new once the history has this many events (default 4,000; Temporal's limit is far above). */
  continueAsNewAfterEvents?: number;
  /** Set when this run continues an earlier one (continue-as-new, or a migration to another version). */
  carried?: CarriedState;
}

/**
 * A token carried into the next run: waiting at a user task (`task`), or at a timer, message or
 * signal catch event or a receive task (`wait`), in the process scope.
 */
export interface CarriedToken {
  elementId: string;
  /** The open task of a token at a user task. */
  task?: OpenTask;
  /** What a token at a catch event or a receive task waits for. */
  wait?: CarriedWait;
  /**
   * Migrated to another element: a task is withdrawn and a new one opened; a message subscription is
   * replaced by the new element's; a timer counts again from when the token arrived.
   */
  reopen?: boolean;
  /** The element's boundary timers: how often each fired and when it was armed (due dates stay the same). */
  boundaryTimers?: Record<string, { fired: number; armedAt: number }>;
  /** The element's message boundary events: their subscriptions, which stay open across the hand-over. */
  boundaryMessages?: Record<string, CarriedSubscription>;
}

/** A message subscription kept open across a hand-over (its row in the database keeps its id). */
export interface CarriedSubscription {
  subscriptionId: string;
  name: string;
  correlationKey: string;
}

/** What a carried token waits for at its own element. */
export type CarriedWait =
  /** `dueAt`: engine time it fires (kept as it was); `armedAt`: when the token arrived. */
  | { kind: 'timer'; armedAt: number; dueAt: number }
  | ({ kind: 'message' } & CarriedSubscription)
  | { kind: 'signal' };

/**
 * Everything a run hands to the next one when it continues as new. Only taken at a quiet point:
 * every token of the process scope waits at a user task, a timer, message or signal catch event or a
 * receive task (boundary events: timers, messages, signals), and nothing else is under way.
 */
export interface CarriedState {
  variables: Record<string, unknown>;
  tokens: CarriedToken[];
  activations: Record<string, number>;
  completed: StepRecord[];
  /** Sequence flows taken so far (InstanceState.takenFlows); absent in runs carried before this was recorded. */
  takenFlows?: string[];
  /** Finished iterations of multi-instance and loop activities (absent when there were none). */
  iterations?: IterationRecord[];
  /** Who completed each element's user tasks (four-eyes rules). */
  completers: Record<string, string[]>;
  clockOffsetMs: number;
  outcome?: string;
  /** Runs so far (1 = the first continuation). */
  continuations: number;
  /** Messages delivered and not yet taken, and the ids already seen (absent in runs before this was carried). */
  messages?: CarriedMessages;
  /** Completions of the process scope that a compensation throw can still compensate (runtime/compensation.ts); absent when none. */
  compensation?: Compensable[];
}

export interface OpenTask {
  taskId: string;
  elementId: string;
  name?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  form?: FormSchema;
  createdAt: string;
  /** ISO date-time (zeebe:taskSchedule, or ito:taskSla in working days). */
  dueDate?: string;
  followUpDate?: string;
  /** 0-100, higher first (zeebe:priorityDefinition). */
  priority?: number;
  /** Four eyes (ito:fourEyes): whoever completed one of these elements may not complete this task. */
  notCompletedBy?: string[];
  /** The assignee took the task from its candidates (claim) and may give it back (unclaim). */
  claimed?: boolean;
  /**
   * Process variables the form's hide conditions name that are not fields of the form (e.g.
   * `productOrigin` in a fix form), as they were when the task opened: a condition sees them under
   * the submitted values, as form-js sees the task's variables.
   */
  formContext?: Record<string, unknown>;
}

/** What a token waits for besides user tasks and incidents. */
export type WaitRecord =
  | { kind: 'timer'; elementId: string; dueAt: string }
  | { kind: 'message'; elementId: string; name: string; correlationKey: string }
  | { kind: 'signal'; elementId: string; name: string }
  | { kind: 'condition'; elementId: string; condition: string }
  /** A call activity's child instance (its own workflow, with its own state query). */
  | { kind: 'call'; elementId: string; workflowId: string }
  /** A called instance's uncaught escalation, handed to its caller (`workflowId`) and not yet answered. */
  | { kind: 'escalation'; elementId: string; workflowId: string; escalationCode?: string }
  /** Tokens parked at a joining gateway: the incoming flows that brought one, and those it still waits on. */
  | { kind: 'join'; elementId: string; arrived: string[]; missing: string[] };

export interface Incident {
  incidentId: string;
  elementId: string;
  message: string;
  at: string;
  /** The failure's stack trace (an activity's comes from its worker), trimmed; absent when there is none. */
  stack?: string;
}

export interface StepRecord {
  elementId: string;
  at: string;
}

/** One finished iteration of a multi-instance or loop activity (loopCounter from 1). */
export interface IterationRecord extends StepRecord {
  loopCounter: number;
}

export interface InstanceState {
  status: 'running' | 'incident' | 'completed';
  outcome?: string;
  /** Element ids where tokens currently are. */
  activeElements: string[];
  openTasks: OpenTask[];
  /** Timers, message and signal subscriptions and conditions being waited for. */
  waits: WaitRecord[];
  /** Engine time (workflow time plus any clock advance), ISO. */
  clock: string;
  incidents: Incident[];
  /** Completed elements in completion order, repeats included. */
  completed: StepRecord[];
  /**
   * Sequence flows tokens have taken, each once, in the order first taken (the completed path on
   * the diagram). Absent when an older worker answered the query.
   */
  takenFlows?: string[];
  /** Finished iterations of multi-instance and loop activities, in order. */
  iterations: IterationRecord[];
  variables: Record<string, unknown>;
  definition: ProcessInput['definition'];
  /** How often the instance continued as new (history kept small) or was migrated. */
  continuations: number;
}
