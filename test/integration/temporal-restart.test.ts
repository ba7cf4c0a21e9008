/**
 * Durability: the embedded Temporal dev server is stopped and started again on the same SQLite
 * file while an application waits for a reviewer; the application is still there and finishes.
 */
import path from 'node:path';
import { loadTemporalConfig } from '../../config';
import { startDevServer, RunningDevServer } from '../../temporal/dev-server';
import { freePort } from '../support/ports';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';
import { apply, completeTask, payFee, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';

let server: RunningDevServer | undefined;
let worker: RunningWorker | undefined;
let stack: Stack | undefined;

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
  stack = await startApi(temporal);
  worker = await startWorker(stack.db, stack.pki, temporal);

  const anonymous = new ApiClient(stack.baseUrl);
  const [applicant, reviewer1, reviewer2] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));
  const trackingNumber = await apply(applicant);
  const formal = await waitForTask(reviewer1, trackingNumber, 'formal-check');

  // stop everything that talks to Temporal, then Temporal itself
  await worker.stop();
  worker = undefined;
  await server.stop();
  const down = await stack.engine.state(trackingNumber).then(() => 'answered', () => 'unreachable');
  expect(down).toBe('unreachable');

  server = await startDevServer(temporal, { headless: true, log: () => {} });
  worker = await startWorker(stack.db, stack.pki, temporal);
  const state = await stack.engine.state(trackingNumber);
  expect(state?.openTasks.map((t) => t.elementId)).toEqual(['formal-check']);

  await completeTask(reviewer1, formal, { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'approve' });
  await payFee(applicant, trackingNumber);
  const done = await waitForCompletion(applicant, trackingNumber);
  expect(done.outcome).toBe('approved');
  expect(done.certificates).toHaveLength(1);
}, 180_000);
