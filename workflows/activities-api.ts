/**
 * What the workflow may ask of the outside world. Only types live here: the implementations are in
 * activities/ and the workflow reaches them through proxyActivities.
 */
import type { OpenTask } from './state';

export interface InstanceRef {
  trackingNumber: string;
  applicationId: string;
}

export interface OpenUserTaskInput extends InstanceRef, OpenTask {
  /** Current values of the form's fields, to prefill it. */
  prefill: Record<string, unknown>;
}

export interface CloseUserTaskInput extends InstanceRef {
  taskId: string;
  elementId: string;
  completedBy: string;
  completedByRole: string;
  output: Record<string, unknown>;
  completedAt: string;
}

export interface ServiceTaskInput extends InstanceRef {
  elementId: string;
  activation: number;
  taskType: string;
  headers: Record<string, string>;
  variables: Record<string, unknown>;
  /** Complete with no output when no handler has this type, instead of failing (model try-outs). */
  stubUnknownTypes?: boolean;
}

export interface ServiceTaskResult {
  /** Variables to merge into the process scope. */
  variables: Record<string, unknown>;
  /** A business failure the model may catch with an error boundary event (a zeebe job's throwError). */
  bpmnError?: { code: string; message?: string };
}

export interface CancelUserTaskInput extends InstanceRef {
  taskId: string;
  elementId: string;
  /** Why the task was withdrawn (the boundary event or scope that interrupted it). */
  reason: string;
}

export interface MessageSubscriptionInput extends InstanceRef {
  /** `<elementId>:<activation>`: unique in the instance. */
  subscriptionId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
}

export interface BufferedMessage {
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  /** Epoch ms. */
  expiresAt: number;
}

export interface PublishMessageInput extends InstanceRef {
  elementId: string;
  /** Idempotency: the same id is published once however often the activity runs. */
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  timeToLiveMs: number;
}

export interface BroadcastSignalInput extends InstanceRef {
  elementId: string;
  signalId: string;
  name: string;
  variables: Record<string, unknown>;
}

export interface CalledProcess {
  definition: { id: string; key: string; version: number; sha256: string };
  graph: import('./graph/types').ProcessGraph;
}

export interface ApplicationStatusInput extends InstanceRef {
  status: 'running' | 'completed' | 'failed' | 'incident' | 'cancelled';
  outcome?: string;
  /** Element id that caused the change (end event, failing task). */
  elementId?: string;
  message?: string;
}

export interface EngineActivities {
  openUserTask(input: OpenUserTaskInput): Promise<void>;
  closeUserTask(input: CloseUserTaskInput): Promise<void>;
  runServiceTask(input: ServiceTaskInput): Promise<ServiceTaskResult>;
  recordApplicationStatus(input: ApplicationStatusInput): Promise<void>;
  /** Records a claim (assignee set) or an unclaim (assignee null) of an open task. */
  assignUserTask(input: InstanceRef & { taskId: string; assignee: string | null; actor: string }): Promise<void>;
  /** Withdraws an open task (an interrupting event or a cancelled scope took its token away). */
  cancelUserTask(input: CancelUserTaskInput): Promise<void>;
  /** Registers where a message can be correlated and returns the live buffered messages that match. */
  openMessageSubscription(input: MessageSubscriptionInput): Promise<BufferedMessage[]>;
  closeMessageSubscription(input: MessageSubscriptionInput): Promise<void>;
  publishMessage(input: PublishMessageInput): Promise<void>;
  broadcastSignal(input: BroadcastSignalInput): Promise<void>;
  /** The newest deployed version of a process, for a call activity. */
  resolveCalledProcess(input: { processId: string }): Promise<CalledProcess>;
  /** Starts an instance for a timer start event's schedule firing (idempotent per eventId); returns tracking numbers. */
  startByTimer(input: { processKey: string; startEventId: string; eventId: string }): Promise<string[]>;
  /** A working-day calendar by id (definitions/calendars/, editable by administrators). */
  loadCalendar(input: { calendarId: string }): Promise<unknown>;
  /** Starts the legal-deadline ruling of every application whose legal time ran out (idempotent). */
  sweepLegalDeadlines(): Promise<LegalDeadlineSweepResult>;
  /** Republishes CRLs and OCSP answers that are stale or changed (idempotent); empty in a worker without the publisher. */
  publishRevocationData(): Promise<RevocationPublishResult>;
}

export interface RevocationPublishResult {
  /** Per issuing CA generation: whether anything was written ('no key': its key is not on disk). */
  generations: { id: string; written: boolean | 'no key' }[];
}

export interface LegalDeadlineSweepResult {
  /** Ruled application → its legal-deadline ruling. */
  ruled: { trackingNumber: string; ruling: string; deadline: string }[];
  checked: number;
}
