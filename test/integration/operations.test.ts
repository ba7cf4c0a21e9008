/**
 * Operations routes (administrators): the instance list with server-side filters, counts per state,
 * sorting and paging; one instance with its live state (incidents with their stack traces, tokens,
 * variables), the marks its diagram needs and the versions it may move to; the Temporal Web UI link.
 */
import { apply } from '../../scripts/lib/walk-steps';
import { ApiClient, useRunningProduct, waitFor } from '../support/harness';
import { openCalendar, operationsModelV1, operationsModelV2 } from '../support/operations-models';

const KEY = 'ops-integration';
const CALENDAR = 'ops-integration';

const product = useRunningProduct();

let admin: ApiClient;
let applicant: ApiClient;
let reviewer: ApiClient;
/** v2: stops in an incident at the intake (its calendar is missing). */
let withIncident = '';
/** v1: waits at the review. */
let waiting = '';
/** v1: cancelled by the administrator. */
let cancelled = '';

beforeAll(async () => {
  [admin, applicant, reviewer] = await product.login('admin', 'applicant', 'reviewer1');
  expect((await admin.post('/api/definitions', { xml: operationsModelV1(KEY) })).status).toBe(201);
  waiting = await apply(applicant, {}, KEY);
  cancelled = await apply(applicant, {}, KEY);
  expect((await admin.post('/api/definitions', { xml: operationsModelV2(KEY, CALENDAR) })).status).toBe(201);
  withIncident = await apply(applicant, {}, KEY);
  await waitFor('the incident', async () => {
    const res = await admin.get(`/api/operations/instances/${withIncident}`);
    return res.status === 200 && res.body.status === 'incident' && res.body.live?.incidents.length === 1 && res.body;
  });
  await waitFor('the review task', async () => (await admin.get(`/api/operations/instances/${cancelled}`)).body.live?.activeElements.includes('review'));
  expect((await admin.post(`/api/applications/${cancelled}/cancel`, { reason: 'duplicate application' })).status).toBe(200);
  await waitFor('the cancellation', async () => (await admin.get(`/api/operations/instances/${cancelled}`)).body.status === 'cancelled');
});

describe('GET /api/operations/instances', () => {
  it('is for administrators only', async () => {
    expect((await product.anonymous.get('/api/operations/instances')).status).toBe(401);
    expect((await applicant.get('/api/operations/instances')).status).toBe(403);
    expect((await reviewer.get('/api/operations/instances')).status).toBe(403);
  });

  it('lists the instances of a process with the count in each state', async () => {
    const res = await admin.get(`/api/operations/instances?processKey=${KEY}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.counts).toEqual({ running: 1, incident: 1, completed: 0, cancelled: 1, terminated: 0, failed: 0 });
    const row = res.body.data.find((r: { trackingNumber: string }) => r.trackingNumber === withIncident);
    expect(row).toMatchObject({
      id: withIncident, processKey: KEY, processVersion: 2, processName: 'آزمون عملیات / Operations test', state: 'incident', family: withIncident.split('-')[0],
      applicant: 'applicant', organisation: { nationalId: expect.any(String) },
    });
    expect(row.submittedData).toBeUndefined();
    // newest first by default
    expect(res.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).toEqual([withIncident, cancelled, waiting]);
  });

  it('filters by state, version, family, tracking number, company and start date', async () => {
    const numbers = async (query: string) => {
      const res = await admin.get(`/api/operations/instances?processKey=${KEY}&${query}`);
      expect(res.status).toBe(200);
      return (res.body.data as { trackingNumber: string }[]).map((r) => r.trackingNumber).sort();
    };
    expect(await numbers('state=incident')).toEqual([withIncident]);
    expect(await numbers('state=running')).toEqual([waiting]);
    expect(await numbers('state=cancelled')).toEqual([cancelled]);
    expect(await numbers('state=completed')).toEqual([]);
    expect(await numbers('version=1')).toEqual([cancelled, waiting].sort());
    expect(await numbers(`family=${withIncident.split('-')[0].toLowerCase()}`)).toEqual([withIncident, cancelled, waiting].sort());
    expect(await numbers('family=ZZ')).toEqual([]);
    expect(await numbers(`q=${withIncident.slice(-6).toLowerCase()}`)).toEqual([withIncident]);
    const company = (await admin.get(`/api/operations/instances/${waiting}`)).body.organisation.nameFa as string;
    expect(await numbers(`q=${encodeURIComponent(company.slice(0, 6))}`)).toEqual([withIncident, cancelled, waiting].sort());
    const today = new Date(Date.now() + 3.5 * 3_600_000).toISOString().slice(0, 10); // Tehran's date
    const tomorrow = new Date(Date.now() + 3.5 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    expect(await numbers(`startedFrom=${today}&startedTo=${today}`)).toHaveLength(3);
    expect(await numbers(`startedFrom=${tomorrow}`)).toEqual([]);
  });

  it('counts each state under the other filters, not under the state filter', async () => {
    const res = await admin.get(`/api/operations/instances?processKey=${KEY}&version=1&state=running`);
    expect(res.body.total).toBe(1);
    expect(res.body.counts).toMatchObject({ running: 1, incident: 0, cancelled: 1 });
  });

  it('sorts and pages on the server', async () => {
    const all = await admin.get(`/api/operations/instances?processKey=${KEY}&sort=trackingNumber&order=ASC`);
    const sorted = [withIncident, cancelled, waiting].sort();
    expect(all.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).toEqual(sorted);
    const second = await admin.get(`/api/operations/instances?processKey=${KEY}&sort=trackingNumber&order=ASC&page=2&perPage=1`);
    expect(second.body).toMatchObject({ total: 3, page: 2, perPage: 1 });
    expect(second.body.data.map((r: { trackingNumber: string }) => r.trackingNumber)).toEqual([sorted[1]]);
  });

  it('refuses filters it does not know or cannot read, in words', async () => {
    for (const query of ['state=sleeping', 'sort=password', 'perPage=1000', 'page=0', 'version=x', 'family=A-1', 'colour=red', 'startedFrom=yesterday-ish']) {
      const res = await admin.get(`/api/operations/instances?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.message).toEqual(expect.any(String));
    }
    const reversed = await admin.get('/api/operations/instances?startedFrom=2026-02-02&startedTo=2026-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toHaveProperty('startedFrom');
  });
});

