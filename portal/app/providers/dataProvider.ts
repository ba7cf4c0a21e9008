/**
 * The data provider over our own API. Each feature declares how its resources are read and written
 * (features/<area>/data.ts) as a ResourceHandlers object; this file routes react-admin's calls to
 * them and refuses, in words, a call no feature handles.
 *
 * Lists the API returns whole (capped server-side) are filtered, sorted and paged here with
 * listLocally, so every list page gets search, filters and paging the same way.
 */
import type { DataProvider, GetListParams, GetListResult, RaRecord } from 'react-admin';

export type ResourceHandlers = Partial<DataProvider>;

export function createDataProvider(handlers: Record<string, ResourceHandlers>): DataProvider {
  const route = (method: keyof DataProvider) =>
    (resource: string, params: unknown) => {
      const handler = handlers[resource]?.[method] as ((r: string, p: unknown) => Promise<unknown>) | undefined;
      if (!handler) return Promise.reject(new Error(`${String(method)} is not offered for ${resource}`));
      return handler(resource, params);
    };
  const methods = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;
  const provider: Record<string, unknown> = {};
  for (const m of methods) provider[m] = route(m);
  // getMany defaults to getOne per id when a feature does not say otherwise
  provider.getMany = async (resource: string, params: { ids: RaRecord['id'][] }) => {
    const own = handlers[resource]?.getMany;
    if (own) return own(resource, params as never);
    const getOne = handlers[resource]?.getOne;
    if (!getOne) throw new Error(`getMany is not offered for ${resource}`);
    const data = await Promise.all(params.ids.map((id) => getOne(resource, { id }).then((r) => r.data)));
    return { data };
  };
  return provider as unknown as DataProvider;
}

/** What a record field reads as when searched: strings and numbers, nested one level. */
function searchableText(record: Record<string, unknown>, fields: readonly string[]): string {
  return fields
    .map((f) => f.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record))
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' ')
    .toLocaleLowerCase();
}

export interface LocalListOptions<T> {
  /** Fields the free-text filter `q` looks in. */
  searchFields?: readonly string[];
  /** Filters that are not plain equality: a predicate per filter name. */
  predicates?: Record<string, (record: T, value: unknown) => boolean>;
}

/** Filters (`q`, predicates, else equality), sorts and pages rows held in the browser. */
export function listLocally<T extends RaRecord>(rows: T[], params: GetListParams, options: LocalListOptions<T> = {}): GetListResult<T> {
  const filter = params.filter ?? {};
  let out = rows.filter((row) =>
    Object.entries(filter).every(([name, value]) => {
      if (value === undefined || value === null || value === '') return true;
      if (name === 'q') return searchableText(row, options.searchFields ?? []).includes(String(value).toLocaleLowerCase());
      const predicate = options.predicates?.[name];
      if (predicate) return predicate(row, value);
      return (row as Record<string, unknown>)[name] === value;
    }),
  );
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  if (field) {
    const sign = order === 'DESC' ? -1 : 1;
    out = [...out].sort((a, b) => {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      if (x === y) return 0;
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    });
  }
  const { page, perPage } = params.pagination ?? { page: 1, perPage: out.length || 1 };
  return { data: out.slice((page - 1) * perPage, page * perPage), total: out.length };
}
