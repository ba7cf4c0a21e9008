/**
 * The reviewer's task queue (GET /api/tasks): which of the tasks a user may work on answer the
 * filters asked for (search by tracking number or company, candidate group, who holds it, how soon
 * it is due), in which order. Pure functions over the rows the route has read; the family filter is
 * in the route's query.
 */

export interface TaskQuery {
  status?: 'open' | 'completed';
  /** a tracking number or a company's name, or part of one */
  q?: string;
  processKey?: string;
  group?: string;
  /** me: claimed by me; none: claimed by nobody */
  assignee?: 'me' | 'none';
  /** overdue: past its due date; soon: due within `dueWithinHours` (48 by default) and not yet overdue */
  due?: 'overdue' | 'soon';
  dueWithinHours?: number;
  /** company: by the applicant organisation's Persian name, as the queue shows it */
  sort?: 'dueDate' | 'createdAt' | 'trackingNumber' | 'priority' | 'company';
  order?: 'ASC' | 'DESC' | 'asc' | 'desc';
  page?: number;
  perPage?: number;
}

export const DEFAULT_DUE_SOON_HOURS = 48;

export const taskQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['open', 'completed'] },
    q: { type: 'string', minLength: 1, maxLength: 200 },
    processKey: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z_][\\w.-]*$' },
    group: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\w.:-]+$' },
    assignee: { type: 'string', enum: ['me', 'none'] },
    due: { type: 'string', enum: ['overdue', 'soon'] },
    dueWithinHours: { type: 'integer', minimum: 1, maximum: 24 * 60 },
    sort: { type: 'string', enum: ['dueDate', 'createdAt', 'trackingNumber', 'priority', 'company'] },
    order: { type: 'string', enum: ['ASC', 'DESC', 'asc', 'desc'] },
    page: { type: 'integer', minimum: 1, maximum: 10_000 },
    perPage: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;

/** What a queue row needs of its application: the number, the family and the company. */
export const taskApplicationSelect = {
  trackingNumber: true,
  processKey: true,
  processVersion: true,
  definition: { select: { name: true } },
  organisation: { select: { nameFa: true, nameEn: true } },
  organisationId: true,
  applicant: { select: { username: true } },
} as const;

/**
 * What the queue filters and sorts on. The application is read only when the query needs it (a
 * search, or the sort by company); the family filter is part of the database query.
 */
export interface QueueTask {
  id: string;
  assignee: string | null;
  candidateGroups: string;
  dueDate: Date | null;
  createdAt: Date;
  priority: number;
  application?: { trackingNumber: string; organisation: { nameFa: string; nameEn: string | null } | null };
}

/** The columns of a task the queue chooses on (light: no form, prefill or output, no application). */
export const queueTaskSelect = { id: true, assignee: true, candidateGroups: true, candidateUsers: true, dueDate: true, createdAt: true, priority: true } as const;

/** The application of a queue row when a search or the company sort needs it. */
export const queueApplicationSelect = { trackingNumber: true, organisation: { select: { nameFa: true, nameEn: true } } } as const;

/** Whether choosing the queue needs each task's application (its company's name). */
export const queueNeedsApplication = (query: TaskQuery): boolean => Boolean(query.q) || query.sort === 'company';

/** A task's tracking number: the part of its id before its call-activity path and element (`<tracking>[.…]:<element>:<n>`). */
export const trackingNumberOf = (t: Pick<QueueTask, 'id' | 'application'>): string => t.application?.trackingNumber ?? t.id.split(/[.:]/)[0];

const folded = (s: string | null | undefined): string => (s ?? '').normalize('NFKC').toLocaleLowerCase().replace(/\u064a/g, '\u06cc').replace(/\u0643/g, '\u06a9');

export function filterTasks<T extends QueueTask>(rows: T[], query: TaskQuery, username: string, now: Date): T[] {
  const q = query.q ? folded(query.q.trim()) : '';
  const soonUntil = now.getTime() + (query.dueWithinHours ?? DEFAULT_DUE_SOON_HOURS) * 3_600_000;
  return rows.filter((t) => {
    if (q) {
      const organisation = t.application?.organisation;
      const text = [trackingNumberOf(t), organisation?.nameFa, organisation?.nameEn].map(folded).join('\n');
      if (!text.includes(q)) return false;
    }
    if (query.group && !t.candidateGroups.split(',').includes(query.group)) return false;
    if (query.assignee === 'me' && t.assignee !== username) return false;
    if (query.assignee === 'none' && t.assignee) return false;
    if (query.due) {
      const due = t.dueDate?.getTime();
      if (due === undefined) return false;
      if (query.due === 'overdue' && !(due < now.getTime())) return false;
      if (query.due === 'soon' && !(due >= now.getTime() && due <= soonUntil)) return false;
    }
    return true;
  });
}

/** Company names in Persian dictionary order (ی and ک whichever way they were typed, see `folded`). */
const persianOrder = new Intl.Collator('fa');

/**
 * Sorted as asked; tasks without a due date (or without a company) last when sorting by it; ties by
 * creation time.
 */
export function sortTasks<T extends QueueTask>(rows: T[], query: TaskQuery): T[] {
  const field = query.sort ?? 'createdAt';
  const sign = (query.order ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
  const key = (t: T): number | string | null => {
    switch (field) {
      case 'dueDate': return t.dueDate ? t.dueDate.getTime() : null;
      case 'trackingNumber': return trackingNumberOf(t);
      case 'priority': return t.priority;
      case 'company': return t.application?.organisation ? folded(t.application.organisation.nameFa) : null;
      default: return t.createdAt.getTime();
    }
  };
  const compare = (x: number | string, y: number | string): number =>
    field === 'company' ? persianOrder.compare(String(x), String(y)) : x < y ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return a.createdAt.getTime() - b.createdAt.getTime();
    if (x === null) return 1;
    if (y === null) return -1;
    return compare(x, y) * sign || a.createdAt.getTime() - b.createdAt.getTime();
  });
}

export const queueSchema = {
  type: 'object',
  properties: {
    group: { type: 'string' },
    nameFa: { type: 'string' },
    nameEn: { type: 'string' },
    open: { type: 'integer' },
    unassigned: { type: 'integer' },
    overdue: { type: 'integer' },
    /** the group takes the user tasks whose model names nobody (definitions/groups.json) */
    fallback: { type: 'boolean' },
  },
  required: ['group', 'nameFa', 'nameEn', 'open', 'unassigned', 'overdue', 'fallback'],
} as const;
