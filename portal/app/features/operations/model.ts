/** What the operations routes answer (portal/server/routes/operations.ts), as the pages read it. */
import type { TaskSummary } from '../../api/types';

export const INSTANCE_STATES = ['running', 'incident', 'completed', 'cancelled', 'terminated', 'failed'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** Tracking-number prefixes: one per certificate family, RQ for requests that issue none. */
export const FAMILIES = ['TA', 'SA', 'AL', 'AP', 'EL', 'CP', 'DG', 'DA', 'RQ'] as const;

export interface InstanceRow {
  id: string;
  trackingNumber: string;
  processKey: string;
  processVersion: number;
  processName: string | null;
  versionTag: string | null;
  family: string;
  status: string;
  state: InstanceState | string;
  outcome: string | null;
  organisation: { nameFa: string; nameEn: string | null; nationalId: string };
  applicant: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export type StateCounts = Record<InstanceState, number>;

export interface InstanceIncident {
  incidentId: string;
  elementId: string;
  message: string;
  at: string;
  stack?: string;
}

export interface LiveState {
  status: string;
  outcome?: string;
  activeElements: string[];
  openTasks: { taskId: string; elementId: string; name?: string; assignee?: string; candidateGroups?: string[]; createdAt?: string; dueDate?: string }[];
  waits: Record<string, unknown>[];
  clock: string;
  incidents: InstanceIncident[];
  completed: { elementId: string; at: string }[];
  takenFlows?: string[];
  variables: Record<string, unknown>;
  continuations: number;
}

export type InstanceTask = TaskSummary;

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  actorRole: string | null;
  action: string;
  details: Record<string, unknown>;
}

export interface InstanceDetail extends InstanceRow {
  submittedData: Record<string, unknown>;
  tasks: InstanceTask[];
  history: HistoryEntry[];
  live: LiveState | null;
  liveError: string | null;
  /** `flows`: the sequence flows taken (the completed path). */
  diagram: { completed: string[]; flows: string[]; active: Record<string, number>; incidents: string[] };
  versions: { version: number; versionTag: string | null; name: string | null; deployedAt: string }[];
}

export interface OperationsInfo {
  temporalUiUrl: string | null;
  namespace: string;
}

/** The instance's workflow in the Temporal Web UI (its workflow id is the tracking number). */
export const temporalWorkflowUrl = (info: OperationsInfo, trackingNumber: string): string | null =>
  info.temporalUiUrl ? `${info.temporalUiUrl}/namespaces/${encodeURIComponent(info.namespace)}/workflows/${encodeURIComponent(trackingNumber)}` : null;
