/**
 * Where the external registries the inquiries ask are (activities/inquiries/), and how patiently:
 * each registry's base URL, a request timeout and how many times a transport failure is retried
 * inside the client before the activity fails (then Temporal's retries, then an incident).
 *
 * REGISTRIES_URL points all three at one server (the local simulator, simulators/registries/, which
 * serves each under its own path); COMPANY_REGISTRY_URL, NATIONAL_IDENTITY_URL and
 * DEGREE_VERIFICATION_URL point one at a real service instead. REGISTRY_TIMEOUT_MS (default 5000),
 * REGISTRY_RETRIES (default 2), REGISTRY_SIMULATOR_PORT (default 3100: where `npm start` runs the
 * simulator when no real registry is configured).
 */
export const REGISTRY_NAMES = ['company-registry', 'national-identity', 'degree-verification'] as const;
export type RegistryName = (typeof REGISTRY_NAMES)[number];

export interface RegistryEndpoint {
  baseUrl: string;
  timeoutMs: number;
  /** Further attempts after a transport failure (connection refused, timeout, 5xx). */
  retries: number;
}

export interface RegistriesConfig {
  endpoints: Record<RegistryName, RegistryEndpoint>;
  /** Set when some registry has no URL of its own: `npm start` runs the simulator on this port for it. */
  simulatorPort?: number;
}

type Env = Record<string, string | undefined>;

const URL_VARIABLE: Record<RegistryName, string> = {
  'company-registry': 'COMPANY_REGISTRY_URL',
  'national-identity': 'NATIONAL_IDENTITY_URL',
  'degree-verification': 'DEGREE_VERIFICATION_URL',
};

function whole(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min} (it is "${value}")`);
  return n;
}

export function loadRegistriesConfig(env: Env = process.env): RegistriesConfig {
  const timeoutMs = whole(env.REGISTRY_TIMEOUT_MS, 5000, 'REGISTRY_TIMEOUT_MS', 1);
  const retries = whole(env.REGISTRY_RETRIES, 2, 'REGISTRY_RETRIES', 0);
  const simulatorPort = whole(env.REGISTRY_SIMULATOR_PORT, 3100, 'REGISTRY_SIMULATOR_PORT', 1);
  const shared = (env.REGISTRIES_URL || `http://127.0.0.1:${simulatorPort}`).replace(/\/$/, '');
  const endpoints = Object.fromEntries(REGISTRY_NAMES.map((name) => {
    const own = env[URL_VARIABLE[name]];
    return [name, { baseUrl: own ? own.replace(/\/$/, '') : `${shared}/${name}`, timeoutMs, retries }];
  })) as Record<RegistryName, RegistryEndpoint>;
  const needsSimulator = !env.REGISTRIES_URL && REGISTRY_NAMES.some((name) => !env[URL_VARIABLE[name]]);
  return { endpoints, ...(needsSimulator ? { simulatorPort } : {}) };
}
