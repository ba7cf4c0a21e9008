/**
 * Satisfaction, complaints and counter-office agents in a real browser against the real stack:
 * - the applicant rates a decided application (1–5 and a comment) on its page, once; the
 *   administrator's satisfaction report shows each service's figures as the database's ratings give
 *   them, and a year without ratings as empty;
 * - someone without a login files a complaint on /contact and keeps the tracking number and code;
 *   an administrator answers it on the answer desk; the sender looks it up and reads the answer;
 * - a complaint about an application past its expected decision date shows its delay flag on the
 *   answer desk, and the flagged filter (kept in the address, so in both languages) lists it and
 *   not a complaint about an application in time;
 * - the agent of the demo counter office applies for the demo company, and the application's
 *   history names the office and its contract number.
 * Screenshots go to test-artifacts/e2e/ (feedback-*), the main pages scanned with axe in both languages.
 */
import type { Page } from 'playwright-core';
import { apply, completeTask, samplePdf, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { DEMO_COUNTER_OFFICE, DEMO_ORGANISATIONS } from '../../prisma/seed';
import { BrowserSession, checkBothLanguages, needs, shot } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let applicantApi: ApiClient;
let decided = '';
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const [applicant, formal, technical] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => client.login(u)));
  applicantApi = applicant;
  decided = await apply(applicant);
  await completeTask(formal, await waitForTask(formal, decided, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(technical, await waitForTask(technical, decided, 'technical-review'), {
    technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'رمزنگاری داده‌ها پیاده‌سازی نشده است.',
  });
  await waitForCompletion(applicant, decided);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

afterEach(() => {
  expect(browser.pageErrors).toEqual([]);
});

/** An MUI select (TextField select) by the test id on its root: open it and pick the option with the text. */
async function choose(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await page.getByTestId(testId).locator('[role="combobox"]').click();
  await page.getByRole('option').filter({ hasText: text }).click();
}

describe('satisfaction', () => {
  it('the applicant rates a decided application on its page, once', async () => {
    const page = await browser.login(stack.baseUrl, 'applicant');
    await page.goto(`${stack.baseUrl}/applications/${decided}/show`);
    const card = page.locator('[data-testid="satisfaction-card"][data-rated="false"]');
    await card.waitFor();
    await checkBothLanguages(page, 'feedback-satisfaction', () => page.locator('[data-testid="satisfaction-card"][data-rated="false"]').waitFor());
    expect(await page.getByTestId('satisfaction-send').isDisabled()).toBe(true);
    await page.getByTestId('satisfaction-rating').locator('label', { hasText: '4 / 5' }).click();
    await page.getByTestId('satisfaction-comment').fill(`بررسی شفاف بود ${run}`);
    await page.getByTestId('satisfaction-send').click();
    await page.locator('[data-testid="satisfaction-given"][data-rating="4"]').waitFor();
    const stored = await applicantApi.get(`/api/applications/${decided}/satisfaction`);
    expect(stored.body).toMatchObject({ canRate: false, rating: { rating: 4, comment: `بررسی شفاف بود ${run}` } });
    await page.reload();
    await page.locator('[data-testid="satisfaction-given"][data-rating="4"]').waitFor();
    expect(await page.getByTestId('satisfaction-send').count()).toBe(0);
  }, 120_000);
});

interface Figures { count: number; mean: number | null; distribution: number[] }
/** GET /api/reports/satisfaction. */
interface SatisfactionReport { year: number; services: (Figures & { serviceId: string; processKey: string })[]; totals: Figures }

describe('the satisfaction report', () => {
  /** Count and distribution per service ID, recomputed from the stored ratings of a Solar Hijri year. */
  async function ratingsOf(year: number): Promise<Map<string, number[]>> {
    const rows = await stack.db.satisfactionRating.findMany({ where: { jalaliYear: year }, select: { serviceId: true, rating: true } });
    const byService = new Map<string, number[]>();
    for (const r of rows) byService.set(r.serviceId, [...(byService.get(r.serviceId) ?? []), r.rating]);
    return byService;
  }
  const distribution = (ratings: number[]) => [1, 2, 3, 4, 5].map((n) => ratings.filter((r) => r === n).length);

  it("shows the administrator each service's figures as the stored ratings give them, and a year without ratings as empty", async () => {
    const admin = await new ApiClient(stack.baseUrl).login('admin');
    const report = (await admin.get<SatisfactionReport>('/api/reports/satisfaction')).body;
    const stored = await ratingsOf(report.year);
    needs(stored.size ? 'rated' : '', 'rating of this year');
    expect(report.services.map((s) => [s.serviceId, s.count, s.distribution])).toEqual(
      [...stored.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, ratings]) => [id, ratings.length, distribution(ratings)]),
    );

    const page = await browser.login(stack.baseUrl, 'admin');
    await page.getByTestId('nav-reports-satisfaction').click();
    const total = page.getByTestId('sat-total');
    await total.waitFor();
    expect(await page.getByTestId('sat-row').count()).toBe(report.services.length);
    for (const s of report.services) {
      const row = page.locator(`[data-testid="sat-row"][data-service="${s.serviceId}"]`);
      expect(await row.getByTestId('sat-count').textContent()).toBe(String(s.count));
      expect(await row.getByTestId('sat-mean').textContent()).toBe(String(s.mean));
      expect(await row.getByTestId('sat-distribution').textContent()).toBe(s.distribution.join(' · '));
    }
    expect(await total.getByTestId('sat-count').textContent()).toBe(String(report.totals.count));
    expect(await total.getByTestId('sat-distribution').textContent()).toBe(report.totals.distribution.join(' · '));
    // the rated application's service is named by its process, not by its key alone
    const rated = (await applicantApi.get(`/api/applications/${decided}/satisfaction`)).body.rating.serviceId as string;
    expect(await page.locator(`[data-testid="sat-row"][data-service="${rated}"] [data-testid="sat-service-name"]`).textContent()).toContain('نرم‌افزار');
    await checkBothLanguages(page, 'feedback-satisfaction-report', () => total.waitFor());

    // a year no decision was rated in
    expect((await admin.get<SatisfactionReport>('/api/reports/satisfaction?year=1390')).body.services).toEqual([]);
    await page.getByTestId('sat-year').fill('1390');
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('sat-row').count()).toBe(0);
    await shot(page, 'feedback-satisfaction-report-empty');
  }, 120_000);
});

