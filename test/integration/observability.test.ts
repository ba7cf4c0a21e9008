/**
 * What an operator watches, against the real API, database and Temporal: readiness naming both
 * dependencies, a request id on every answer (a caller's own id kept), and Prometheus metrics for
 * administrators or a scraper's token only, with request figures by route pattern and the work
 * figures (open tasks per group, applications per status).
 */
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';
import { apply, waitForTask } from '../../scripts/lib/walk-steps';

const TOKEN = 'scraper-token-for-this-test';
let stack: Stack;
let worker: RunningWorker;

beforeAll(async () => {
  stack = await startApi(undefined, undefined, {}, { metricsToken: TOKEN });
  worker = await startWorker(stack.db, stack.pki);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
});

it('is ready when the database and Temporal answer, and says which ones it asked', async () => {
  const ready = await new ApiClient(stack.baseUrl).get('/api/ready');
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ ready: true, database: 'ok', temporal: 'ok' });
});

it('answers every request with a request id, keeping a well-formed one the caller sent', async () => {
  const own = await fetch(`${stack.baseUrl}/api/health`, { headers: { 'x-request-id': 'edge-42.a' } });
  expect(own.headers.get('x-request-id')).toBe('edge-42.a');
  const made = await fetch(`${stack.baseUrl}/api/health`, { headers: { 'x-request-id': 'no spaces or <tags> allowed' } });
  expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const notFound = await fetch(`${stack.baseUrl}/api/no-such-route`);
  expect(notFound.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('shows metrics to administrators and to the scraper token only', async () => {
  const anonymous = new ApiClient(stack.baseUrl);
  expect((await anonymous.get('/api/metrics')).status).toBe(401);
  expect((await (await anonymous.login('applicant')).get('/api/metrics')).status).toBe(403);
  const wrong = await fetch(`${stack.baseUrl}/api/metrics`, { headers: { authorization: 'Bearer scraper-token-for-this-tesX' } });
  expect(wrong.status).toBe(401);
  const scraped = await fetch(`${stack.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(scraped.status).toBe(200);
  expect(scraped.headers.get('content-type')).toContain('text/plain');
});

it('counts requests by route pattern (never by tracking number) and reports the open work', async () => {
  const client = new ApiClient(stack.baseUrl);
  const [applicant, reviewer, admin] = await Promise.all(['applicant', 'reviewer1', 'admin'].map((u) => client.login(u)));
  const trackingNumber = await apply(applicant);
  await waitForTask(reviewer, trackingNumber, 'formal-check');
  expect((await applicant.get(`/api/applications/${trackingNumber}`)).status).toBe(200);

  const res = await admin.get<Buffer>('/api/metrics');
  expect(res.status).toBe(200);
  const text = res.body.toString('utf8');
  expect(text).toMatch(/ito_api_http_requests_total\{method="GET",route="\/api\/applications\/:trackingNumber",status="200"\} [1-9]/);
  expect(text).not.toContain(trackingNumber);
  expect(text).toMatch(/ito_api_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/applications"\}/);
  // the formal check waits in its group's queue; the application is counted as running
  expect(text).toMatch(/ito_open_user_tasks\{group="formal-reviewers"\} [1-9]/);
  expect(text).toMatch(/ito_applications\{status="running"\} [1-9]/);
  expect(text).toMatch(/^ito_user_tasks_past_due \d+$/m);
  expect(text).toContain('ito_api_process_cpu_seconds_total');
}, 120_000);
