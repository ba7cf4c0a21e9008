/**
 * Counter offices (دفاتر پیشخوان) in a real browser against the real stack: the administrator
 * registers an office (its national ID checked while typing) and makes an agent account on the
 * office's page; the demo company authorises the office on /agents; the new agent signs in and sees
 * the company; the administrator deactivates the office and the agent loses it (its page says so
 * and the API shows the agent none of the company's applications); reactivated, the administrator
 * revokes the authorisation on the office's page. Main pages scanned with axe and shot in Persian
 * and English into test-artifacts/e2e/ (offices-*).
 */
import type { Page } from 'playwright-core';
import { DEMO_COUNTER_OFFICE, DEMO_ORGANISATIONS } from '../../prisma/seed';
import { withLegalCheckDigit } from '../../portal/server/services/legal-entity-id';
import { jalaliDayOf } from '../../activities/certificates/jalali-date';
import { apply } from '../../scripts/lib/walk-steps';
import { BrowserSession, checkBothLanguages, expectAccessible, needs } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';

const run = Date.now().toString(36).slice(-5);
const OFFICE_CODE = `PK-E${run}`.toUpperCase();
const OFFICE_ID = withLegalCheckDigit(`1089${String(Date.now()).slice(-6)}`);
const OFFICE_FA = `دفتر پیشخوان آزمون مرورگر ${run}`;
const AGENT = `ag${run}`;
const AGENT_PASSWORD = 'agent-pass-1';
const CONTRACT = `PK-E-${run}`;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let admin: ApiClient;
let applicant: ApiClient;
let adminPage: Page;
let agentPage: Page;
let officeId = '';
let companysApplication = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  [admin, applicant] = await Promise.all(['admin', 'applicant'].map((u) => client.login(u)));
  companysApplication = await apply(applicant);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

afterEach(() => {
  expect(browser.pageErrors).toEqual([]);
});

/** The open dialog once its fade-in has ended (axe reads colours mid-fade as too faint). */
const dialogShown = (page: Page) => page.waitForFunction(() => {
  const dialog = document.querySelector('.MuiDialog-container');
  return !!dialog && getComputedStyle(dialog).opacity === '1';
});

const officeRow = (page: Page) => page.locator(`[data-testid="authorisation-row"][data-contract="${CONTRACT}"]`);