describe('the delay flag on complaints', () => {
  it('shows the flag on a complaint about an overdue application, and the flagged filter lists it and not one in time', async () => {
    const late = await apply(applicantApi);
    const inTime = await apply(applicantApi);
    // the late application was filed long before its published 20 working days
    await stack.db.application.update({ where: { trackingNumber: late }, data: { createdAt: new Date(Date.now() - 90 * 86_400_000) } });
    const complain = async (tracking: string) => (await applicantApi.post('/api/feedback', { kind: 'complaint', text: `تصمیم درخواست ${tracking} دیر شده است ${run}`, applicationTrackingNumber: tracking })).body;
    const flagged = await complain(late);
    const unflagged = await complain(inTime);
    expect([flagged.delayFlagged, unflagged.delayFlagged]).toEqual([true, false]);

    const page = await browser.login(stack.baseUrl, 'admin');
    await page.goto(`${stack.baseUrl}/feedback`);
    const card = (number: string) => page.locator(`[data-testid="feedback-message"][data-number="${number}"]`);
    await card(flagged.trackingNumber).getByTestId('delay-flag').locator(`time[datetime="${new Date(flagged.expectedDecisionAt).toISOString()}"]`).waitFor();
    await card(unflagged.trackingNumber).waitFor();
    expect(await card(unflagged.trackingNumber).getByTestId('delay-flag').count()).toBe(0);

    // a click, not check(): the box shows the address's filter, a moment after the click
    await page.getByTestId('filter-flagged').locator('input').click();
    await page.getByTestId('filter-flagged').locator('input:checked').waitFor({ state: 'attached' });
    await page.locator(`[data-testid="feedback-message"][data-number="${flagged.trackingNumber}"][data-flagged="true"]`).waitFor();
    await card(unflagged.trackingNumber).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="feedback-message"][data-flagged="false"]').count()).toBe(0);
    // the filter is kept in the address: the language switch (the page drawn anew) keeps it
    expect(new URL(page.url()).searchParams.get('flagged')).toBe('true');
    await checkBothLanguages(page, 'feedback-admin-flagged', async () => {
      await card(flagged.trackingNumber).getByTestId('delay-flag').waitFor();
      expect(await page.getByTestId('filter-flagged').locator('input').isChecked()).toBe(true);
      expect(await card(unflagged.trackingNumber).count()).toBe(0);
    });
  }, 120_000);
});

