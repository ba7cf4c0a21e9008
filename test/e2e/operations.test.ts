/**
 * The administrator's operations scenario in a real browser against the real stack (HTTP API →
 * Temporal dev server → workflow → activities):
 *
 * A new version of a process adds an intake task whose due date counts working days of a calendar
 * nobody has saved yet. An applicant starts an instance of the new version; it stops in an incident
 * at the intake. The administrator finds it from the desk card (instances with incidents), sees the
 * incident on the instance page (the marked step, the error and its stack trace), saves the missing
 * calendar, retries, and sees the token move to the task; reviewers finish it and the page shows it
 * completed. An instance of the old version is migrated to the new one (its waiting review mapped),
 * then cancelled with a reason. Screenshots of the list and the instance page in Persian and English
 * go to test-artifacts/e2e/, each page scanned with axe (no serious or critical violation).
 */
import type { Page } from 'playwright-core';
import { apply, completeTask, waitForTask } from '../../scripts/lib/walk-steps';
import { BrowserSession, shot, checkBothLanguages, expectAccessible as expectPageAccessible } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';
import { openCalendar, operationsModelV1, operationsModelV2 } from '../support/operations-models';

const KEY = 'ops-e2e';
const CALENDAR = 'ops-e2e';
/** The workflow is asynchronous: the instance page refreshes itself, so waiting on a locator is enough. */
const WORKFLOW_WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let admin: ApiClient;
let applicant: ApiClient;
let reviewer: ApiClient;
let page: Page;

/** v1: waits at the review (migrated, then cancelled). */
let waiting = '';
/** v2: stops in an incident at the intake. */
let withIncident = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  [admin, applicant, reviewer] = await Promise.all(['admin', 'applicant', 'reviewer1'].map((u) => client.login(u)));

  expect((await admin.post('/api/definitions', { xml: operationsModelV1(KEY) })).status).toBe(201);
  waiting = await apply(applicant, {}, KEY);
  await waitForTask(reviewer, waiting, 'review');
  // TODO(processes): the administrator edits version 1 in the app's process editor (/processes/…),
  // adds the intake task with its SLA and deploys there; until that page is in the app, version 2
  // is deployed through the API.
  expect((await admin.post('/api/definitions', { xml: operationsModelV2(KEY, CALENDAR) })).status).toBe(201);
  // The process has no start form, so the applicant's start page (/apply/<key>) offers nothing to
  // submit: the applicant starts it through the API.
  withIncident = await apply(applicant, {}, KEY);
  await waitFor('the incident', async () => (await admin.get(`/api/operations/instances/${withIncident}`)).body.status === 'incident');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const bothLanguages = (name: string, ready: () => Promise<unknown>): Promise<void> => checkBothLanguages(page, `operations-${name}`, ready);
const expectAccessible = (name: string): Promise<void> => expectPageAccessible(page, name);
const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

const row = (tracking: string) => page.locator(`[data-testid="instance-link"][data-tracking="${tracking}"]`);

