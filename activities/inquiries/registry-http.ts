/**
 * The one HTTP path every registry client takes: POST a JSON request to `<baseUrl><path>` with a
 * timeout (AbortSignal), retry transport failures (connection refused, timeout, 5xx, 429) with
 * back-off a few times, and then give up with `RegistryUnavailable`: a retryable failure, so
 * Temporal's retries and after them an incident (an administrator's retry) take over. A 4xx is our
 * request being wrong, which retrying will not fix: a non-retryable failure (an incident at once).
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { RegistryEndpoint, RegistryName } from '../../config/registries';

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Back-off between the client's own attempts: 200 ms, 400 ms, 800 ms … at most 2 s. */
export const backoffMs = (attempt: number): number => Math.min(200 * 2 ** attempt, 2_000);

class TransportError extends Error {}

async function attempt(registry: RegistryName, url: string, body: unknown, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new TransportError(cause === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `cannot connect (${cause})`);
  }
  if (res.status >= 500 || res.status === 429) throw new TransportError(`answered HTTP ${res.status}`);
  const text = await res.text();
  if (res.status >= 400) {
    throw ApplicationFailure.nonRetryable(`${registry} refused the inquiry (HTTP ${res.status}): ${text.slice(0, 300)}`, 'RegistryRejectedRequest');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TransportError('answered with something that is not JSON');
  }
}

export async function postToRegistry(registry: RegistryName, endpoint: RegistryEndpoint, path: string, body: unknown, sleep: Sleep = realSleep): Promise<unknown> {
  const url = `${endpoint.baseUrl}${path}`;
  let last = '';
  for (let i = 0; i <= endpoint.retries; i++) {
    if (i > 0) await sleep(backoffMs(i - 1));
    try {
      return await attempt(registry, url, body, endpoint.timeoutMs);
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      last = err.message;
    }
  }
  throw ApplicationFailure.retryable(`${registry} is unreachable at ${url}: ${last} (${endpoint.retries + 1} ${endpoint.retries ? 'attempts' : 'attempt'})`, 'RegistryUnavailable');
}

/** A registry answer of the wrong shape: retryable (a proxy's error page, a half-deployed service). */
export function malformedAnswer(registry: RegistryName, what: string): never {
  throw ApplicationFailure.retryable(`${registry} answered in an unexpected shape: ${what}`, 'RegistryMalformedAnswer');
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
