/**
 * The `tasks` resource: GET /api/tasks filtered, sorted and paged by the server (the queue of tasks
 * the user may work on), one task GET /api/tasks/:id. Claiming, comments and attachments are calls
 * of their own (api.ts of this folder's pages).
 */
import type { GetListParams, GetOneParams } from 'react-admin';
import { api } from '../../api/http';
import type { ResourceHandlers } from '../../providers/dataProvider';
import type { Queue, TaskDetail, TaskRow } from './model';

const FILTERS = ['q', 'processKey', 'group', 'assignee', 'due'] as const;
const SORTS = new Set(['dueDate', 'createdAt', 'trackingNumber', 'priority', 'company']);

export function tasksQuery(params: Pick<GetListParams, 'filter' | 'sort' | 'pagination'>): string {
  const query = new URLSearchParams();
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  for (const name of FILTERS) {
    const value = filter[name];
    if (value === undefined || value === null || String(value).trim() === '') continue;
    query.set(name, String(value).trim().slice(0, 200));
  }
  const field = params.sort?.field === 'application.trackingNumber' ? 'trackingNumber' : params.sort?.field;
  if (field && SORTS.has(field)) {
    query.set('sort', field);
    query.set('order', params.sort?.order === 'DESC' ? 'DESC' : 'ASC');
  }
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  query.set('page', String(page));
  query.set('perPage', String(Math.min(perPage, 200)));
  return query.toString();
}

export const fetchQueues = (signal?: AbortSignal): Promise<Queue[]> => api<Queue[]>('/api/tasks/queues', { signal });

/** How many tasks answer a filter (one row fetched for its total). */
export async function countTasks(filter: Record<string, string>, signal?: AbortSignal): Promise<number> {
  const answer = await api<{ total: number }>(`/api/tasks?${tasksQuery({ filter, pagination: { page: 1, perPage: 1 } })}`, { signal });
  return answer.total;
}

export const claimTask = (id: string, claim: boolean): Promise<{ taskId: string; assignee: string | null }> =>
  api(`/api/tasks/${encodeURIComponent(id)}/${claim ? 'claim' : 'unclaim'}`, { method: 'POST' });

export const tasksHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const answer = await api<{ data: TaskRow[]; total: number }>(`/api/tasks?${tasksQuery(params)}`, { signal: params.signal });
    return { data: answer.data, total: answer.total };
  },
  async getOne(_resource: string, params: GetOneParams) {
    const data = await api<TaskDetail>(`/api/tasks/${encodeURIComponent(String(params.id))}`, { signal: params.signal });
    return { data };
  },
} as ResourceHandlers;
