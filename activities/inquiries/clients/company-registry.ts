/** HTTP client of the company registry: POST <base>/lookup {nationalId}. */
import type { CompanyAnswer, CompanyDirector, CompanyStatus, ConnectorFactory } from '../connector';
import { isObject, malformedAnswer, postToRegistry } from '../registry-http';

const STATUSES = new Set(['active', 'struck-off', 'dissolved', 'in-liquidation', 'suspended']);

function director(v: unknown): CompanyDirector {
  if (!isObject(v) || typeof v.name !== 'string' || typeof v.nationalId !== 'string' || typeof v.role !== 'string') malformedAnswer('company-registry', 'a director without name, nationalId or role');
  return { name: v.name, nationalId: v.nationalId, role: v.role };
}

export const companyRegistryClient: ConnectorFactory<{ nationalId: string }, CompanyAnswer> = (endpoint) => ({
  registry: 'company-registry',
  async ask({ nationalId }) {
    const a = await postToRegistry('company-registry', endpoint, '/lookup', { nationalId });
    if (!isObject(a) || typeof a.found !== 'boolean') return malformedAnswer('company-registry', '"found" is missing');
    if (!a.found) return { found: false, nationalId };
    if (typeof a.name !== 'string' || typeof a.status !== 'string' || !STATUSES.has(a.status) || !Array.isArray(a.directors)) {
      return malformedAnswer('company-registry', 'a company needs name, a known status and directors');
    }
    return {
      found: true,
      nationalId,
      name: a.name,
      status: a.status as CompanyStatus,
      ...(typeof a.registeredAt === 'string' ? { registeredAt: a.registeredAt } : {}),
      directors: a.directors.map(director),
    };
  },
});
