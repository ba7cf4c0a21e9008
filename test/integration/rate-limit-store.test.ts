/**
 * The public rate limits counted in the database (portal/server/plugins/rate-limit-store.ts), on
 * SQLite and PostgreSQL: two apps on two database clients, as two API processes, share one count
 * per route and client, and answer the call past it with 429 and Retry-After, either of them.
 */
import Fastify, { FastifyInstance } from 'fastify';
import { Db, createDb } from '../../prisma/client';
import { databaseRateLimitStore, leaseFor } from '../../portal/server/plugins/rate-limit-store';
import { limitPerMinute, registerRateLimits } from '../../portal/server/plugins/rate-limits';
import { registerErrorHandler } from '../../portal/server/plugins/errors';
import { testConfig } from '../support/harness';

const dbs: Db[] = [];
const apps: FastifyInstance[] = [];

async function appOn(db: Db): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandler(app);
  await registerRateLimits(app, db);
  app.get('/limited', { config: limitPerMinute(3) }, async () => ({ ok: true }));
  app.get('/other', { config: limitPerMinute(3) }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

beforeAll(() => {
  for (let i = 0; i < 2; i++) dbs.push(createDb(testConfig().databaseUrl));
});

afterAll(async () => {
  await dbs[0].rateLimitWindow.deleteMany();
  await Promise.all(dbs.map((d) => d.$disconnect()));
});

// fresh processes for each test: a process remembers the windows it found full
beforeEach(async () => {
  await dbs[0].rateLimitWindow.deleteMany();
  for (const db of dbs) apps.push(await appOn(db));
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const call = (app: FastifyInstance, url: string, client = '203.0.113.1') => app.inject({ method: 'GET', url, remoteAddress: client });

describe('public rate limits shared by API processes', () => {
  it('counts calls spread over both processes against one limit, and either answers 429 with Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(apps[i % 2], '/limited')).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
    for (const app of apps) {
      const refused = await call(app, '/limited');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringMatching(/at most 3 per 1 minute/) });
    }
  });

  it('counts each route and each client on its own', async () => {
    for (let i = 0; i < 3; i++) await call(apps[i % 2], '/limited');
    expect((await call(apps[0], '/limited')).statusCode).toBe(429);
    expect((await call(apps[1], '/other')).statusCode).toBe(200);
    expect((await call(apps[1], '/limited', '203.0.113.2')).statusCode).toBe(200);
  });

  it('counts every one of many concurrent calls from both processes', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(apps[i % 2], '/limited')));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(7);
    const [{ count }] = await dbs[0].rateLimitWindow.findMany({ select: { count: true } });
    expect(count).toBeGreaterThanOrEqual(4);
  });

  it('claims calls of a large limit in leases, never admits more than the limit across processes, and refuses a full window from memory', async () => {
    const stores = dbs.map((db) => new (databaseRateLimitStore(db))({}).child({ routeInfo: { method: 'GET', url: '/lease' } } as never));
    const incr = (i: number) => new Promise<{ current: number; ttl: number }>((resolve, reject) => stores[i % 2].incr('client', (err, r) => (err ? reject(err) : resolve(r!)), 60_000, 100));
    expect(leaseFor(100)).toBe(5);
    expect(await incr(0)).toMatchObject({ current: 1 });
    const window = () => dbs[0].rateLimitWindow.findUniqueOrThrow({ where: { key: 'GET /lease|client' } });
    expect((await window()).count).toBe(5); // claimed before it was spent: the database never lags what was admitted

    let admitted = 1;
    for (let i = 1; i < 130; i++) if ((await incr(i)).current <= 100) admitted++;
    expect(admitted).toBeLessThanOrEqual(100);
    expect(admitted).toBeGreaterThanOrEqual(100 - 2 * leaseFor(100));
    const countWhenFull = (await window()).count;
    for (let i = 0; i < 50; i++) expect((await incr(i)).current).toBeGreaterThan(100);
    expect((await window()).count).toBe(countWhenFull);
  });

  it('counts every call of a small limit in the database as it is made', () => {
    expect([1, 3, 30, 39].map(leaseFor)).toEqual([1, 1, 1, 1]);
    expect(leaseFor(300)).toBe(15);
    expect(leaseFor(10_000_000)).toBe(1_000);
  });

  it('starts a new window when the last is over, and deletes windows that are over at the sweep', async () => {
    let now = 1_000_000;
    const Store = databaseRateLimitStore(dbs[0], () => now);
    const store = new Store({}).child({ routeInfo: { method: 'GET', url: '/window' } } as never);
    const incr = (key: string) => new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (err, r) => (err ? reject(err) : resolve(r!)), 60_000, 3));
    expect(await incr('a')).toEqual({ current: 1, ttl: 60_000 });
    now += 20_000;
    expect(await incr('a')).toEqual({ current: 2, ttl: 40_000 });
    await incr('b');
    now += 40_000;
    expect(await incr('a')).toEqual({ current: 1, ttl: 60_000 });
    now += 60_000; // the next call sweeps: both windows are over
    await incr('c');
    expect((await dbs[0].rateLimitWindow.findMany()).map((w) => w.key)).toEqual(['GET /window|c']);
  });
});
