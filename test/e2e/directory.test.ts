/**
 * Administration in a real browser against the real stack (API → Temporal → workflow → activities):
 * the administrator creates a company account (its organisation's national ID checked while typing)
 * and a reviewer, adds the reviewer to a group, disables the company account (which then cannot
 * sign in); suspends and reinstates an issued certificate (each change a status-change process whose
 * tracking number the page shows, followed until the certificate's status changes) and downloads its
 * PDF; adds a holiday to the working-day calendar and saves it; makes a new calendar from it (an id in
 * use or malformed refused, its holidays left out); opens this Jalali year's report and
 * sees the table and the charts. Each main page is scanned with axe (no serious or critical
 * violation) and shot in Persian and English into test-artifacts/e2e/.
 */
import type { Page } from 'playwright-core';
import { walkToCertificate } from '../../scripts/lib/walk-steps';
import { withLegalCheckDigit } from '../../portal/server/services/legal-entity-id';
import { BrowserSession, checkBothLanguages, expectAccessible } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';
import { jalaliDayOf } from '../../activities/certificates/jalali-date';

/** Status changes run as processes: the certificate page follows them. */
const WORKFLOW_WAIT = 60_000;
const run = Date.now().toString(36).slice(-5);
const COMPANY = `co${run}`;
const REVIEWER = `rv${run}`;
const UNIT_CALENDAR = `unit-${run}`;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let admin: ApiClient;
let page: Page;
let certificate = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  let applicant: ApiClient, reviewer1: ApiClient, reviewer2: ApiClient;
  [admin, applicant, reviewer1, reviewer2] = await Promise.all(['admin', 'applicant', 'reviewer1', 'reviewer2'].map((u) => client.login(u)));
  ({ certificateNumber: certificate } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const bothLanguages = (name: string, ready: () => Promise<unknown>): Promise<void> => checkBothLanguages(page, `directory-${name}`, ready);

const login = (username: string, password = 'demo'): Promise<Page> => browser.submitLogin(stack.baseUrl, username, password);

/** Opens an MUI select by its test id and picks the option with the given test id. */
async function choose(selectTestId: string, optionTestId: string): Promise<void> {
  await page.locator(`[data-testid="${selectTestId}"] [role="combobox"]`).click();
  await page.getByTestId(optionTestId).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

const userIdOf = async (username: string): Promise<string> => (await admin.get(`/api/users?q=${username}`)).body.find((u: { username: string }) => u.username === username).id;

describe('administration in a browser', () => {
  it('shows the administrator the certificates by status and the report on the desk', async () => {
    page = await login('admin');
    await page.waitForURL(/\/home$/);
    await page.locator('[data-testid="home-certificates-valid"] [data-count]:not([data-count=""])').waitFor();
    expect(Number(await page.locator('[data-testid="home-certificates-valid"] [data-count]').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('home-card-reports').waitFor();
    for (const to of ['issued-certificates', 'users', 'groups', 'calendars', 'reports']) await page.getByTestId(`nav-${to}`).first().waitFor();
  });

  it('creates a company account with its organisation, the national ID checked while typing', async () => {
    await page.goto(`${stack.baseUrl}/users`);
    await bothLanguages('users', () => page.locator('[data-testid="user-link"][data-username="reviewer1"]').waitFor());
    await page.getByTestId('user-create').click();
    await page.waitForURL(/\/users\/create$/);
    await bothLanguages('user-create', () => page.getByTestId('user-create-form').waitFor());

    const nationalId = withLegalCheckDigit(`1410${String(Date.now()).slice(-6)}`);
    const wrong = `${nationalId.slice(0, 10)}${(Number(nationalId[10]) + 1) % 10}`;
    await page.getByTestId('kind-applicant').check();
    await page.getByTestId('user-username').fill(COMPANY);
    await page.getByTestId('user-display-name').fill('شرکت آزمون مرورگر / Browser Test Co.');
    await page.getByTestId('user-password').fill('company-pass-1');
    await page.getByTestId('org-national-id').fill(wrong);
    await page.getByText('رقم کنترل آن درست نیست').waitFor();
    await page.getByTestId('org-national-id').fill(nationalId);
    expect(await page.getByText('رقم کنترل آن درست نیست').count()).toBe(0);
    await page.getByTestId('org-name-fa').fill('شرکت آزمون مرورگر');
    await page.getByTestId('org-name-en').fill('Browser Test Co.');
    await page.getByTestId('user-create-submit').click();
    await page.locator(`[data-testid="user-show"][data-username="${COMPANY}"]`).waitFor();
    await page.getByText(nationalId).waitFor();
    const created = (await admin.get(`/api/users/${await userIdOf(COMPANY)}`)).body;
    expect(created).toMatchObject({ roles: ['applicant'], active: true, organisation: { nationalId, nameFa: 'شرکت آزمون مرورگر', nameEn: 'Browser Test Co.' } });
  });

  it('creates a reviewer and adds them to a group', async () => {
    await page.goto(`${stack.baseUrl}/users/create`);
    await page.getByTestId('kind-reviewer').check();
    await page.getByTestId('user-username').fill(REVIEWER);
    await page.getByTestId('user-display-name').fill('کارشناس آزمون / Test reviewer');
    await page.getByTestId('user-password').fill('reviewer-pass-1');
    expect(await page.getByTestId('org-national-id').count()).toBe(0);
    await page.getByTestId('user-create-submit').click();
    await page.locator(`[data-testid="user-show"][data-username="${REVIEWER}"]`).waitFor();

    await choose('add-group-select', 'add-group-technical-reviewers');
    await page.getByTestId('add-group').click();
    await page.locator('[data-testid="user-groups"] [data-group="technical-reviewers"]').waitFor();
    await bothLanguages('user', () => page.locator('[data-testid="user-groups"] [data-group="technical-reviewers"]').waitFor());

    // the group lists its new member
    await page.goto(`${stack.baseUrl}/groups`);
    await bothLanguages('groups', () => page.locator('[data-testid="group-link"][data-group="technical-reviewers"]').waitFor());
    await page.locator('[data-testid="group-link"][data-group="technical-reviewers"]').click();
    await page.locator(`[data-testid="group-members"] [data-username="${REVIEWER}"]`).waitFor();
    await bothLanguages('group', () => page.locator(`[data-testid="group-members"] [data-username="${REVIEWER}"]`).waitFor());
    expect((await admin.get('/api/groups/technical-reviewers')).body.members.map((m: { username: string }) => m.username)).toContain(REVIEWER);

    // the reviewer can sign in
    const reviewerPage = await login(REVIEWER, 'reviewer-pass-1');
    await reviewerPage.waitForURL(/\/home$/);
    await reviewerPage.context().close();
  });

  it('disables the company account, which then cannot sign in', async () => {
    await page.goto(`${stack.baseUrl}/users/${await userIdOf(COMPANY)}/show`);
    await page.locator('[data-testid="user-show"][data-active="true"]').waitFor();
    await page.getByTestId('user-toggle-active').click();
    await page.getByTestId('disable-reason').fill('حساب آزمایشی / a test account');
    await page.getByTestId('access-confirm').click();
    await page.locator('[data-testid="user-show"][data-active="false"]').waitFor();

    const refused = await login(COMPANY, 'company-pass-1');
    await refused.getByTestId('login-error').waitFor();
    expect(refused.url()).toMatch(/\/login$/);
    await refused.context().close();
    const entries = await stack.db.auditLog.findMany({ where: { action: 'user.disabled', entityId: COMPANY } });
    expect(entries).toHaveLength(1);
  });

  it('suspends and reinstates a certificate, each change a process whose tracking number is shown', async () => {
    await page.goto(`${stack.baseUrl}/issued-certificates`);
    const link = page.locator(`[data-testid="certificate-link"][data-number="${certificate}"]`);
    await bothLanguages('certificates', () => link.waitFor());
    // filtered by status: this valid certificate goes (other tests of the run may have suspended others)
    await page.getByTestId('certificate-count-suspended').click();
    await link.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="certificate-link"]').evaluateAll((rows) => rows.every((r) => r.closest('tr')?.querySelector('[data-testid="certificate-status"]')?.getAttribute('data-value') === 'suspended'))).toBe(true);
    await page.getByTestId('certificate-count-all').click();
    await link.click();
    const show = page.getByTestId('certificate-show');
    await page.locator('[data-testid="certificate-show"][data-status="valid"]').waitFor();

    // the signed PDF
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('certificate-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${certificate}.pdf`);

    await page.getByTestId('certificate-suspend').click();
    await page.getByTestId('status-reason').fill('گزارش آسیب‌پذیری در دست بررسی / vulnerability report under review');
    await page.getByTestId('status-confirm').click();
    const requested = page.getByTestId('status-requested');
    await requested.waitFor();
    expect(await requested.getAttribute('data-tracking')).toMatch(/^CS-\d{8}-[0-9A-Z]{6}$/);
    await page.locator('[data-testid="certificate-show"][data-status="suspended"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="history-row"][data-action="suspend"]').waitFor({ timeout: WORKFLOW_WAIT });
    await bothLanguages('certificate', () => page.locator('[data-testid="history-row"][data-action="suspend"]').waitFor());

    await page.getByTestId('certificate-reinstate').click();
    await page.getByTestId('status-reason').fill('بررسی پایان یافت / review finished');
    await page.getByTestId('status-confirm').click();
    await page.locator('[data-testid="certificate-show"][data-status="valid"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="history-row"][data-action="reinstate"]').waitFor({ timeout: WORKFLOW_WAIT });
    expect(await show.getAttribute('data-number')).toBe(certificate);
    expect((await stack.db.certificate.findUniqueOrThrow({ where: { number: certificate } })).status).toBe('valid');
  });

  it('adds a holiday to the working-day calendar', async () => {
    await page.goto(`${stack.baseUrl}/calendars`);
    await page.waitForURL(/\/calendars\/iran$/);
    await page.getByTestId('holidays-table').waitFor();
    const year = jalaliDayOf(new Date()).year;
    const original = (await admin.get('/api/calendars/iran')).body;
    const before = original.holidays as { date: string }[];
    // a day of Mehr that is not already a holiday
    const day = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((d) => !before.some((h) => h.date === `${year}-07-${String(d).padStart(2, '0')}`))!;
    const date = `${year}-07-${String(day).padStart(2, '0')}`;
    await choose('holiday-month', 'holiday-month-7');
    await choose('holiday-day', `holiday-day-${day}`);
    await page.getByTestId('holiday-name-fa').fill('تعطیلی آزمایشی');
    await page.getByTestId('holiday-name-en').fill('Test holiday');
    await page.getByTestId('holiday-add-button').click();
    await page.locator(`[data-testid="holiday-row"][data-date="${date}"]`).waitFor();
    await page.getByTestId('calendar-dirty').waitFor();
    await page.getByTestId('calendar-save').click();
    await page.getByTestId('calendar-dirty').waitFor({ state: 'detached' });
    const after = (await admin.get('/api/calendars/iran')).body.holidays as { date: string; name: { fa: string; en: string } }[];
    expect(after.find((h) => h.date === date)).toEqual({ date, name: { fa: 'تعطیلی آزمایشی', en: 'Test holiday' } });
    expect(after).toHaveLength(before.length + 1);
    await bothLanguages('calendar', () => page.locator(`[data-testid="holiday-row"][data-date="${date}"]`).waitFor());
    // the calendar as it was: other tests of the run count working days on it
    expect((await admin.put('/api/calendars/iran', original)).status).toBe(200);
  });

  it('makes a new calendar from the official one, its id checked and its holidays left out on request', async () => {
    await page.goto(`${stack.baseUrl}/calendars/iran`);
    await page.getByTestId('holidays-table').waitFor();
    const iran = (await admin.get('/api/calendars/iran')).body;
    await page.getByTestId('calendar-new').click();
    const dialog = page.getByTestId('calendar-new-dialog');
    await page.getByTestId('calendar-new-id').fill('iran');
    await dialog.getByText('تقویمی با این شناسه هست').waitFor();
    await page.getByTestId('calendar-new-id').fill('unit e2e');
    await dialog.getByText('فقط حروف کوچک لاتین').waitFor();
    await page.getByTestId('calendar-new-id').fill(UNIT_CALENDAR);
    await page.getByTestId('calendar-new-name-fa').fill('تقویم واحد آزمون');
    await page.getByTestId('calendar-new-name-en').fill('Test unit calendar');
    await page.getByTestId('calendar-new-copy').uncheck();
    await expectAccessible(page, 'new calendar dialog');
    await page.getByTestId('calendar-new-confirm').click();
    await page.waitForURL(new RegExp(`/calendars/${UNIT_CALENDAR}$`));
    await page.locator(`[data-testid="calendar-page"][data-calendar="${UNIT_CALENDAR}"]`).waitFor();
    const made = (await admin.get(`/api/calendars/${UNIT_CALENDAR}`)).body;
    expect(made).toMatchObject({ id: UNIT_CALENDAR, name: { fa: 'تقویم واحد آزمون', en: 'Test unit calendar' }, utcOffsetMinutes: iran.utcOffsetMinutes, weekend: iran.weekend, holidays: [] });
  });

  it('opens this Jalali year\'s report with its table and charts', async () => {
    await page.goto(`${stack.baseUrl}/reports`);
    const year = jalaliDayOf(new Date()).year;
    await page.locator(`[data-testid="reports-page"][data-year="${year}"]`).waitFor();
    const ta = page.locator('[data-testid="report-row"][data-family="TA"]');
    await ta.waitFor();
    expect(Number(await ta.getAttribute('data-received'))).toBeGreaterThanOrEqual(1);
    expect(Number(await ta.getAttribute('data-approved'))).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="report-row"]').count()).toBe(8);
    await page.locator('[data-testid="report-chart-counts"] .recharts-bar-rectangle').first().waitFor();
    await page.locator('[data-testid="report-chart-days"] svg').first().waitFor();
    await bothLanguages('reports', () => page.locator('[data-testid="report-chart-counts"] .recharts-bar-rectangle').first().waitFor());
    expect(browser.pageErrors).toEqual([]);
  });
});
