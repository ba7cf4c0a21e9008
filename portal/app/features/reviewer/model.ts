/** What the reviewer's pages read from the API (portal/server/routes/tasks.ts, task-notes.ts) and how a due date is coloured. */
import type { Tone } from '../../components/StatusChip';
import type { DocumentView } from '../../components/documents/uploads';
import type { FormSchema } from '../../components/forms/BpmnForm';
import type { TaskSummary } from '../../api/types';

export interface TaskApplication {
  trackingNumber: string;
  processKey: string;
  processVersion: number;
  processName: string | null;
  organisation: { nameFa: string; nameEn: string | null } | null;
}

/** A row of GET /api/tasks (a page of it). */
export interface TaskRow extends TaskSummary {
  priority: number;
  application: TaskApplication;
}

/** GET /api/tasks/:id. */
export interface TaskDetail extends TaskRow {
  form: FormSchema | null;
  prefill: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  application: TaskApplication & { submittedData: Record<string, unknown> | null };
  documents: DocumentView[];
}

/** GET /api/tasks/queues. */
export interface Queue {
  group: string;
  nameFa: string;
  nameEn: string;
  open: number;
  unassigned: number;
  overdue: number;
  /** this group takes the tasks whose model names nobody */
  fallback: boolean;
}

export interface TaskComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface TaskAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  author: string;
  createdAt: string;
}

/** Amber when a task is due within this many hours (two days). */
export const DUE_SOON_HOURS = 48;

export type DueState = 'overdue' | 'soon' | 'later' | 'none';

export function dueState(dueDate: string | null | undefined, now = Date.now()): DueState {
  if (!dueDate) return 'none';
  const due = new Date(dueDate).getTime();
  if (Number.isNaN(due)) return 'none';
  if (due < now) return 'overdue';
  return due - now <= DUE_SOON_HOURS * 3_600_000 ? 'soon' : 'later';
}

export const DUE_TONES: Record<DueState, Tone> = { overdue: 'err', soon: 'warn', later: 'grey', none: 'grey' };

/** A task's application as a page address. */
export const taskPath = (id: string): string => `/tasks/${encodeURIComponent(id)}/show`;
