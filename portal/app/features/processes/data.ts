/**
 * The `definitions` resource over GET /api/definitions (every key's newest version, answered whole:
 * searched, sorted and paged here) and GET /api/definitions/:key/versions (one process).
 */
import type { GetListParams, GetOneParams } from 'react-admin';
import { api } from '../../api/http';
import { listLocally, type ResourceHandlers } from '../../providers/dataProvider';
import type { DefinitionRow, VersionDetail, VersionRow } from './model';

type ApiRow = Omit<DefinitionRow, 'id'>;

export async function loadDefinitions(signal?: AbortSignal): Promise<DefinitionRow[]> {
  const rows = await api<ApiRow[]>('/api/definitions', { signal });
  return rows.map((r) => ({ ...r, id: r.key }));
}

export const loadVersions = (key: string, signal?: AbortSignal) => api<VersionRow[]>(`/api/definitions/${encodeURIComponent(key)}/versions`, { signal });

/** One version's XML; versions never change, so each is read once. */
const versionCache = new Map<string, Promise<VersionDetail>>();
export function loadVersion(key: string, version: number): Promise<VersionDetail> {
  const id = `${key}@${version}`;
  let found = versionCache.get(id);
  if (!found) {
    found = api<VersionDetail>(`/api/definitions/${encodeURIComponent(key)}/versions/${version}`);
    found.catch(() => versionCache.delete(id));
    versionCache.set(id, found);
  }
  return found;
}

export const definitionsHandlers: ResourceHandlers = {
  async getList(_resource: string, params: GetListParams) {
    const rows = await loadDefinitions(params.signal);
    return listLocally(rows, params, { searchFields: ['key', 'name', 'versionTag'] });
  },
  async getOne(_resource: string, params: GetOneParams) {
    const key = String(params.id);
    const versions = await loadVersions(key, params.signal);
    const newest = versions[0];
    return { data: { id: key, ...newest, versions: versions.length, history: versions } };
  },
} as ResourceHandlers;