describe('GET /api/operations/instances/:trackingNumber', () => {
  it('is for administrators only, and 404 for an unknown instance', async () => {
    expect((await applicant.get(`/api/operations/instances/${withIncident}`)).status).toBe(403);
    expect((await admin.get('/api/operations/instances/RQ-14050101-ZZZZZZ')).status).toBe(404);
    expect((await admin.get('/api/operations/instances/not-a-number')).status).toBe(400);
  });

  it('shows an incident with its message and the stack trace of the failure, and marks the diagram', async () => {
    const res = await admin.get(`/api/operations/instances/${withIncident}`);
    expect(res.status).toBe(200);
    const incident = res.body.live.incidents[0];
    expect(incident).toMatchObject({ incidentId: 'intake/1', elementId: 'intake' });
    expect(incident.message).toContain(`no working-day calendar "${CALENDAR}"`);
    // the activity's own stack, carried from the worker (load-calendar.ts threw it)
    expect(incident.stack).toContain('load-calendar');
    expect(incident.stack.length).toBeLessThanOrEqual(4_002);
    expect(res.body.diagram).toMatchObject({ completed: ['start'], incidents: ['intake'] });
    expect(res.body.live.variables).toMatchObject({ applicant: 'applicant', trackingNumber: withIncident });
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(res.body.history.map((h: { action: string }) => h.action)).toContain('application.incident');
    expect(res.body.liveError).toBeNull();
    // the application's own view (its applicant reads it) names the incident without the stack
    const own = await applicant.get(`/api/applications/${withIncident}`);
    expect(own.body.state.incidents[0]).toMatchObject({ incidentId: 'intake/1', message: incident.message });
    expect(own.body.state.incidents[0].stack).toBeUndefined();
  });

  it('after the cause is fixed and the incident retried, shows the token at the task', async () => {
    expect((await admin.put(`/api/calendars/${CALENDAR}`, openCalendar(CALENDAR))).status).toBe(200);
    expect((await admin.post(`/api/applications/${withIncident}/incidents/${encodeURIComponent('intake/1')}/retry`)).status).toBe(200);
    const after = await waitFor('the intake task', async () => {
      const res = await admin.get(`/api/operations/instances/${withIncident}`);
      return res.body.status === 'running' && res.body.live?.openTasks.length === 1 && res.body;
    });
    expect(after.live.incidents).toEqual([]);
    expect(after.diagram).toMatchObject({ active: { intake: 1 }, incidents: [] });
    expect(after.tasks).toEqual([expect.objectContaining({ elementId: 'intake', status: 'open', candidateGroups: ['formal-reviewers'], dueDate: expect.any(String) })]);
  });

});

describe('GET /api/operations/info', () => {
  it('tells administrators where the Temporal Web UI shows a workflow', async () => {
    expect((await reviewer.get('/api/operations/info')).status).toBe(403);
    const res = await admin.get('/api/operations/info');
    expect(res.status).toBe(200);
    expect(res.body.namespace).toEqual(expect.any(String));
    expect(res.body.temporalUiUrl).toMatch(/^http:\/\/localhost:\d+$/);
  });
});
