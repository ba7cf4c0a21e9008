/**
 * The `applications` resource: GET /api/applications gives the whole list (newest first, capped by
 * the server), filtered, sorted and paged here (listLocally); one application is
 * GET /api/applications/:tracking, its id the tracking number.
 */
import type { GetListParams, GetOneParams } from 'react-admin';
import { api } from '../../api/http';
import { listLocally, type ResourceHandlers } from '../../providers/dataProvider';
import type { ApplicationDetail, ApplicationRow } from './model';

type ApiRow = Omit<ApplicationRow, 'id' | 'applicationId' | 'waiting' | 'expectedAt' | 'searchText'> & { id: string };

/** The strings of what was applied for (one level of nesting), for the search box. */
function dataText(data: Record<string, unknown> | null): string {
  if (!data) return '';
  return Object.values(data)
    .flatMap((v) => (Array.isArray(v) ? v.flatMap((x) => (x && typeof x === 'object' ? Object.values(x as object) : [x])) : [v]))
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
}

export function toRow(r: ApiRow): ApplicationRow {
  return {
    ...r,
    id: r.trackingNumber,
    applicationId: r.id,
    waiting: r.openTasks.some((t) => t.forApplicant),
    expectedAt: r.decisionTime?.expectedAt ?? null,
    searchText: `${r.trackingNumber} ${dataText(r.submittedData)}`,
  };
}

export async function fetchApplications(signal?: AbortSignal): Promise<ApplicationRow[]> {
  return (await api<ApiRow[]>('/api/applications', { signal })).map(toRow);
}

export const applicationsHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const rows = await fetchApplications(params.signal);
    return listLocally(rows, params, {
      searchFields: ['searchText'],
      predicates: {
        waiting: (row, value) => row.waiting === (value === true || value === 'true'),
        status: (row, value) => (value === 'open' ? ['submitted', 'running', 'incident'].includes(row.status) : row.status === value),
      },
    });
  },
  async getOne(_resource: string, params: GetOneParams) {
    const data = await api<ApplicationDetail>(`/api/applications/${encodeURIComponent(String(params.id))}`, { signal: params.signal });
    return { data: { ...data, applicationId: data.id, id: data.trackingNumber } };
  },
} as ResourceHandlers;
