/**
 * An applicant withdraws its own open application (POST /api/applications/{tracking}/withdraw):
 * the workflow is cancelled, its open task withdrawn, and the reason recorded as
 * `application.withdrawn` by the applicant. Another organisation's application is not found, a
 * finished one is refused, a reason is required, and staff use the administrators' cancel instead.
 * The list of applications carries what the applicant's list shows: the next step (open tasks)
 * and the expected decision date.
 */
import { apply, waitForTask } from '../../scripts/lib/walk-steps';
import { ApiClient, useRunningProduct, waitFor } from '../support/harness';

const product = useRunningProduct();

let applicant: ApiClient;
let applicant2: ApiClient;
let reviewer: ApiClient;
let admin: ApiClient;
let mine = '';
let other = '';

interface ListRow {
  trackingNumber: string;
  status: string;
  openTasks: { id: string; elementId: string; name: string | null; forApplicant: boolean }[];
  decisionTime: { within: string; expectedAt: string; pausedWorkingDays: number; overdue: boolean } | null;
}

beforeAll(async () => {
  [applicant, applicant2, reviewer, admin] = await product.login('applicant', 'applicant2', 'reviewer1', 'admin');
  [mine, other] = await Promise.all([apply(applicant), apply(applicant2)]);
  await waitForTask(reviewer, mine, 'formal-check');
});

describe('GET /api/applications (the list)', () => {
  it('gives each application its open tasks and the expected decision date', async () => {
    const res = await applicant.get<ListRow[]>('/api/applications');
    expect(res.status).toBe(200);
    const row = res.body.find((r) => r.trackingNumber === mine);
    expect(row?.openTasks).toEqual([expect.objectContaining({ elementId: 'formal-check', forApplicant: false })]);
    const one = await applicant.get<{ decisionTime: ListRow['decisionTime'] }>(`/api/applications/${mine}`);
    expect(row?.decisionTime).toEqual(one.body.decisionTime);
    expect(row?.decisionTime).toMatchObject({ within: 'P20D', pausedWorkingDays: 0, overdue: false });
    // an applicant sees its own organisation's applications only
    expect(res.body.some((r) => r.trackingNumber === other)).toBe(false);
  });
});

describe('POST /api/applications/:trackingNumber/withdraw', () => {
  it('refuses without a reason, or with one too short', async () => {
    expect((await applicant.post(`/api/applications/${mine}/withdraw`, {})).status).toBe(400);
    expect((await applicant.post(`/api/applications/${mine}/withdraw`, { reason: 'no' })).status).toBe(400);
    const blank = await applicant.post(`/api/applications/${mine}/withdraw`, { reason: '     ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual({ reason: expect.any(String) });
  });

  it('is for applicants: a reviewer is refused', async () => {
    expect((await reviewer.post(`/api/applications/${mine}/withdraw`, { reason: 'not mine to withdraw' })).status).toBe(403);
    expect((await product.anonymous.post(`/api/applications/${mine}/withdraw`, { reason: 'anonymous' })).status).toBe(401);
  });

  it("does not find another organisation's application", async () => {
    const res = await applicant.post(`/api/applications/${other}/withdraw`, { reason: 'not ours' });
    expect(res.status).toBe(404);
    expect((await applicant2.get(`/api/applications/${other}`)).body.status).not.toBe('cancelled');
  });

  it('withdraws its own open application: cancelled, its task withdrawn, the reason in the history', async () => {
    const res = await applicant.post(`/api/applications/${mine}/withdraw`, { reason: 'ثبت تکراری / a duplicate application' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ trackingNumber: mine, cancelling: true });
    const done = await waitFor('the withdrawal', async () => {
      const one = await applicant.get(`/api/applications/${mine}`);
      return one.body.status === 'cancelled' && one.body;
    });
    const entry = done.history.find((h: { action: string }) => h.action === 'application.withdrawn');
    expect(entry).toMatchObject({ actor: 'applicant', actorRole: 'applicant', details: { reason: 'ثبت تکراری / a duplicate application' } });
    expect(done.tasks.find((t: { elementId: string }) => t.elementId === 'formal-check').status).toBe('cancelled');
    const tasks = await reviewer.get<{ id: string }[]>('/api/tasks');
    expect(tasks.body.some((t) => t.id.startsWith(`${mine}:`))).toBe(false);
  });

  it('refuses a finished application', async () => {
    const res = await applicant.post(`/api/applications/${mine}/withdraw`, { reason: 'again, please' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('not_running');
    // the administrators' cancel says the same
    expect((await admin.post(`/api/applications/${mine}/cancel`, { reason: 'again, please' })).status).toBe(409);
  });
});
