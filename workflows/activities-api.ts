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
}

export interface ServiceTaskResult {
  /** Variables to merge into the process scope. */
  variables: Record<string, unknown>;
}

export interface ApplicationStatusInput extends InstanceRef {
  status: 'running' | 'completed' | 'failed' | 'incident';
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
}
