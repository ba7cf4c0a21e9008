/**
 * Satisfaction, questions/complaints and counter-office agents through the API on the real
 * Temporal server and database:
 * - a complaint is filed (signed in, about an application; and without a login, about a service),
 *   answered by an administrator and seen by its sender; a complaint about an application past its
 *   expected decision date is flagged; hostile text is refused;
 * - an agent of the demo counter office applies for the demo company, fixes the file when it comes
 *   back, and every step it took names the agent and its contract number in the history; a company
 *   that has not (or no longer) authorised the office is refused;
 * - the applicant rates a decided application once, and the satisfaction figures are those the test
 *   recomputes from the database.
 */
import { apply, completeTask, SAMPLE_APPLICATION, waitForCompletion, waitForTask, walkToCertificate, withDocuments } from '../../scripts/lib/walk-steps';
import { jalaliDayOf } from '../../activities/certificates/jalali-date';
import { DEMO_COUNTER_OFFICE, DEMO_ORGANISATIONS } from '../../prisma/seed';
import { ApiClient, useRunningProduct, waitFor } from '../support/harness';

const product = useRunningProduct();

let applicant: ApiClient;
let applicant2: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let admin: ApiClient;
let agent: ApiClient;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface HistoryRow { action: string; actor: string; actorRole: string | null; entityId: string; details: Record<string, unknown>; agent: Record<string, unknown> | null }

beforeAll(async () => {
  [applicant, applicant2, reviewer1, reviewer2, admin, agent] = await product.login('applicant', 'applicant2', 'reviewer1', 'reviewer2', 'admin', 'agent');
});

async function applyAsAgent(company: string): Promise<{ status: number; body: any }> {
  const start = await agent.get('/api/definitions/software-technical-approval/start-form');
  const data = await withDocuments(agent, start.body.form, { ...SAMPLE_APPLICATION, productName: `${SAMPLE_APPLICATION.productName} ${run}` });
  return agent.post('/api/applications', { processKey: 'software-technical-approval', data, onBehalfOf: company });
}

