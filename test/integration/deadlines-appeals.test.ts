/**
 * Legal deadlines, withdrawal and appeals, through the API on the real Temporal and database.
 * - An approval-based family's application with no decision by its legal time (its engine clock
 *   moved past it) is ruled on by the legal-deadline sweep exactly once: deemed approved
 *   (software-technical-approval's rule), its family's fee (25,000,000 rials) asked for on it by the
 *   ruling and, once paid, its certificate issued for it (none before), its open task withdrawn,
 *   `application.deemed-approved` recorded with the reviewing unit, and the certificate marked on
 *   the public register as issued by the deadline.
 * - While the applicant holds the file (a fix request) the legal clock stops: the paused working
 *   days and the stop are reported with the deadline.
 * - Withdrawal works at any open step (formal check, fix request, technical review) and ends the
 *   application with outcome `withdrawn`.
 * - A rejection is appealed within the window (refused after it, or twice); the appeal board (not
 *   the rejecting group or reviewer) overturns it and the ORIGINAL application gets its certificate
 *   once its fee is paid; so does an escalated one the unit head approves.
 * - Four eyes per person: a reviewer who is also on the appeal board may neither take nor decide
 *   the appeal of their own rejection; another board member decides it.
 * - The hourly Temporal schedule that runs the sweep exists after set-up with its interval and
 *   action, and setting it up again changes nothing.
 */
import crypto from 'node:crypto';
import { LEGAL_DEADLINE_SCHEDULE_ID, ensureLegalDeadlineSchedule } from '../../activities/deadlines/legal-deadline-schedule';
import { testConfig } from '../support/harness';
import { SAMPLE_APPLICATION, apply, completeTask, payFee, waitForFee, waitForTask } from '../../scripts/lib/walk-steps';
import { ApiClient, useRunningProduct, waitFor } from '../support/harness';
import { AFTA_APPLICATION } from '../../scripts/lib/walks/demo-data';

const product = useRunningProduct();

let applicant: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let appeals: ApiClient;
let head: ApiClient;
let admin: ApiClient;

interface AppView {
  trackingNumber: string;
  status: string;
  outcome: string | null;
  certificates: { number: string; status: string }[];
  history: { action: string; actor: string; details: Record<string, unknown> }[];
  tasks: { elementId: string; status: string }[];
  decisionTime: { within: string; expectedAt: string; pausedWorkingDays: number; overdue: boolean; basis: string; onDeadline: string; clockStops: { from: string; to: string | null; workingDays: number }[] } | null;
  appeal: { open: boolean; until: string; reviewerGroup: string; appeal: { trackingNumber: string; status: string; outcome: string | null } | null } | null;
}

const read = async (user: ApiClient, tracking: string) => (await user.get<AppView>(`/api/applications/${tracking}`)).body;
const sweep = (trackingNumbers: string[]) => admin.post<{ checked: number; ruled: { trackingNumber: string; ruling: string }[] }>('/api/legal-deadlines/sweep', { trackingNumbers });

beforeAll(async () => {
  [applicant, reviewer1, reviewer2, appeals, head, admin] = await product.login('applicant', 'reviewer1', 'reviewer2', 'appeals', 'head', 'admin');
});

