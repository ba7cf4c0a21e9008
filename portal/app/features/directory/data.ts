/**
 * The administration resources over their routes: `users` (portal/server/routes/users.ts), `groups`
 * (groups.ts), `counter-offices` (counter-offices.ts) and `issued-certificates` (GET /api/certificates). Each list comes whole from the API
 * and is searched, filtered, sorted and paged here (listLocally); certificates are filtered by the
 * server (family, status, expiry, search) and the counts per status travel in the list's `meta`.
 */
import type { CreateParams, GetListParams, GetOneParams, RaRecord } from 'react-admin';
import { api } from '../../api/http';
import { listLocally, type ResourceHandlers } from '../../providers/dataProvider';
import type { CertificateList, CertificateRow, CounterOfficeDetail, CounterOfficeRow, GroupRow, UserRow } from './model';

const enc = encodeURIComponent;

export const usersHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const rows = await api<UserRow[]>('/api/users', { signal: params.signal });
    return listLocally(rows, params, {
      searchFields: ['username', 'displayName', 'organisation.nationalId', 'organisation.nameFa', 'organisation.nameEn'],
      predicates: {
        role: (r, v) => r.roles.includes(v as UserRow['roles'][number]),
        group: (r, v) => r.groups.some((g) => g.id === v),
        active: (r, v) => String(r.active) === String(v),
      },
    });
  },
  async getOne(_resource: string, params: GetOneParams) {
    return { data: await api<UserRow>(`/api/users/${enc(String(params.id))}`, { signal: params.signal }) };
  },
  async create(_resource: string, params: CreateParams) {
    return { data: await api<UserRow>('/api/users', { method: 'POST', body: params.data }) };
  },
} as ResourceHandlers;

export const groupsHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const rows = await api<GroupRow[]>('/api/groups', { signal: params.signal });
    return listLocally(rows, params, { searchFields: ['id', 'nameFa', 'nameEn'] });
  },
  async getOne(_resource: string, params: GetOneParams) {
    return { data: await api<GroupRow>(`/api/groups/${enc(String(params.id))}`, { signal: params.signal }) };
  },
} as ResourceHandlers;

export const counterOfficesHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const rows = await api<CounterOfficeRow[]>('/api/counter-offices', { signal: params.signal });
    return listLocally(rows, params, {
      searchFields: ['officeCode', 'nationalId', 'nameFa', 'nameEn'],
      predicates: { active: (r, v) => String(r.active) === String(v) },
    });
  },
  async getOne(_resource: string, params: GetOneParams) {
    return { data: await api<CounterOfficeDetail>(`/api/counter-offices/${enc(String(params.id))}`, { signal: params.signal }) };
  },
  async create(_resource: string, params: CreateParams) {
    return { data: await api<CounterOfficeDetail>('/api/counter-offices', { method: 'POST', body: params.data }) };
  },
} as ResourceHandlers;

const SERVER_FILTERS = ['family', 'status', 'expiringWithinDays', 'q'] as const;

export function certificatesQuery(filter: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const name of SERVER_FILTERS) {
    const value = filter[name];
    if (value === undefined || value === null || value === '') continue;
    query.set(name, String(value).trim());
  }
  return query.toString();
}

export const certificatesHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const answer = await api<CertificateList>(`/api/certificates?${certificatesQuery(params.filter ?? {})}`, { signal: params.signal });
    const page = listLocally<CertificateRow & RaRecord>(answer.data, { ...params, filter: {} });
    return { ...page, meta: { counts: answer.counts, expiringSoon: answer.expiringSoon } };
  },
  async getOne(_resource: string, params: GetOneParams) {
    const answer = await api<CertificateList>(`/api/certificates?q=${enc(String(params.id))}`, { signal: params.signal });
    const row = answer.data.find((c) => c.number === String(params.id));
    if (!row) throw new Error(`no certificate with number ${String(params.id)}`);
    return { data: row };
  },
} as ResourceHandlers;