describe('questions, criticism, suggestions and complaints', () => {
  it('a signed-in applicant complains about its application: a tracking number, the answer later, in "my messages" and the inbox', async () => {
    const tracking = await apply(applicant);
    const filed = await applicant.post('/api/feedback', { kind: 'complaint', text: `پاسخ درخواست من دیر شده است ${run}`, applicationTrackingNumber: tracking });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ kind: 'complaint', state: 'received', applicationTrackingNumber: tracking, processKey: 'software-technical-approval', delayFlagged: false, answer: null });
    expect(filed.body.trackingNumber).toMatch(/^FB-[0-9]{8}-[0-9A-Z]{6}$/);
    expect(filed.body.followUpCode).toBeUndefined();
    const number = filed.body.trackingNumber as string;

    // another company neither sees it nor can write about the application
    expect((await applicant2.get(`/api/feedback/${number}`)).status).toBe(404);
    expect((await applicant2.post('/api/feedback', { kind: 'complaint', text: 'not mine', applicationTrackingNumber: tracking })).status).toBe(404);
    // only administrators answer
    expect((await applicant.post(`/api/feedback/${number}/answer`, { answer: 'self-answer' })).status).toBe(403);
    expect((await admin.post('/api/feedback/FB-14050101-ZZZZZZ/answer', { answer: 'nobody asked' })).status).toBe(404);

    const listed = await admin.get(`/api/feedback?kind=complaint&state=received&perPage=200`);
    expect(listed.body.data.find((m: { trackingNumber: string }) => m.trackingNumber === number)).toMatchObject({ senderUsername: 'applicant' });

    const answered = await admin.post(`/api/feedback/${number}/answer`, { answer: 'پرونده شما در نوبت بررسی است. Your file is in the review queue.' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ state: 'answered', answeredBy: 'admin' });

    const seen = await applicant.get(`/api/feedback/${number}`);
    expect(seen.body).toMatchObject({ state: 'answered', answer: 'پرونده شما در نوبت بررسی است. Your file is in the review queue.' });
    expect(seen.body.answeredBy).toBeUndefined();
    const mine = await applicant.get<{ trackingNumber: string; state: string }[]>('/api/feedback/mine');
    expect(mine.body.find((m) => m.trackingNumber === number)?.state).toBe('answered');
    const inbox = await applicant.get<{ template: string; bodyEn: string }[]>('/api/notifications');
    expect(inbox.body.some((n) => n.template === 'feedback-answered' && n.bodyEn.includes(number))).toBe(true);

    const closed = await admin.post(`/api/feedback/${number}/close`);
    expect(closed.body.state).toBe('closed');
    expect((await admin.post(`/api/feedback/${number}/answer`, { answer: 'again' })).status).toBe(409);
  });

  it('flags a complaint about an application past its expected decision date, and lists the flagged ones', async () => {
    const tracking = await apply(applicant);
    // the application was filed long before its published 20 working days
    await product.stack.db.application.update({ where: { trackingNumber: tracking }, data: { createdAt: new Date(Date.now() - 90 * 86_400_000) } });
    const filed = await applicant.post('/api/feedback', { kind: 'complaint', text: `تأخیر در تصمیم ${run}`, applicationTrackingNumber: tracking });
    expect(filed.status).toBe(201);
    expect(filed.body.delayFlagged).toBe(true);
    expect(new Date(filed.body.expectedDecisionAt).getTime()).toBeLessThan(Date.now());
    // a question about the same application is no complaint: not flagged
    const question = await applicant.post('/api/feedback', { kind: 'question', text: `سؤال ${run}`, applicationTrackingNumber: tracking });
    expect(question.body.delayFlagged).toBe(false);
    const flagged = await admin.get<{ data: { trackingNumber: string; delayFlagged: boolean }[] }>('/api/feedback?flagged=true&perPage=200');
    expect(flagged.body.data.some((m) => m.trackingNumber === filed.body.trackingNumber)).toBe(true);
    expect(flagged.body.data.every((m) => m.delayFlagged)).toBe(true);
  });

  it('takes a message from the public with a name and contact, and shows the answer for the tracking number and follow-up code', async () => {
    const anonymous = product.anonymous;
    const missing = await anonymous.post('/api/feedback', { kind: 'suggestion', text: 'no name given here' });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors).sort()).toEqual(['contact', 'name']);
    expect((await anonymous.post('/api/feedback', { kind: 'question', text: 'which service?', name: 'x', contact: 'x@y.z', processKey: 'no-such-service' })).status).toBe(400);

    const filed = await anonymous.post('/api/feedback', { kind: 'question', text: `مدارک لازم برای تأیید فنی چیست؟ ${run}`, processKey: 'software-technical-approval', name: 'مریم احمدی', contact: '09121234567' });
    expect(filed.status).toBe(201);
    expect(filed.body.followUpCode).toMatch(/^[0-9A-F]{12}$/);
    expect(filed.body.serviceId).toEqual(expect.any(String));
    const { trackingNumber, followUpCode } = filed.body;
    expect((await anonymous.post('/api/public/feedback/lookup', { trackingNumber, code: 'WRONGCODE1' })).status).toBe(404);
    expect((await anonymous.post('/api/public/feedback/lookup', { trackingNumber, code: followUpCode })).body).toMatchObject({ state: 'received', answer: null });
    // a signed-in stranger does not read it either
    expect((await applicant.get(`/api/feedback/${trackingNumber}`)).status).toBe(404);

    await admin.post(`/api/feedback/${trackingNumber}/answer`, { answer: 'راهنمای مدارک در صفحه خدمت آمده است.', close: true });
    expect((await anonymous.post('/api/public/feedback/lookup', { trackingNumber, code: followUpCode.toLowerCase() })).body).toMatchObject({ state: 'closed', answer: 'راهنمای مدارک در صفحه خدمت آمده است.' });
  });

  it('refuses hostile text with a clear 400 naming the field', async () => {
    for (const text of ['invoice\u202Efdp.exe please', 'half \uD800 a pair', 'bell \u0007 here']) {
      const res = await applicant.post('/api/feedback', { kind: 'criticism', text });
      expect(res.status).toBe(400);
      expect(res.body.errors.text).toEqual(expect.any(String));
    }
    const res = await admin.post('/api/feedback/FB-14050101-ZZZZZZ/answer', { answer: 'x\u2066y and more' });
    expect(res.status).toBe(400);
  });
});

