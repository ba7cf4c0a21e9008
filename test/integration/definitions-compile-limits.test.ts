/**
 * Issue 13: uploaded BPMN is compiled off the API's event loop. A file with more elements than any
 * real model is refused by its element count before any compile; a slow model within the limit
 * compiles in a worker thread while the API keeps answering; a compile that overruns the time limit
 * is stopped with an error in the API's shape; and a full pool says when to come back.
 */
import type { FastifyInstance } from 'fastify';
import { ApiClient, testConfig, useRunningProduct, type Stack } from '../support/harness';
import { slowServiceTasks, unconnectedTasks } from '../support/big-models';
import { buildApp } from '../../portal/server/app';
import { MAX_MODEL_ELEMENTS } from '../../compiler/element-count';
import type { CompileLimitsConfig } from '../../config';

const product = useRunningProduct();
let stack: Stack;
let admin: ApiClient;

beforeAll(async () => {
  stack = product.stack;
  [admin] = await product.login('admin');
});

/** A second API on the same database and Temporal client, with its own compile limits. */
async function apiWith(compileLimits: CompileLimitsConfig): Promise<{ app: FastifyInstance; admin: ApiClient }> {
  const app = await buildApp({ db: stack.db, engine: stack.engine, jwtSecret: testConfig().jwtSecret, rootCertPems: [stack.pki.rootCertPem], compileLimits });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const client = new ApiClient(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  return { app, admin: await client.login('admin') };
}

const SMALL_MODEL = unconnectedTasks(1);

describe('compiling uploaded definitions without holding up the API', () => {
  it('refuses a 120,000-task file by its element count, and answers health while it and a slow model are checked', async () => {
    await admin.post('/api/definitions/check', { xml: SMALL_MODEL }); // the compile thread is started and warm

    let slowCheckDone = false;
    const slowCheck = admin.post('/api/definitions/check', { xml: slowServiceTasks(2_000, 2) }).then((res) => {
      slowCheckDone = true;
      return res;
    });
    const [flood, healthDuringFlood] = await Promise.all([
      admin.post('/api/definitions/check', { xml: unconnectedTasks(120_000) }),
      product.anonymous.get('/api/health'),
    ]);
    const health = await product.anonymous.get('/api/health');

    expect(flood.status).toBe(422);
    expect(flood.body).toMatchObject({ error: 'too_many_elements', limit: MAX_MODEL_ELEMENTS });
    expect(flood.body.message).toContain(`the file has 120000 flow elements`);
    expect(flood.body.message).toContain(`the limit is ${MAX_MODEL_ELEMENTS}`);
    expect(healthDuringFlood.status).toBe(200);
    expect(health.status).toBe(200);
    // health was answered while the slow model was still compiling in its thread
    expect(slowCheckDone).toBe(false);
    const slow = await slowCheck;
    expect(slow.status).toBe(200);
    expect(slow.body.deployable).toBe(false);
  });

  it('refuses a deploy over the element limit the same way, storing nothing', async () => {
    const before = await stack.db.processDefinition.count();
    const res = await admin.post('/api/definitions', { xml: unconnectedTasks(MAX_MODEL_ELEMENTS + 1) });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('too_many_elements');
    expect(await stack.db.processDefinition.count()).toBe(before);
  });

  describe('with a compile time limit far below what the model needs', () => {
    let other: { app: FastifyInstance; admin: ApiClient };
    beforeAll(async () => {
      other = await apiWith({ timeLimitMs: 1 });
    });
    afterAll(() => other?.app.close());

    it('stops the check and the deploy of a slow model within the element limit with a clear error, and keeps serving', async () => {
      const before = await stack.db.processDefinition.count();
      const slow = unconnectedTasks(4_000);
      const check = await other.admin.post('/api/definitions/check', { xml: slow });
      expect(check.status).toBe(422);
      expect(check.body).toEqual({ error: 'compile_timeout', message: expect.stringContaining('longer than the limit of 1 ms') });
      const deploy = await other.admin.post('/api/definitions', { xml: slow });
      expect(deploy.status).toBe(422);
      expect(deploy.body.error).toBe('compile_timeout');
      expect(await stack.db.processDefinition.count()).toBe(before);
      expect((await other.admin.get('/api/health')).status).toBe(200);
    });
  });

  describe('with one compile thread and no queue', () => {
    let other: { app: FastifyInstance; admin: ApiClient };
    beforeAll(async () => {
      other = await apiWith({ threads: 1, queueLength: 0, timeLimitMs: 600_000 }); // the slow check must finish, however loaded the machine
    });
    afterAll(() => other?.app.close());

    it('answers a check that finds the thread busy with 503 and Retry-After', async () => {
      // two slow checks at once: whichever takes the thread holds it for seconds, the other is refused
      const xml = slowServiceTasks(2_000, 2);
      const answers = await Promise.all([1, 2].map(() => other.admin.post('/api/definitions/check', { xml })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 503]);
      const busy = answers.find((a) => a.status === 503)!;
      expect(busy.body).toEqual({ error: 'compile_busy', message: expect.stringContaining('try again in') });
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
