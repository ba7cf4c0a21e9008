/**
 * The trust-services process (trust-services/: the RFC 3161 TSA, holding its key) and how the
 * worker and the API reach it.
 *
 * TRUST_SERVICES_PORT (default 3102): where `npm start` runs it, on 127.0.0.1.
 * TRUST_SERVICES_URL (default http://127.0.0.1:<TRUST_SERVICES_PORT>): where the API forwards
 *   POST /api/public/pki/tsa.
 * TSA_URL: the TSA the worker time-stamps signatures with (`npm start` sets it to
 *   <TRUST_SERVICES_URL>/tsa); unset, the worker uses a TSA in its own process with its own PKI.
 * TSA_TIMEOUT_MS (default 10000): how long the worker waits for a time-stamp before the attempt
 *   fails (and Temporal retries it).
 */
type Env = Record<string, string | undefined>;

export interface TrustServicesConfig {
  port: number;
  url: string;
  tsaUrl?: string;
  tsaTimeoutMs: number;
}

function positiveInteger(env: Env, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not "${text}"`);
  return n;
}

function httpUrl(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} must be an http(s) URL, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, not "${text}"`);
  return text.replace(/\/$/, '');
}

export function loadTrustServicesConfig(env: Env = process.env): TrustServicesConfig {
  const port = positiveInteger(env, 'TRUST_SERVICES_PORT', 3102);
  const tsaUrl = httpUrl(env, 'TSA_URL');
  return {
    port,
    url: httpUrl(env, 'TRUST_SERVICES_URL') ?? `http://127.0.0.1:${port}`,
    ...(tsaUrl ? { tsaUrl } : {}),
    tsaTimeoutMs: positiveInteger(env, 'TSA_TIMEOUT_MS', 10_000),
  };
}