describe('counter-office agents (پیشخوان)', () => {
  it('applies for the company that authorised its office, fixes the returned file, and each of its steps names the agent and the contract', async () => {
    const started = await applyAsAgent(DEMO_ORGANISATIONS.applicant.nationalId);
    expect(started.status).toBe(201);
    const tracking = started.body.trackingNumber as string;

    // the company sees the application as its own; the agent sees it too
    const asCompany = await applicant.get(`/api/applications/${tracking}`);
    expect(asCompany.status).toBe(200);
    expect(asCompany.body.organisation.nationalId).toBe(DEMO_ORGANISATIONS.applicant.nationalId);
    expect((await agent.get(`/api/applications/${tracking}`)).status).toBe(200);
    expect((await applicant2.get(`/api/applications/${tracking}`)).status).toBe(404);

    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'incomplete', formalComment: `نسخه نامعتبر ${run}. The version is not valid.` });
    const fix = await waitForTask(agent, tracking, 'applicant-fix');
    await completeTask(agent, fix, { ...SAMPLE_APPLICATION, productDocuments: fix.prefill!.productDocuments, productVersion: '2.1.1', fixNote: 'اصلاح شد. Fixed.' });
    await waitForTask(reviewer1, tracking, 'formal-check');

    const { body } = await applicant.get<{ history: HistoryRow[] }>(`/api/applications/${tracking}`);
    const stamp = { username: 'agent', officeNationalId: DEMO_ORGANISATIONS.counter.nationalId, contractNumber: DEMO_COUNTER_OFFICE.contractNumber, companyNationalId: DEMO_ORGANISATIONS.applicant.nationalId };
    const submitted = body.history.find((h) => h.action === 'application.submitted');
    expect(submitted).toMatchObject({ actor: 'agent', actorRole: 'agent', agent: stamp });
    const fixed = body.history.find((h) => h.action === 'task.completed' && h.entityId === fix.id);
    expect(fixed).toMatchObject({ actor: 'agent', actorRole: 'agent', agent: stamp });
    // the reviewer's step is no agent's
    expect(body.history.find((h) => h.action === 'task.completed' && h.actor === 'reviewer1')?.agent).toBeNull();

    const withdrawn = await agent.post(`/api/applications/${tracking}/withdraw`, { reason: `ثبت تکراری ${run}` });
    expect(withdrawn.status).toBe(200);
    const done = await waitFor('the withdrawal', async () => {
      const one = await applicant.get<{ status: string; history: HistoryRow[] }>(`/api/applications/${tracking}`);
      return one.body.status === 'cancelled' && one.body;
    });
    expect(done.history.find((h) => h.action === 'application.withdrawn')).toMatchObject({ actor: 'agent', actorRole: 'agent', agent: stamp });
  });

  it("reads the documents and certificates of its companies' applications, and no other company's", async () => {
    const [ours, theirs] = await Promise.all([apply(applicant), apply(applicant2)]);
    const docOf = async (user: ApiClient, tracking: string) => ((await user.get<{ documents: { id: string }[] }>(`/api/applications/${tracking}`)).body.documents[0].id);
    const ourDoc = await docOf(applicant, ours);
    const theirDoc = await docOf(applicant2, theirs);
    expect((await agent.get(`/api/documents/${ourDoc}/content`)).status).toBe(200);
    expect([403, 404]).toContain((await agent.get(`/api/documents/${theirDoc}/content`)).status);
    // it hands the company its certificate; another company may not download it
    const { certificateNumber } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 });
    expect((await agent.get(`/api/certificates/${certificateNumber}/pdf`)).status).toBe(200);
    expect((await applicant2.get(`/api/certificates/${certificateNumber}/pdf`)).status).toBe(403);
    // the applications list of an agent holds its companies' applications only
    const list = await agent.get<{ trackingNumber: string }[]>('/api/applications');
    expect(list.body.some((a) => a.trackingNumber === ours)).toBe(true);
    expect(list.body.some((a) => a.trackingNumber === theirs)).toBe(false);
  });

  it('is refused for a company that has not authorised its office, and after the company revokes its authorisation', async () => {
    const company = DEMO_ORGANISATIONS.applicant2.nationalId;
    expect((await applyAsAgent(company)).status).toBe(403);
    expect((await agent.post('/api/applications', { processKey: 'software-technical-approval', data: {} })).status).toBe(400);
    expect((await applicant.post('/api/applications', { processKey: 'software-technical-approval', data: {}, onBehalfOf: company })).status).toBe(400);

    const offices = await applicant2.get<{ nationalId: string }[]>('/api/agents/offices');
    expect(offices.body.some((o) => o.nationalId === DEMO_ORGANISATIONS.counter.nationalId)).toBe(true);
    const contractNumber = `C-${run}`;
    const granted = await applicant2.post('/api/agents/authorisations', { officeNationalId: DEMO_ORGANISATIONS.counter.nationalId, contractNumber, validTo: new Date(Date.now() + 365 * 86_400_000).toISOString() });
    expect(granted.status).toBe(201);
    expect((await applicant2.post('/api/agents/authorisations', { officeNationalId: DEMO_ORGANISATIONS.counter.nationalId, contractNumber, validTo: new Date(Date.now() + 365 * 86_400_000).toISOString() })).status).toBe(409);
    const theirs = await agent.get<{ id: string; company: { nationalId: string }; inForce: boolean }[]>('/api/agents/authorisations');
    expect(theirs.body.find((a) => a.id === granted.body.id)).toMatchObject({ company: { nationalId: company }, inForce: true });

    const started = await applyAsAgent(company);
    expect(started.status).toBe(201);
    // another company cannot revoke it
    expect((await applicant.post(`/api/agents/authorisations/${granted.body.id}/revoke`)).status).toBe(404);
    expect((await applicant2.post(`/api/agents/authorisations/${granted.body.id}/revoke`)).status).toBe(200);
    expect((await applyAsAgent(company)).status).toBe(403);
    expect((await agent.post(`/api/applications/${started.body.trackingNumber}/withdraw`, { reason: 'no longer authorised' })).status).toBe(404);
  });
});