describe('the legal deadline', () => {
  it('deems an undecided approval-based application approved once its legal time has passed, exactly once', async () => {
    const tracking = await apply(applicant);
    await waitForTask(reviewer1, tracking, 'formal-check');
    const before = await read(applicant, tracking);
    expect(before.decisionTime).toMatchObject({ within: 'P20D', basis: 'approval', onDeadline: 'deemed-approval', overdue: false, pausedWorkingDays: 0 });
    // not yet due: the sweep leaves it alone
    expect((await sweep([tracking])).body.ruled).toEqual([]);

    expect((await admin.post(`/api/applications/${tracking}/clock`, { days: 45 })).status).toBe(200);
    expect((await read(applicant, tracking)).decisionTime?.overdue).toBe(true);
    const first = await sweep([tracking]);
    expect(first.status).toBe(200);
    expect(first.body.ruled).toEqual([expect.objectContaining({ trackingNumber: tracking })]);

    // no certificate before payment: the ruling asks for the ruled family's fee on the ruled application
    const fee = await waitForFee(applicant, tracking);
    expect(fee).toMatchObject({ amount: 25_000_000, state: 'requested', trackingNumber: first.body.ruled[0].ruling });
    const unpaid = await read(applicant, tracking);
    expect(unpaid.certificates).toEqual([]);
    expect(unpaid.outcome).toBe('approved');
    await payFee(applicant, tracking);

    const done = await waitFor('the deemed approval', async () => {
      const app = await read(applicant, tracking);
      return app.certificates.length > 0 && app.certificates[0].status === 'valid' && app.status === 'completed' && app;
    });
    expect(done.outcome).toBe('approved');
    expect(done.tasks.find((t) => t.elementId === 'formal-check')?.status).toBe('cancelled');
    const deemed = done.history.filter((h) => h.action === 'application.deemed-approved');
    expect(deemed).toEqual([expect.objectContaining({ details: expect.objectContaining({ reviewingUnit: 'formal-reviewers', outcome: 'approved' }) })]);

    // exactly once: a second sweep starts nothing, and one ruling exists
    expect((await sweep([tracking])).body.ruled).toEqual([]);
    const ruling = await waitFor('the ruling to finish', async () => {
      const r = await read(admin, first.body.ruled[0].ruling);
      return r.status === 'completed' && r;
    });
    expect(ruling.outcome).toBe('approved');

    // the public record says the certificate was issued by the deadline
    const pub = await product.anonymous.get(`/api/public/certificates/${encodeURIComponent(done.certificates[0].number)}`);
    expect(pub.status).toBe(200);
    expect(pub.body.issuedByDeadline).toMatchObject({ reviewingUnit: 'formal-reviewers' });
  });

  it('stops the clock while the applicant holds the file, and shows the stop', async () => {
    const tracking = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'incomplete', formalComment: 'نسخه را اصلاح کنید. Fix the version.' });
    await waitForTask(applicant, tracking, 'applicant-fix');
    const held = await read(applicant, tracking);
    expect(held.decisionTime?.clockStops).toEqual([expect.objectContaining({ to: null })]);
    await admin.post(`/api/applications/${tracking}/clock`, { days: 7 });
    const later = await read(applicant, tracking);
    expect(later.decisionTime!.pausedWorkingDays).toBeGreaterThanOrEqual(3);
    expect(new Date(later.decisionTime!.expectedAt).getTime()).toBeGreaterThan(new Date(held.decisionTime!.expectedAt).getTime());
    expect(later.decisionTime!.overdue).toBe(false);
    await applicant.post(`/api/applications/${tracking}/withdraw`, { reason: 'test over / پایان آزمون' });
  });
});

describe('withdrawal at any open step', () => {
  const withdrawn = async (tracking: string, openStep: string) => {
    const res = await applicant.post(`/api/applications/${tracking}/withdraw`, { reason: `انصراف در ${openStep} / withdrawn at ${openStep}` });
    expect(res.status).toBe(200);
    const done = await waitFor(`the withdrawal at ${openStep}`, async () => {
      const app = await read(applicant, tracking);
      return app.status === 'cancelled' && app;
    });
    expect(done.outcome).toBe('withdrawn');
    expect(done.tasks.find((t) => t.elementId === openStep)?.status).toBe('cancelled');
    expect(done.history.some((h) => h.action === 'application.withdrawn' && h.actor === 'applicant')).toBe(true);
    expect(done.tasks.some((t) => t.status === 'open')).toBe(false);
  };

  it('at the formal check', async () => {
    const tracking = await apply(applicant);
    await waitForTask(reviewer1, tracking, 'formal-check');
    await withdrawn(tracking, 'formal-check');
  });

  it('during a fix request (the applicant holds the file)', async () => {
    const tracking = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'incomplete', formalComment: 'مدارک ناقص است. Documents missing.' });
    await waitForTask(applicant, tracking, 'applicant-fix');
    await withdrawn(tracking, 'applicant-fix');
  });

  it('at the technical review', async () => {
    const tracking = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'complete' });
    await waitForTask(reviewer2, tracking, 'technical-review');
    await withdrawn(tracking, 'technical-review');
  });
});

