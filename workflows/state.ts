/** The queryable state of one process instance. Plain data: it is what a query returns. */
import type { FormSchema } from './graph/types';

export interface ProcessInput {
  trackingNumber: string;
  applicationId: string;
  definition: { id: string; key: string; version: number; sha256: string };
  graph: import('./graph/types').ProcessGraph;
  variables: Record<string, unknown>;
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
}

export interface Incident {
  incidentId: string;
  elementId: string;
  message: string;
  at: string;
}

export interface StepRecord {
  elementId: string;
  at: string;
}

export interface InstanceState {
  status: 'running' | 'incident' | 'completed';
  outcome?: string;
  /** Element ids where tokens currently are. */
  activeElements: string[];
  openTasks: OpenTask[];
  incidents: Incident[];
  /** Completed elements in completion order, repeats included. */
  completed: StepRecord[];
  variables: Record<string, unknown>;
  definition: ProcessInput['definition'];
}
