import Fastify from 'fastify';
import type { TrustProxy } from '../../../config';
import { fastifyTrustProxy } from './trust-proxy';

/** The client address the API sees for a request from `peer` carrying `forwardedFor`. */
async function clientAddress(trust: TrustProxy, peer: string, forwardedFor?: string): Promise<string> {
  const app = Fastify({ trustProxy: fastifyTrustProxy(trust) });
  app.get('/ip', async (request) => request.ip);
  const res = await app.inject({ method: 'GET', url: '/ip', remoteAddress: peer, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  await app.close();
  return res.body;
}

describe('TRUST_PROXY as the API applies it', () => {
  it('by default takes the connecting address, whatever X-Forwarded-For says', async () => {
    expect(await clientAddress(false, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('believes X-Forwarded-For only from the proxies listed', async () => {
    expect(await clientAddress(['10.0.0.0/8'], '10.0.0.5', '198.51.100.1')).toBe('198.51.100.1');
    expect(await clientAddress(['10.0.0.0/8'], '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    // a client's own forged entry before the proxy's is not believed
    expect(await clientAddress(['10.0.0.5'], '10.0.0.5', '1.2.3.4, 198.51.100.1')).toBe('198.51.100.1');
  });

  it('with a hop count, takes the address that many hops back', async () => {
    expect(await clientAddress(1, '10.0.0.5', '1.2.3.4, 198.51.100.1')).toBe('198.51.100.1');
    expect(await clientAddress(2, '10.0.0.5', '1.2.3.4, 198.51.100.1, 10.0.0.7')).toBe('198.51.100.1');
  });
});