describe('appeal of a rejection', () => {
  let tracking = '';

  beforeAll(async () => {
    tracking = await apply(applicant, { ...SAMPLE_APPLICATION, productName: `سامانه اعتراض ${Date.now()}` });
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'complete' });
    await completeTask(reviewer2, await waitForTask(reviewer2, tracking, 'technical-review'), {
      technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'رمزنگاری پیاده‌سازی نشده است. Encryption is missing.',
    });
    await waitFor('the rejection', async () => (await read(applicant, tracking)).outcome === 'rejected');
  });

  it('is refused for a running application, without grounds, and to another role', async () => {
    const running = await apply(applicant);
    const res = await applicant.post(`/api/applications/${running}/appeal`, { reason: 'we disagree' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('not_appealable');
    await applicant.post(`/api/applications/${running}/withdraw`, { reason: 'test over' });
    expect((await applicant.post(`/api/applications/${tracking}/appeal`, { reason: '  ' })).status).toBe(400);
    expect((await reviewer2.post(`/api/applications/${tracking}/appeal`, { reason: 'not mine' })).status).toBe(403);
    expect((await applicant.post('/api/applications/TA-14030101-ZZZZZZ/appeal', { reason: 'unknown one' })).status).toBe(404);
  });

  it('shows the open window on the rejected application', async () => {
    const app = await read(applicant, tracking);
    expect(app.appeal).toMatchObject({ open: true, reviewerGroup: 'appeal-board', appeal: null });
    expect(new Date(app.appeal!.until).getTime()).toBeGreaterThan(Date.now());
  });

  it('is refused once the window (the family\'s working days from the rejection) has closed', async () => {
    // another rejection, dated back past software-technical-approval's 20 working days
    const late = await apply(applicant);
    await completeTask(reviewer1, await waitForTask(reviewer1, late, 'formal-check'), { formalDecision: 'complete' });
    await completeTask(reviewer2, await waitForTask(reviewer2, late, 'technical-review'), {
      technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'دیرهنگام. Too late to appeal.',
    });
    await waitFor('the rejection', async () => (await read(applicant, late)).outcome === 'rejected');
    await product.stack.db.application.update({ where: { trackingNumber: late }, data: { completedAt: new Date(Date.now() - 60 * 86_400_000) } });
    expect((await read(applicant, late)).appeal).toMatchObject({ open: false, appeal: null });
    const res = await applicant.post(`/api/applications/${late}/appeal`, { reason: 'we were on holiday' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('appeal_window_closed');
  });

  it('goes to the appeal board, which overturns it: the original application gets its certificate', async () => {
    const res = await applicant.post(`/api/applications/${tracking}/appeal`, { reason: 'رمزنگاری در نسخه ۲.۱ هست؛ پیوست ۳ را ببینید. Encryption is in 2.1, see annex 3.' });
    expect(res.status).toBe(201);
    const appealTracking = res.body.appeal as string;
    // one appeal per rejection
    const again = await applicant.post(`/api/applications/${tracking}/appeal`, { reason: 'once more' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_appealed');

    // the rejecting group does not see it; the appeal board does
    const task = await waitForTask(appeals, appealTracking, 'appeal-review');
    expect((await reviewer2.get<{ id: string }[]>('/api/tasks')).body.some((t) => t.id === task.id)).toBe(false);
    expect(task.prefill).toMatchObject({ ruledTrackingNumber: tracking, appealReason: expect.stringContaining('annex 3') });
    await completeTask(appeals, task, { appealDecision: 'overturn', rulingComment: 'پیوست ۳ رمزنگاری را نشان می‌دهد. Annex 3 shows it.' });
    // the overturned application's fee, listed on it, before its certificate
    expect(await waitForFee(applicant, tracking)).toMatchObject({ amount: 25_000_000, trackingNumber: appealTracking });
    expect((await read(applicant, tracking)).certificates).toEqual([]);
    await payFee(applicant, tracking);

    const done = await waitFor('the overturn', async () => {
      const app = await read(applicant, tracking);
      return app.certificates.some((c) => c.status === 'valid') && app;
    });
    expect(done).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(done.history.some((h) => h.action === 'application.appeal-overturned')).toBe(true);
    expect(done.appeal).toMatchObject({ open: false, appeal: { trackingNumber: appealTracking } });
    const appealApp = await waitFor('the appeal to end', async () => {
      const a = await read(applicant, appealTracking);
      return a.status === 'completed' && a;
    });
    expect(appealApp.outcome).toBe('approved');
    expect(appealApp.certificates).toEqual([]);
  });
});

describe('four eyes on an appeal, per person', () => {
  it('refuses the rejecting reviewer on the appeal of their own rejection though they sit on the appeal board; another member decides it', async () => {
    // one person in both the rejecting group and the appeal board
    const username = `both${crypto.randomBytes(4).toString('hex')}`;
    const created = await admin.post('/api/users', {
      username, displayName: 'کارشناس فنی و عضو هیئت اعتراض / Technical reviewer and appeal board member', password: 'four-eyes-password', role: 'reviewer', groups: ['technical-reviewers', 'appeal-board'],
    });
    expect(created.status).toBe(201);
    const both = await new ApiClient(product.stack.baseUrl).login(username, 'four-eyes-password');

    const tracking = await apply(applicant, { ...SAMPLE_APPLICATION, productName: `سامانه چهار چشم ${Date.now()}` });
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'complete' });
    // they may reject: the technical review is their group's
    await completeTask(both, await waitForTask(both, tracking, 'technical-review'), {
      technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'گزارش آزمون نفوذ ندارد. No penetration test report.',
    });
    await waitFor('the rejection', async () => (await read(applicant, tracking)).outcome === 'rejected');
    const lodged = await applicant.post(`/api/applications/${tracking}/appeal`, { reason: 'گزارش در پیوست ۲ است. The report is annex 2.' });
    expect(lodged.status).toBe(201);
    const appealTracking = lodged.body.appeal as string;

    // the appeal reaches the board, them included, but they may neither take it nor decide it
    const task = await waitForTask(both, appealTracking, 'appeal-review');
    const claimed = await both.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`);
    expect(claimed.status).toBe(403);
    expect(claimed.body).toMatchObject({ error: 'four_eyes', message: expect.stringContaining(username) });
    const decided = await both.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: { appealDecision: 'overturn', rulingComment: 'رد خودم را نقض می‌کنم. Overturning my own rejection.' } });
    expect(decided.status).toBe(403);
    expect(decided.body).toMatchObject({ error: 'four_eyes', message: expect.stringContaining('four eyes') });
    expect((await read(admin, appealTracking)).tasks.find((t) => t.elementId === 'appeal-review')?.status).toBe('open');

    // another board member decides it
    await completeTask(appeals, await waitForTask(appeals, appealTracking, 'appeal-review'), { appealDecision: 'uphold', rulingComment: 'گزارش پیوست نشده است. The report is not attached.' });
    const upheld = await waitFor('the upheld appeal', async () => {
      const app = await read(applicant, tracking);
      return app.history.some((h) => h.action === 'application.appeal-upheld') && app;
    });
    expect(upheld).toMatchObject({ status: 'completed', outcome: 'rejected' });
  });
});

describe('the hourly sweep schedule', () => {
  it('exists after set-up, runs the sweep workflow on the worker\'s queue every hour, and setting it up twice is harmless', async () => {
    const { client } = product.stack;
    const { taskQueue } = testConfig().temporal;
    const handle = client.schedule.getHandle(LEGAL_DEADLINE_SCHEDULE_ID);
    try {
      await ensureLegalDeadlineSchedule(client, taskQueue);
      const first = await handle.describe();
      expect(first.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);
      expect(first.action).toMatchObject({ type: 'startWorkflow', workflowType: 'legalDeadlineSweepWorkflow', workflowId: LEGAL_DEADLINE_SCHEDULE_ID, taskQueue, args: [] });
      expect(first.state.paused).toBe(false);
      // its action runs: the sweep workflow starts on the worker's queue and reports what it checked
      await handle.trigger();
      const started = await waitFor('the scheduled sweep to start', async () => {
        const action = (await handle.describe()).info.recentActions[0]?.action;
        return action?.type === 'startWorkflow' && action.workflow;
      });
      expect(started.workflowId.startsWith(LEGAL_DEADLINE_SCHEDULE_ID)).toBe(true);
      const swept = await client.workflow.getHandle(started.workflowId, started.firstExecutionRunId).result() as { checked: number; ruled: unknown[] };
      expect(swept).toEqual({ checked: expect.any(Number), ruled: expect.any(Array) });

      // a second start-up (a restarted API or worker) keeps the one schedule as it was
      await expect(ensureLegalDeadlineSchedule(client, taskQueue)).resolves.toBeUndefined();
      const second = await handle.describe();
      expect(second.spec).toEqual(first.spec);
      expect(second.action).toEqual(first.action);
      expect(second.info.createdAt).toEqual(first.info.createdAt);
      expect(second.info.numActionsTaken).toBe(1);
      const ours: string[] = [];
      for await (const s of client.schedule.list()) if (s.scheduleId === LEGAL_DEADLINE_SCHEDULE_ID) ours.push(s.scheduleId);
      expect(ours).toEqual([LEGAL_DEADLINE_SCHEDULE_ID]);
    } finally {
      // the sweep must not run on its own during the other tests
      await handle.delete().catch(() => undefined);
    }
  });
});

describe('escalation', () => {
  it("escalates an overdue application of an escalating family to the unit head, whose approval issues its certificate", async () => {
    const tracking = await apply(applicant, AFTA_APPLICATION, 'afta-services-license');
    await waitForTask(reviewer1, tracking, 'formal-check');
    expect((await read(applicant, tracking)).decisionTime).toMatchObject({ within: 'P30D', onDeadline: 'escalate' });
    await admin.post(`/api/applications/${tracking}/clock`, { days: 60 });
    const swept = await sweep([tracking]);
    expect(swept.body.ruled).toEqual([expect.objectContaining({ trackingNumber: tracking })]);
    // the reviewers may still decide meanwhile: the application runs until the head rules
    expect((await read(applicant, tracking)).status).toBe('running');
    const task = await waitForTask(head, swept.body.ruled[0].ruling, 'head-decision');
    expect(task.prefill).toMatchObject({ ruledTrackingNumber: tracking, reviewingUnit: 'formal-reviewers' });
    await completeTask(head, task, { headDecision: 'approve', rulingComment: 'مدارک کامل است. The file is complete.' });
    await waitForFee(applicant, tracking);
    expect((await read(applicant, tracking)).certificates).toEqual([]);
    await payFee(applicant, tracking);
    const done = await waitFor('the escalated approval', async () => {
      const app = await read(applicant, tracking);
      return app.certificates.some((c) => c.status === 'valid') && app;
    });
    expect(done).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(done.history.some((h) => h.action === 'application.escalation-approved')).toBe(true);
    expect(done.history.some((h) => h.action === 'application.deemed-approved')).toBe(false);
  });

  it('the sweep is for administrators only', async () => {
    expect((await head.post('/api/legal-deadlines/sweep', {})).status).toBe(403);
    expect((await admin.post('/api/legal-deadlines/sweep', { trackingNumbers: ['not a number'] })).status).toBe(400);
  });
});