describe('operations in a browser', () => {
  it('leads an administrator from the desk to the instances with incidents', async () => {
    page = await login('admin');
    await page.goto(`${stack.baseUrl}/home`);
    const card = page.getByTestId('home-card-operations');
    await card.waitFor();
    await page.locator('[data-testid="home-operations-incident"] [data-count="1"]').waitFor();
    await page.getByTestId('incident-badge').waitFor();
    await page.getByTestId('home-operations-incident').click();
    await page.waitForURL(/\/instances\?/);
    await row(withIncident).waitFor();
    expect(await row(withIncident).getAttribute('data-state')).toBe('incident');
    expect(await row(waiting).count()).toBe(0); // filtered by state
    expect(await page.getByTestId('state-count-incident').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('state-count-incident').getAttribute('aria-pressed')).toBe('true');

    // every state again: both instances, the counts under the search
    await page.getByTestId('state-count-all').click();
    await row(waiting).waitFor();
    await bothLanguages('list', () => row(withIncident).waitFor());

    // the search goes to the server: tracking number
    await page.getByTestId('filter-q').locator('input').fill(withIncident.slice(-6).toLowerCase());
    await page.waitForFunction((t) => document.querySelectorAll('[data-testid="instance-link"]').length === 1 && !!document.querySelector(`[data-tracking="${t}"]`), withIncident);
    await page.getByTestId('filter-q').locator('input').fill('');
    await row(waiting).waitFor();
  });

  it('shows the incident on the instance, with its error and stack trace', async () => {
    await row(withIncident).click();
    await page.waitForURL(new RegExp(`/instances/${withIncident}/show$`));
    const incident = page.getByTestId('incident');
    await incident.waitFor();
    expect(await incident.getAttribute('data-element')).toBe('intake');
    expect(await page.getByTestId('incident-message').textContent()).toContain(`no working-day calendar "${CALENDAR}"`);
    await page.locator('[data-testid="incident"] summary').click();
    expect(await page.getByTestId('incident-stack').textContent()).toContain('load-calendar');
    // on the diagram of version 2: a red mark and a token on the intake, the start completed
    await page.locator('[data-testid="bpmn-diagram"][data-drawn="yes"]').waitFor();
    await page.locator('[data-testid="diagram-incident-mark"][data-element="intake"]').waitFor();
    expect(await page.locator('[data-testid="diagram-token-count"][data-element="intake"]').textContent()).toBe('1');
    expect(await page.locator('[data-element-id="intake"].diagram-incident').count()).toBe(1);
    expect(await page.locator('[data-element-id="start"].diagram-completed').count()).toBe(1);
    await page.locator('[data-testid="mark-incident"][data-element="intake"]').waitFor();
    await page.locator('[data-testid="mark-completed"][data-element="start"]').waitFor();
    expect(await page.getByTestId('instance-version').textContent()).toContain('v2');
    await page.locator('[data-testid="variable"][data-name="trackingNumber"]').waitFor();
    await page.locator('[data-testid="history-entry"][data-action="application.incident"]').first().waitFor();
    // the same workflow in the Temporal Web UI
    const href = await page.getByTestId('temporal-link').getAttribute('href');
    expect(href).toMatch(new RegExp(`^http://localhost:\\d+/namespaces/[^/]+/workflows/${withIncident}$`));
    await bothLanguages('instance-incident', () => page.getByTestId('incident').waitFor());
  });

  it('retries the incident once its cause is fixed, and follows the instance to its end', async () => {
    // TODO(processes): working-day calendars have no page in the app yet; the administrator saves it through the API
    expect((await admin.put(`/api/calendars/${CALENDAR}`, openCalendar(CALENDAR))).status).toBe(200);
    await page.getByTestId('retry-incident').click();
    await page.getByTestId('no-incidents').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="mark-active"][data-element="intake"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-element-id="intake"].diagram-active:not(.diagram-incident)').waitFor();
    await page.locator('[data-testid="instance-task"][data-element="intake"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="instance-page"][data-state="running"]').waitFor();
    await shot(page, 'operations-instance-retried-fa');

    // the reviewer works the two tasks (their pages are the reviewer area's)
    await completeTask(reviewer, await waitForTask(reviewer, withIncident, 'intake'), {});
    await completeTask(reviewer, await waitForTask(reviewer, withIncident, 'review'), {});
    await page.locator('[data-testid="instance-page"][data-state="completed"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.getByTestId('instance-refresh').click();
    for (const id of ['start', 'intake', 'review']) await page.locator(`[data-testid="mark-completed"][data-element="${id}"]`).waitFor();
    await page.locator('[data-element-id="review"].diagram-completed').waitFor();
    expect(await page.locator('[data-testid="diagram-incident-mark"]').count()).toBe(0);
    expect(await page.getByTestId('migrate-open').count()).toBe(0); // nothing to do to a finished instance
    expect(await page.getByTestId('cancel-open').count()).toBe(0);
    await shot(page, 'operations-instance-completed-fa');
    await expectAccessible('instance completed');
  });

  it('migrates a waiting instance to the new version, then cancels it with a reason', async () => {
    await page.goto(`${stack.baseUrl}/instances/${waiting}/show`);
    await page.locator('[data-testid="mark-active"][data-element="review"]').waitFor();
    expect(await page.getByTestId('instance-version').textContent()).toContain('v1');
    await page.getByTestId('migrate-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // the waiting review maps to the review of version 2 by its id
    await page.locator('input[data-testid="migrate-map-review"][value="review"]').waitFor({ state: 'attached' });
    await shot(page, 'operations-migrate-fa');
    await expectAccessible('migrate dialog');
    await page.getByTestId('migrate-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="instance-version"]')?.textContent?.includes('v2'), undefined, { timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="history-entry"][data-action="application.migrated"]').waitFor({ timeout: WORKFLOW_WAIT });

    await page.getByTestId('cancel-open').click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByTestId('cancel-confirm').isDisabled()).toBe(true); // a reason is required
    await page.getByTestId('cancel-reason').fill('درخواست تکراری — duplicate application');
    await page.getByTestId('cancel-confirm').click();
    await page.locator('[data-testid="instance-page"][data-state="cancelled"]').waitFor({ timeout: WORKFLOW_WAIT });
    const cancel = page.locator('[data-testid="history-entry"][data-action="application.cancel-requested"]');
    await cancel.waitFor();
    expect(await cancel.textContent()).toContain('duplicate application');
    await shot(page, 'operations-instance-cancelled-fa');
  });

  it('offers operations to administrators only', async () => {
    const other = await login('reviewer1');
    await other.goto(`${stack.baseUrl}/home`);
    await other.getByTestId('nav-home').waitFor();
    expect(await other.getByTestId('nav-instances').count()).toBe(0);
    expect(await other.getByTestId('home-card-operations').count()).toBe(0);
  });

  it('had no script errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