describe('a complaint from the public', () => {
  let number = '';
  let code = '';
  const answer = `پرونده شما بررسی و پاسخ داده شد ${run}. Your file was reviewed.`;

  it('is filed without a login and gives a tracking number and a follow-up code', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('home-contact').click();
    await page.getByTestId('contact-page').waitFor();
    await checkBothLanguages(page, 'feedback-contact', () => page.getByTestId('feedback-form').waitFor());
    await choose(page, 'feedback-kind', 'شکایت');
    await page.getByTestId('feedback-text-input').fill(`پاسخ استعلام من بیش از یک ماه طول کشیده است ${run}`);
    // without a name and contact the API says which fields are missing
    await page.getByTestId('feedback-send').click();
    await page.locator('[data-testid="feedback-name"][aria-invalid="true"]').waitFor();
    await page.getByTestId('feedback-name').fill('مریم احمدی');
    await page.getByTestId('feedback-contact').fill('09121234567');
    await page.getByTestId('feedback-send').click();
    const filed = page.getByTestId('feedback-filed');
    await filed.waitFor();
    number = (await filed.getAttribute('data-number')) ?? '';
    code = (await page.getByTestId('follow-up-code').getAttribute('data-code')) ?? '';
    expect(number).toMatch(/^FB-\d{8}-[0-9A-Z]{6}$/);
    expect(code).toMatch(/^[0-9A-F]{12}$/);
    await shot(page, 'feedback-filed');
  }, 120_000);

  it('is answered by an administrator on the answer desk', async () => {
    expect(number).not.toBe('');
    const page = await browser.login(stack.baseUrl, 'admin');
    await page.goto(`${stack.baseUrl}/feedback`);
    const card = page.locator(`[data-testid="feedback-message"][data-number="${number}"]`);
    await card.waitFor();
    expect(await card.getByTestId('feedback-text').textContent()).toContain(run);
    await checkBothLanguages(page, 'feedback-admin', () => page.locator(`[data-testid="feedback-message"][data-number="${number}"]`).waitFor());
    await card.getByTestId('answer-text').fill(answer);
    await card.getByTestId('answer-send').click();
    // answered: it leaves the "received" list; under "answered" it shows the answer
    await card.waitFor({ state: 'detached' });
    await choose(page, 'filter-state', 'پاسخ داده شد');
    await page.locator(`[data-testid="feedback-message"][data-number="${number}"][data-state="answered"]`).getByTestId('feedback-answer').waitFor();
  }, 120_000);

  it('shows its sender the answer for the tracking number and code, and nothing for a wrong code', async () => {
    expect(code).not.toBe('');
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/contact`);
    await page.getByTestId('lookup-number').fill(number);
    await page.getByTestId('lookup-code').fill('000000000000');
    await page.getByTestId('lookup-submit').click();
    await page.getByTestId('lookup-not-found').waitFor();
    await page.getByTestId('lookup-code').fill(code);
    await page.getByTestId('lookup-submit').click();
    const found = page.locator(`[data-testid="feedback-message"][data-number="${number}"][data-state="answered"]`);
    await found.waitFor();
    expect(await found.getByTestId('feedback-answer').textContent()).toContain(answer);
    await shot(page, 'feedback-lookup');
  }, 60_000);
});

describe('a counter-office agent', () => {
  it('applies for the company that authorised its office; the history names the office and the contract', async () => {
    const page = await browser.login(stack.baseUrl, 'agent');
    await page.goto(`${stack.baseUrl}/apply/software-technical-approval`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor();
    await choose(page, 'acting-for', DEMO_ORGANISATIONS.applicant.nameFa);
    const form = page.getByTestId('start-form');
    await form.getByTestId('file-input-productDocuments').setInputFiles({ name: 'documentation.pdf', mimeType: 'application/pdf', buffer: samplePdf('Documentation') });
    await form.getByTestId('file-item').waitFor();
    const field = (id: string) => page.locator(`[data-testid="start-form"] [id$="-${id}"]`);
    await field('Field_productName').fill(`سامانه پیشخوان ${run}`);
    await field('Field_productVersion').fill('1.0.0');
    await page.locator('[data-testid="start-form"] [id$="-Field_platform-display"]').click();
    await page.locator('[data-testid="start-form"] .fjs-dropdownlist-item', { hasText: 'Web' }).click();
    await field('Field_ownerCompany').fill(DEMO_ORGANISATIONS.applicant.nameFa);
    await field('Field_description').fill('سامانه‌ای برای آزمون ثبت درخواست از طرف شرکت در دفتر پیشخوان. A system filed by a counter office.');
    await page.getByTestId('start-form-submit').click();
    await page.waitForURL(/\/applications\/[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}\/show$/, { timeout: 30_000 });
    const shown = page.getByTestId('application-page');
    await shown.waitFor();
    const tracking = (await shown.getAttribute('data-tracking')) ?? '';
    const stamp = page.locator(`[data-testid="history-entry"][data-action="application.submitted"] [data-testid="history-agent"][data-contract="${DEMO_COUNTER_OFFICE.contractNumber}"]`);
    await stamp.waitFor();
    expect(await stamp.textContent()).toContain(DEMO_ORGANISATIONS.counter.nameFa);
    await shot(page, 'feedback-agent-application');
    // the company sees it as its own application
    const asCompany = await applicantApi.get(`/api/applications/${tracking}`);
    expect(asCompany.body.organisation.nationalId).toBe(DEMO_ORGANISATIONS.applicant.nationalId);
  }, 120_000);
});