describe('counter offices in a browser', () => {
  it('lists the offices for the administrator, from the administration menu', async () => {
    adminPage = await browser.login(stack.baseUrl, 'admin');
    await adminPage.getByTestId('nav-counter-offices').first().click();
    await adminPage.waitForURL(/\/counter-offices$/);
    const demo = adminPage.locator(`[data-testid="office-link"][data-code="${DEMO_COUNTER_OFFICE.officeCode}"]`);
    await checkBothLanguages(adminPage, 'offices', () => demo.waitFor());
    const row = demo.locator('xpath=ancestor::tr');
    expect(Number(await row.getByTestId('office-agent-count').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(await row.getByTestId('office-active').getAttribute('data-value')).toBe('true');
    // every company's authorisation, the demo contract among them
    await adminPage.locator(`[data-testid="all-authorisations"] [data-testid="authorisation-row"][data-contract="${DEMO_COUNTER_OFFICE.contractNumber}"]`).first().waitFor();
  });

  it('registers an office, its national ID checked while typing', async () => {
    await adminPage.getByTestId('office-create').click();
    await adminPage.waitForURL(/\/counter-offices\/create$/);
    await checkBothLanguages(adminPage, 'offices-create', () => adminPage.getByTestId('office-create-form').waitFor());
    const wrong = `${OFFICE_ID.slice(0, 10)}${(Number(OFFICE_ID[10]) + 1) % 10}`;
    await adminPage.getByTestId('office-national-id').fill(wrong);
    await adminPage.getByText('رقم کنترل آن درست نیست').waitFor();
    await adminPage.getByTestId('office-national-id').fill(OFFICE_ID);
    expect(await adminPage.getByText('رقم کنترل آن درست نیست').count()).toBe(0);
    await adminPage.getByTestId('office-name-fa').fill(OFFICE_FA);
    await adminPage.getByTestId('office-name-en').fill(`Browser Test Counter Office ${run}`);
    await adminPage.getByTestId('office-code').fill(OFFICE_CODE.toLowerCase());
    await adminPage.getByTestId('office-create-submit').click();
    await adminPage.locator(`[data-testid="office-show"][data-code="${OFFICE_CODE}"][data-active="true"]`).waitFor();
    await adminPage.getByTestId('office-agents-empty').waitFor();
    const offices = (await admin.get<{ id: string; nationalId: string; officeCode: string }[]>('/api/counter-offices')).body;
    officeId = offices.find((o) => o.nationalId === OFFICE_ID)?.id ?? '';
    expect(offices.find((o) => o.id === officeId)?.officeCode).toBe(OFFICE_CODE);
  });

  it('makes an agent account from the office\'s page', async () => {
    needs(officeId, 'office');
    await adminPage.getByTestId('agent-create').click();
    await adminPage.getByTestId('agent-create-form').waitFor();
    await adminPage.getByTestId('agent-username').fill(AGENT);
    await adminPage.getByTestId('agent-display-name').fill('کارگزار آزمون مرورگر / Browser test agent');
    await adminPage.getByTestId('agent-password').fill(AGENT_PASSWORD);
    await dialogShown(adminPage);
    await expectAccessible(adminPage, 'new agent dialog');
    await adminPage.getByTestId('agent-create-submit').click();
    await adminPage.locator(`[data-testid="office-agent"][data-username="${AGENT}"]`).waitFor();
    await adminPage.locator('[data-testid="office-agent-count"][data-count="1"]').waitFor();
    const user = (await admin.get<{ username: string; roles: string[]; organisation: { nationalId: string } }[]>(`/api/users?q=${AGENT}`)).body.find((u) => u.username === AGENT);
    expect(user).toMatchObject({ roles: ['agent'], organisation: { nationalId: OFFICE_ID } });
  });

  it('the company authorises the office on its counter-offices page', async () => {
    needs(officeId, 'office');
    const page = await browser.login(stack.baseUrl, 'applicant');
    await page.goto(`${stack.baseUrl}/agents`);
    await page.getByTestId('grant-form').waitFor();
    await page.getByTestId('grant-office').locator('[role="combobox"]').click();
    await page.locator(`[role="option"][data-value="${OFFICE_ID}"]`).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByTestId('grant-contract').fill(CONTRACT);
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('grant-valid-to').fill(inAYear);
    await page.getByTestId('grant-submit').click();
    await page.locator(`[data-testid="authorisation"][data-contract="${CONTRACT}"] [data-testid="authorisation-state"][data-value="in-force"]`).waitFor();
    await page.context().close();
  });

  it('the new agent signs in and sees the company', async () => {
    needs(officeId, 'office');
    agentPage = await browser.login(stack.baseUrl, AGENT, AGENT_PASSWORD);
    await agentPage.getByTestId('nav-agents').first().click();
    await agentPage.waitForURL(/\/agents$/);
    const row = agentPage.locator(`[data-testid="authorisation"][data-contract="${CONTRACT}"]`);
    await checkBothLanguages(agentPage, 'offices-agent', () => row.locator('[data-testid="authorisation-state"][data-value="in-force"]').waitFor());
    await row.getByText(DEMO_ORGANISATIONS.applicant.nameFa).waitFor();
    expect(await agentPage.getByTestId('office-inactive-notice').count()).toBe(0);
    const agentApi = await new ApiClient(stack.baseUrl).login(AGENT, AGENT_PASSWORD);
    expect((await agentApi.get(`/api/applications/${companysApplication}`)).status).toBe(200);
  });

  it('the administrator sees the authorisation on the office\'s page and deactivates the office: the agent loses the company', async () => {
    needs(officeId, 'office');
    await adminPage.goto(`${stack.baseUrl}/counter-offices/${officeId}/show`);
    await officeRow(adminPage).locator('[data-testid="authorisation-state"][data-value="in-force"]').waitFor();
    await adminPage.locator('[data-testid="office-in-force"][data-count="1"]').waitFor();
    // the authorisation's dates are shown Jalali first, Gregorian beside
    const year = String(jalaliDayOf(new Date()).year);
    expect(await officeRow(adminPage).locator('time').first().innerText()).toMatch(new RegExp(`${year.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)])}[\\s\\S]*${new Date().getUTCFullYear()}`));
    await checkBothLanguages(adminPage, 'offices-office', () => officeRow(adminPage).waitFor());

    await adminPage.getByTestId('office-toggle-active').click();
    await adminPage.getByTestId('office-reason').fill('پایان قرارداد با شبکه پیشخوان / contract with the network ended');
    await adminPage.getByTestId('office-confirm').click();
    await adminPage.locator(`[data-testid="office-show"][data-code="${OFFICE_CODE}"][data-active="false"]`).waitFor();
    await officeRow(adminPage).locator('[data-testid="authorisation-state"][data-value="office-inactive"]').waitFor();
    await adminPage.locator('[data-testid="office-in-force"][data-count="0"]').waitFor();
    const [entry] = await stack.db.auditLog.findMany({ where: { action: 'counter-office.deactivated', entityId: OFFICE_ID } });
    expect(entry).toMatchObject({ actor: 'admin', actorRole: 'admin' });

    await agentPage.reload();
    await agentPage.getByTestId('office-inactive-notice').waitFor();
    await agentPage.locator(`[data-testid="authorisation"][data-contract="${CONTRACT}"] [data-testid="authorisation-state"][data-value="office-inactive"]`).waitFor();
    const agentApi = await new ApiClient(stack.baseUrl).login(AGENT, AGENT_PASSWORD);
    expect((await agentApi.get(`/api/applications/${companysApplication}`)).status).toBe(404);
    expect((await agentApi.get('/api/applications')).body).toEqual([]);
  });

  it('reactivated, the administrator revokes the authorisation on the office\'s page', async () => {
    needs(officeId, 'office');
    await adminPage.getByTestId('office-toggle-active').click();
    await adminPage.getByTestId('office-confirm').click();
    await adminPage.locator(`[data-testid="office-show"][data-code="${OFFICE_CODE}"][data-active="true"]`).waitFor();
    await officeRow(adminPage).locator('[data-testid="authorisation-state"][data-value="in-force"]').waitFor();
    await officeRow(adminPage).getByTestId('authorisation-revoke').click();
    await dialogShown(adminPage);
    await expectAccessible(adminPage, 'revoke dialog');
    await adminPage.getByTestId('revoke-confirm').click();
    await officeRow(adminPage).locator('[data-testid="authorisation-state"][data-value="revoked"]').waitFor();
    await officeRow(adminPage).getByText('admin').waitFor();
    const [authorisation] = (await admin.get<{ id: string; revokedBy: string | null }[]>(`/api/agents/authorisations?office=${OFFICE_ID}`)).body;
    expect(authorisation.revokedBy).toBe('admin');
    expect(await stack.db.auditLog.count({ where: { action: 'agent.revoked', entityId: authorisation.id, actor: 'admin', actorRole: 'admin' } })).toBe(1);
  });
});
