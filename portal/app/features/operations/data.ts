/**
 * The `instances` resource over the operations routes: lists are filtered, sorted and paged by the
 * server (GET /api/operations/instances), which also answers the count in each state (list `meta`).
 */
import type { GetListParams, GetOneParams } from 'react-admin';
import { api } from '../../api/http';
import type { ResourceHandlers } from '../../providers/dataProvider';
import type { InstanceDetail, InstanceRow, StateCounts } from './model';

const FILTERS = ['state', 'processKey', 'version', 'family', 'startedFrom', 'startedTo', 'q'] as const;
const SORTS = new Set(['createdAt', 'updatedAt', 'completedAt', 'trackingNumber', 'processKey', 'processVersion', 'status']);

export function instancesQuery(params: Pick<GetListParams, 'filter' | 'sort' | 'pagination'>): string {
  const query = new URLSearchParams();
  const filter = (params.filter ?? {}) as Record<string, unknown>;
  for (const name of FILTERS) {
    const value = filter[name];
    if (value === undefined || value === null || value === '') continue;
    query.set(name, String(value).trim());
  }
  const sort = params.sort;
  if (sort?.field && SORTS.has(sort.field)) {
    query.set('sort', sort.field);
    query.set('order', sort.order === 'ASC' ? 'ASC' : 'DESC');
  }
  if (params.pagination) {
    query.set('page', String(params.pagination.page));
    query.set('perPage', String(Math.min(params.pagination.perPage, 200)));
  }
  return query.toString();
}

export const instancesHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const answer = await api<{ data: InstanceRow[]; total: number; counts: StateCounts }>(`/api/operations/instances?${instancesQuery(params)}`, { signal: params.signal });
    return { data: answer.data, total: answer.total, meta: { counts: answer.counts } };
  },
  async getOne(_resource: string, params: GetOneParams) {
    const data = await api<InstanceDetail>(`/api/operations/instances/${encodeURIComponent(String(params.id))}`, { signal: params.signal });
    return { data };
  },
} as ResourceHandlers;
