/** What the applicant's pages read from the API (portal/server/routes/applications.ts, tasks.ts, notifications.ts), and the words for its codes. */
import type { Tone } from '../../components/StatusChip';
import type { DocumentView } from '../../components/documents/uploads';
import type { FormSchema } from '../../components/forms/BpmnForm';
import type { AgentStamp } from '../feedback/model';

export interface DecisionTime {
  within: string;
  calendar: string;
  pausedWorkingDays: number;
  /** Each time the applicant held the file (to = null: holds it now), for a fix request or a fee to pay: the legal clock stood still. */
  clockStops?: { reason?: 'applicant-task' | 'fee-payment'; from: string; to: string | null; workingDays: number }[];
  /** The legal deadline. */
  expectedAt: string;
  overdue: boolean;
  basis?: 'approval' | 'registration' | null;
  onDeadline?: 'deemed-approval' | 'escalate' | null;
}

/** GET /api/applications/:tracking `appeal`: the appeal window of a rejection. */
export interface AppealState {
  open: boolean;
  until: string;
  windowWorkingDays: number;
  reviewerGroup: string;
  appeal: { trackingNumber: string; status: string; outcome: string | null } | null;
}

export interface CertificateRef {
  number: string;
  status: string;
  issuedAt?: string;
  expiresAt?: string;
}

export interface OpenTaskRef {
  id: string;
  elementId: string;
  name: string | null;
  dueDate: string | null;
  createdAt: string;
  forApplicant: boolean;
}

/** A row of GET /api/applications, with the fields the list filters and sorts on. */
export interface ApplicationRow {
  id: string;
  applicationId: string;
  trackingNumber: string;
  processKey: string;
  processVersion: number;
  status: string;
  outcome: string | null;
  submittedData: Record<string, unknown> | null;
  createdAt: string;
  completedAt: string | null;
  certificates: CertificateRef[];
  openTasks: OpenTaskRef[];
  decisionTime: DecisionTime | null;
  /** Derived: the application waits for its applicant (a fix task). */
  waiting: boolean;
  expectedAt: string | null;
  /** Derived: the tracking number and what was applied for, for the search box. */
  searchText: string;
}

export interface TaskRecord {
  id: string;
  elementId: string;
  name: string | null;
  status: string;
  assignee: string | null;
  candidateGroups: string;
  candidateUsers: string;
  form: FormSchema | null;
  prefill: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  completedBy: string | null;
  createdAt: string;
  completedAt: string | null;
  dueDate: string | null;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown> | null;
  /** the counter office's agent who took this step, with its contract (routes/applications.ts) */
  agent?: AgentStamp | null;
}

/** GET /api/applications/:tracking. */
export interface ApplicationDetail {
  id: string;
  trackingNumber: string;
  processKey: string;
  processVersion: number;
  status: string;
  outcome: string | null;
  submittedData: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  organisation: { nameFa: string; nameEn: string | null; nationalId: string } | null;
  tasks: TaskRecord[];
  certificates: (CertificateRef & { pdfSha256?: string | null })[];
  documents: DocumentView[];
  history: HistoryEntry[];
  decisionTime: DecisionTime | null;
  appeal?: AppealState | null;
}

/** GET /api/tasks/:id. */
export interface TaskDetail extends Omit<TaskRecord, 'candidateGroups' | 'candidateUsers'> {
  candidateGroups: string[];
  candidateUsers: string[];
  documents: DocumentView[];
}

export interface DefinitionSummary {
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  startedBy: 'applicant' | 'regulator';
}

export interface RejectionCondition {
  code: string;
  fa: string;
  en?: string;
}

/** GET /api/definitions/:key/start-form. */
export interface StartInfo {
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  startedBy: 'applicant' | 'regulator';
  form: FormSchema | null;
  decisionTime: { within: string; calendar: string } | null;
  rejectionConditions: RejectionCondition[];
}

export interface NotificationRow {
  id: string;
  applicationId: string | null;
  template: string;
  subjectFa: string;
  subjectEn: string;
  bodyFa: string;
  bodyEn: string;
  createdAt: string;
  readAt: string | null;
  /** Where the notice went: inbox, sms (4040), email, each pending | sent | failed | skipped (no address on file). */
  deliveries?: { channel: string; state: string; recipient: string | null; attempts: number; sentAt: string | null }[];
}

export const APPLICATION_STATUSES = ['submitted', 'running', 'incident', 'completed', 'failed', 'cancelled', 'terminated'] as const;
export const OPEN_STATUSES = new Set(['submitted', 'running', 'incident']);

export const STATUS_TONES: Record<string, Tone> = {
  submitted: 'info', running: 'info', incident: 'warn', completed: 'ok', failed: 'err', cancelled: 'grey', terminated: 'grey',
};
export const OUTCOME_TONES: Record<string, Tone> = { approved: 'ok', rejected: 'err', lapsed: 'grey' };
export const CERTIFICATE_TONES: Record<string, Tone> = { valid: 'ok', pending: 'info', suspended: 'warn', revoked: 'err', superseded: 'grey', expired: 'grey' };

/** History actions this page names; any other is shown by its code. */
export const KNOWN_ACTIONS = [
  'application.submitted', 'application.running', 'application.incident', 'application.completed', 'application.failed', 'application.cancelled',
  'application.cancel-requested', 'application.withdrawn', 'application.migrated', 'application.clock-advanced', 'application.started-by-event',
  'task.opened', 'task.completed', 'task.cancelled', 'task.claimed', 'task.unclaimed', 'task.commented', 'task.file-attached',
  'certificate.issued', 'certificate.status-change-requested', 'certificate.suspended', 'certificate.reinstated', 'certificate.revoked', 'certificate.superseded',
  'applicant.notified', 'document.attached', 'inquiry.answered',
  'application.deemed-approved', 'application.escalation-approved', 'application.legal-deadline-started', 'application.appeal-started',
  'application.appeal-overturned', 'application.appeal-upheld', 'legal.clock-stopped', 'legal.clock-resumed',
  'payment.requested', 'payment.order-created', 'payment.paid', 'payment.failed', 'payment.cancelled', 'payment.refunded', 'payment.refund-not-due',
] as const;

/** Working days of a published decision time (`P20D` → 20), or null. */
export function workingDays(within: string | undefined | null): number | null {
  const m = /^P(\d+)D$/.exec(String(within ?? ''));
  return m ? Number(m[1]) : null;
}

/** The process that renews a certificate (definitions/certificate-renewal.bpmn), its start field naming the certificate. */
export const RENEWAL_PROCESS = 'certificate-renewal';
export const RENEWAL_FIELD = 'certificateNumber';

/** Processes whose start form an applicant fills in (the regulator starts the others). */
export const applicantStarts = (d: DefinitionSummary): boolean => d.startedBy !== 'regulator';

/** The task an applicant works on: assigned to them, or offered to them or one of their groups. */
export function isMine(task: { status: string; assignee: string | null; candidateUsers: string | string[]; candidateGroups: string | string[] }, user: { username: string; groups: string[] } | null): boolean {
  if (!user || task.status !== 'open') return false;
  if (task.assignee) return task.assignee === user.username;
  const users = Array.isArray(task.candidateUsers) ? task.candidateUsers : task.candidateUsers ? task.candidateUsers.split(',') : [];
  const groups = Array.isArray(task.candidateGroups) ? task.candidateGroups : task.candidateGroups ? task.candidateGroups.split(',') : [];
  return users.includes(user.username) || groups.some((g) => user.groups.includes(g));
}
