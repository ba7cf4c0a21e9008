/**
 * Durability and outage behaviour: the embedded Temporal dev server is stopped and started again on
 * the same SQLite file while an application waits for a reviewer; the application is still there and
 * finishes. While the server is down the API stays live and says so: readiness 503 naming Temporal,
 * an application recorded just as the engine went away answered 202 and started once it is back, new
 * applications and task decisions refused with 503 + Retry-After and nothing recorded. The server
 * keeps its SQLite file in WAL mode (temporal/dev-server.ts), before and after the restart.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadTemporalConfig } from '../../config';
import { startDevServer, RunningDevServer } from '../../temporal/dev-server';
import { freePort } from '../support/ports';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';
import { SAMPLE_APPLICATION, apply, completeTask, payFee, waitForCompletion, waitForTask, withDocuments } from '../../scripts/lib/walk-steps';

let server: RunningDevServer | undefined;
let worker: RunningWorker | undefined;
let stack: Stack | undefined;

/** The journal mode recorded in an SQLite file (WAL is a property of the file itself). */
function journalModeOf(file: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('journal_mode', { simple: true });
  } finally {
    db.close();
  }
}

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
  await server?.stop();
});

it('keeps a waiting application alive across a restart of the Temporal server', async () => {
  const port = await freePort();
  const temporal = loadTemporalConfig({
    ...process.env,
    TEMPORAL_EMBEDDED_PORT: String(port),
    TEMPORAL_EMBEDDED_DB_FILE: path.join(process.env.TEST_RUN_DIR!, `restart-${port}.db`),
    TEMPORAL_TASK_QUEUE: `restart-${port}`,
  });
  server = await startDevServer(temporal, { headless: true, log: () => {} });
  expect(server.startedHere).toBe(true);
  expect(journalModeOf(temporal.embedded!.dbFile)).toBe('wal');
  // a good answer is trusted for long here, so that the first request after the stop meets the outage midway
  stack = await startApi(temporal, undefined, {}, { engineOptions: { availability: { freshForMs: 3_600_000 } }, relaunchEveryMs: 1_000 });
  worker = await startWorker(stack.db, stack.pki, temporal);

  const anonymous = new ApiClient(stack.baseUrl);
  const [applicant, reviewer1, reviewer2] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));
  const trackingNumber = await apply(applicant);
  const formal = await waitForTask(reviewer1, trackingNumber, 'formal-check');

  const start = await applicant.get('/api/definitions/software-technical-approval/start-form');
  const body = { processKey: 'software-technical-approval', data: await withDocuments(applicant, start.body.form, SAMPLE_APPLICATION) };

  // stop everything that talks to Temporal, then Temporal itself
  await worker.stop();
  worker = undefined;
  await server.stop();
  // the API lives on and says what is missing
  expect((await anonymous.get('/api/health')).status).toBe(200);
  // already recorded when the start failed (the last good answer was still trusted): the applicant
  // keeps a tracking number, and the engine starts it later
  const recordedMidway = await applicant.post('/api/applications', body);
  expect(recordedMidway.status).toBe(202);
  expect(recordedMidway.body).toMatchObject({ started: false, trackingNumber: expect.any(String) });
  const down = await stack.engine.state(trackingNumber).then(() => 'answered', () => 'unreachable');
  expect(down).toBe('unreachable');
  const ready = await anonymous.get('/api/ready');
  expect(ready.status).toBe(503);
  expect(ready.body).toEqual({ ready: false, database: 'ok', temporal: 'unreachable' });
  expect(ready.headers.get('retry-after')).toBe('5');
  // from now on the outage is known before anything is recorded
  const before = await stack.db.application.count();
  const refused = await applicant.post('/api/applications', { ...body, data: await withDocuments(applicant, start.body.form, SAMPLE_APPLICATION) });
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(refused.body).toMatchObject({ error: 'unavailable', message: expect.stringContaining('nothing was changed') });
  expect(await stack.db.application.count()).toBe(before);
  const decision = await reviewer1.post(`/api/tasks/${encodeURIComponent(formal.id)}/complete`, { values: { formalDecision: 'complete' } });
  expect(decision.status).toBe(503);

  server = await startDevServer(temporal, { headless: true, log: () => {} });
  worker = await startWorker(stack.db, stack.pki, temporal);
  // the client reconnects on its own back-off: ready again within seconds, 503 until then
  await waitFor('the API to be ready again', async () => (await anonymous.get('/api/ready')).status === 200, 60_000);
  expect((await anonymous.get('/api/ready')).body).toEqual({ ready: true, database: 'ok', temporal: 'ok' });
  const state = await stack.engine.state(trackingNumber);
  expect(state?.openTasks.map((t) => t.elementId)).toEqual(['formal-check']);
  // the application recorded during the outage runs now without anyone sending it again
  await waitForTask(reviewer1, recordedMidway.body.trackingNumber, 'formal-check', 60_000);

  await completeTask(reviewer1, formal, { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'approve' });
  await payFee(applicant, trackingNumber);
  const done = await waitForCompletion(applicant, trackingNumber);
  expect(done.outcome).toBe('approved');
  expect(done.certificates).toHaveLength(1);
  expect(journalModeOf(temporal.embedded!.dbFile)).toBe('wal');
}, 180_000);
