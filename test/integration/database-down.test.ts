/**
 * Outage behaviour when the database goes away (PostgreSQL runs): the API's connections to the
 * database pass through a TCP relay the test cuts, as a network failure or a stopped server would.
 * The API stays up and answers 503 with Retry-After and words naming the database — never a 500,
 * never a request left hanging — readiness says the database is unreachable, and once the database
 * is back the same process answers normally again without a restart.
 */
import net from 'node:net';
import { ApiClient, Stack, startApi, waitFor } from '../support/harness';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';

const onPostgres = process.env.TEST_DATABASE === 'postgresql' ? it : it.skip;

/** A TCP relay to `target` that can be cut (listener closed, every connection destroyed) and mended on the same port. */
class Relay {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    if (this.server?.listening) return;
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

let stack: Stack | undefined;
let relay: Relay | undefined;

afterAll(async () => {
  await relay?.open().catch(() => undefined);
  await stack?.close();
  await relay?.cut();
});

/** The request, with a guard against hanging (the route must answer, not wait for the database to return). */
async function answerOf(client: ApiClient, url: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(client.baseUrl + url, {
    method: init.method ?? 'GET',
    headers: { ...(client.token ? { authorization: `Bearer ${client.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: string; message?: string; database?: string } };
}

onPostgres('answers 503 with Retry-After while the database is unreachable, and recovers by itself', async () => {
  const databaseUrl = new URL(process.env.DATABASE_URL!);
  relay = new Relay({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
  await relay.open();
  const relayed = new URL(databaseUrl);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(relay.port);
  stack = await startApi(undefined, undefined, { DATABASE_URL: relayed.toString() });
  const anonymous = new ApiClient(stack.baseUrl);
  const reviewer = await anonymous.login('reviewer1');
  expect((await answerOf(reviewer, '/api/tasks')).status).toBe(200);

  await relay.cut();
  for (const [who, url, init] of [
    [reviewer, '/api/tasks', {}],
    [reviewer, '/api/me', {}],
    [anonymous, `/api/public/certificates/${formatCertificateNumber({ family: 'TA', jalaliYear: 1405, sequence: 999_999 })}`, {}],
    [anonymous, '/api/auth/login', { method: 'POST', body: { username: 'reviewer1', password: 'demo' } }],
  ] as const) {
    const answer = await answerOf(who, url, init);
    expect({ url, status: answer.status }).toEqual({ url, status: 503 });
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.body.message).toMatch(/database/);
  }
  const ready = await answerOf(anonymous, '/api/ready');
  expect(ready.status).toBe(503);
  expect(ready.body.database).toBe('unreachable');
  expect((await answerOf(anonymous, '/api/health')).status).toBe(200);

  await relay.open();
  await waitFor('the API to reach the database again', async () => (await answerOf(reviewer, '/api/tasks')).status === 200, 30_000);
  expect((await answerOf(anonymous, '/api/ready')).body.database).toBe('ok');
}, 120_000);
