import type { TrustProxy } from '../../../config';

/**
 * TRUST_PROXY as Fastify takes it. Fastify ignores X-Forwarded-For for a bare hop count (a client
 * reaching the API directly could name any address), so a count is given as the function Express
 * makes of one: the n nearest hops are proxies. Only right when the API is reachable through them alone.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