describe('satisfaction after a decision', () => {
  it('the applicant rates a decided application once; the figures per service are those of the database', async () => {
    const tracking = await apply(applicant);
    expect((await applicant.post(`/api/applications/${tracking}/satisfaction`, { rating: 4 })).status).toBe(409);
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'formal-check'), { formalDecision: 'complete' });
    await completeTask(reviewer2, await waitForTask(reviewer2, tracking, 'technical-review'), {
      technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'رمزنگاری داده‌ها پیاده‌سازی نشده است.',
    });
    await waitForCompletion(applicant, tracking);
    // the decision notice invites the rating
    const notice = await waitFor('the decision notice', async () => {
      const inbox = await applicant.get<{ template: string; bodyEn: string; bodyFa: string }[]>('/api/notifications');
      return inbox.body.find((n) => n.template === 'rejected' && n.bodyEn.includes(tracking));
    });
    expect(notice.bodyEn).toContain('Please rate this service');
    expect(notice.bodyFa).toContain('امتیاز ۱ تا ۵');

    expect((await applicant.get(`/api/applications/${tracking}/satisfaction`)).body).toEqual({ canRate: true, rating: null });
    expect((await applicant.post(`/api/applications/${tracking}/satisfaction`, { rating: 6 })).status).toBe(400);
    expect((await applicant.post(`/api/applications/${tracking}/satisfaction`, { rating: 2, comment: 'bad \u202E text' })).status).toBe(400);
    expect((await applicant2.post(`/api/applications/${tracking}/satisfaction`, { rating: 5 })).status).toBe(404);
    expect((await reviewer1.post(`/api/applications/${tracking}/satisfaction`, { rating: 5 })).status).toBe(403);
    const rated = await applicant.post(`/api/applications/${tracking}/satisfaction`, { rating: 2, comment: 'زمان بررسی طولانی بود.' });
    expect(rated.status).toBe(201);
    expect((await applicant.post(`/api/applications/${tracking}/satisfaction`, { rating: 5 })).status).toBe(409);
    expect((await applicant.get(`/api/applications/${tracking}/satisfaction`)).body).toMatchObject({ canRate: false, rating: { rating: 2, comment: 'زمان بررسی طولانی بود.' } });

    const year = jalaliDayOf(new Date()).year;
    const report = await admin.get<{ services: { serviceId: string; count: number; mean: number; distribution: number[] }[]; totals: { count: number } }>(`/api/reports/satisfaction?year=${year}`);
    expect(report.status).toBe(200);
    const rows = await product.stack.db.satisfactionRating.findMany({ where: { jalaliYear: year } });
    const serviceId = rated.body.serviceId as string;
    const ours = rows.filter((r) => r.serviceId === serviceId).map((r) => r.rating);
    expect(ours).toContain(2);
    const row = report.body.services.find((s) => s.serviceId === serviceId);
    expect(row).toEqual({
      serviceId, processKey: 'software-technical-approval', count: ours.length,
      mean: Math.round((ours.reduce((s, r) => s + r, 0) / ours.length) * 100) / 100,
      distribution: [1, 2, 3, 4, 5].map((n) => ours.filter((r) => r === n).length),
    });
    expect(report.body.totals.count).toBe(rows.length);
    expect((await applicant.get('/api/reports/satisfaction')).status).toBe(403);
  });
});
