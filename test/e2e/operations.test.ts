/**
 * The administrator's operations scenario in a real browser against the real stack (HTTP API →
 * Temporal dev server → workflow → activities), through the UI only once version 1 of a small
 * process is deployed:
 *
 * The administrator opens version 1 (start → triage → review → end, triage's other branch never
 * taken) in the app's process editor, appends a
 * step after the review, makes it a call activity that calls a process nobody has deployed yet,
 * moves the end after it and deploys version 2. An applicant starts an instance of version 2 from
 * its start page (the process has no start form: the button alone starts it) and a reviewer
 * completes the review from the queue (a step without a form). The instance stops in an incident at
 * the call. The administrator finds it from the desk card (instances with incidents), sees the
 * incident on the instance's diagram with its error and stack trace, deploys the missing process
 * from a new diagram in the editor, retries, and sees the instance complete. An instance of version
 * 1 (started beforehand) is migrated to version 2 (its waiting review mapped), then cancelled with a
 * reason. Screenshots of the list and the instance page in Persian and English go to
 * test-artifacts/e2e/, each page scanned with axe (no serious or critical violation).
 */
import { toJalaali } from 'jalaali-js';
import type { Page } from 'playwright-core';
import { apply, waitForTask } from '../../scripts/lib/walk-steps';
import { BrowserSession, shot, checkBothLanguages, expectAccessible as expectPageAccessible, needs } from '../support/browser';
import { clickCanvasBackground, openGroup, selectElement, waitForXml } from '../support/editor';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';
import { operationsModelV1 } from '../support/operations-models';

const KEY = 'ops-e2e';
/** The process version 2 calls, deployed only once the incident is seen. */
const CALLED = 'ops-e2e-handover';
/** The id the administrator gives the appended call activity. */
const CALL = 'handover';
/** The workflow is asynchronous: the pages refresh themselves, so waiting on a locator is enough. */
const WORKFLOW_WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let admin: ApiClient;
let page: Page;

/** v1: waits at the review (migrated, then cancelled). */
let waiting = '';
/** v2, started in the browser: stops in an incident at the call. */
let withIncident = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const [applicant, reviewer] = await Promise.all(['applicant', 'reviewer1'].map((u) => client.login(u)));
  admin = await client.login('admin');
  expect((await admin.post('/api/definitions', { xml: operationsModelV1(KEY) })).status).toBe(201);
  waiting = await apply(applicant, {}, KEY);
  await waitForTask(reviewer, waiting, 'review');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const bothLanguages = (name: string, ready: () => Promise<unknown>): Promise<void> => checkBothLanguages(page, `operations-${name}`, ready);
const expectAccessible = (name: string): Promise<void> => expectPageAccessible(page, name);
const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

/** Later steps need what earlier ones produced: fail at once instead of waiting for timeouts. */
/** The editor's status line says the diagram may be deployed (the words are the page's language). */
const deployable = () => page.getByTestId('status').and(page.locator('[data-tone="ok"]')).waitFor();
/** The editor shows the version just deployed in its title. */
const deployed = (key: string, version: number) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="diagram-title"]')?.textContent === t, `${key} — v${version}`, { timeout: 30_000 });

/** The Tehran day `offsetDays` from now as a Jalali `YYYY/MM/DD`, worked out here apart from the app's own conversion. */
function tehranDayInJalali(offsetDays: number): string {
  const tehran = new Date(Date.now() + offsetDays * 86_400_000 + 3.5 * 3_600_000);
  const j = toJalaali(tehran.getUTCFullYear(), tehran.getUTCMonth() + 1, tehran.getUTCDate());
  return `${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`;
}
/** The same day as the app writes it beside the Jalali one (`4 Dec 2026`; the month's short name is the browser's). */
function tehranDayInGregorian(offsetDays: number): RegExp {
  const tehran = new Date(Date.now() + offsetDays * 86_400_000 + 3.5 * 3_600_000);
  return new RegExp(`^${tehran.getUTCDate()} \\p{L}+ ${tehran.getUTCFullYear()}$`, 'u');
}
const toPersianDigits = (text: string): string => text.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);

const row = (tracking: string) => page.locator(`[data-testid="instance-link"][data-tracking="${tracking}"]`);

describe('operations in a browser', () => {
  it('adds a call activity to version 1 in the editor and deploys version 2', async () => {
    page = await login('admin');
    await page.goto(`${stack.baseUrl}/processes/edit/${KEY}`);
    await page.locator('.djs-element[data-element-id="review"]').waitFor();
    await deployable();

    // a step appended after the review, made a call activity named and given an id
    await selectElement(page, 'review');
    await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
    await page.locator('.djs-direct-editing-content').fill('تحویل / Handover');
    await clickCanvasBackground(page);
    const appended = page.locator('.djs-element.djs-shape', { hasText: 'Handover' });
    await appended.click();
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-call-activity"]').click();
    await openGroup(page, 'general');
    await page.locator('#bio-properties-panel-id').fill(CALL);
    await page.locator(`.djs-element[data-element-id="${CALL}"]`).waitFor();
    await openGroup(page, 'calledElement');
    await page.locator('#bio-properties-panel-targetProcessId').fill(CALLED);
    await page.locator('#bio-properties-panel-targetProcessId').blur();
    await waitForXml(page, (xml) => xml.includes(`processId="${CALLED}"`));

    // the end moves after the call: a new end appended, the old one (and its flow) deleted
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    // the new end beside the old one and the end of the branch never taken (`skipped`)
    await waitForXml(page, (xml) => (xml.match(/<bpmn:endEvent /g) ?? []).length === 3);
    await clickCanvasBackground(page);
    await selectElement(page, 'end');
    await page.locator('.djs-context-pad [data-action="delete"]').click();
    await waitForXml(page, (xml) => !xml.includes('id="end"'));
    // the check runs again on the renamed call and the deleted end (their earlier marks go with them)
    await deployable();
    expect(await page.locator('[data-testid="problem-row"][data-severity="error"]').count()).toBe(0);

    await page.getByTestId('deploy').click();
    await deployed(KEY, 2);
    await shot(page, 'operations-editor-deployed-fa');
  }, 120_000);

  it('starts an instance of version 2 from the applicant\'s start page, and the reviewer completes its review', async () => {
    const applicant = await login('applicant');
    await applicant.goto(`${stack.baseUrl}/apply/${KEY}`);
    await applicant.getByTestId('no-start-form').waitFor();
    await applicant.locator('[data-testid="start-form"][data-ready="true"]').waitFor();
    await applicant.getByTestId('start-form-submit').click();
    await applicant.waitForURL(/\/applications\/[A-Z]{2}-\d{8}-[0-9A-Z]{6}\/show$/, { timeout: 30_000 });
    withIncident = (await applicant.getByTestId('application-page').getAttribute('data-tracking')) ?? '';
    expect(withIncident).toMatch(/^[A-Z]{2}-\d{8}-[0-9A-Z]{6}$/);
    await applicant.close();

    const reviewer = await login('reviewer1');
    await reviewer.getByTestId('nav-tasks').click();
    const task = reviewer.locator(`[data-testid="task-row"][data-tracking="${withIncident}"][data-element="review"]`);
    await task.waitFor({ timeout: WORKFLOW_WAIT });
    await task.getByTestId('open-task').click();
    await reviewer.getByTestId('task-no-form').waitFor();
    await reviewer.locator('[data-testid="task-form"][data-ready="true"]').waitFor();
    await reviewer.getByTestId('task-form-submit').click();
    await reviewer.waitForURL(/\/tasks(\?.*)?$/);
    await reviewer.close();
  }, 120_000);

  it('leads an administrator from the desk to the instances with incidents', async () => {
    needs(withIncident, 'instance of version 2');
    await page.goto(`${stack.baseUrl}/home`);
    const card = page.getByTestId('home-card-operations');
    await card.waitFor();
    // other tests of the run share the database: at least this instance's incident is counted
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="home-operations-incident"] [data-count]')?.getAttribute('data-count')) >= 1, undefined, { timeout: WORKFLOW_WAIT });
    await page.getByTestId('incident-badge').waitFor();
    await page.getByTestId('home-operations-incident').click();
    await page.waitForURL(/\/instances\?/);
    await page.locator('[data-testid="state-count-incident"][aria-pressed="true"]').waitFor();
    // this process only: its instance in an incident, not the waiting one, and the counts under that filter
    await page.getByTestId('filter-process').locator('[role="combobox"]').click();
    await page.getByRole('option').filter({ hasText: `(${KEY})` }).click();
    // react-admin writes a chosen filter into the address after half a second: a click before then would be undone by it
    await page.waitForURL((url) => url.search.includes(encodeURIComponent(`"processKey":"${KEY}"`)));
    await row(withIncident).waitFor();
    expect(await row(withIncident).getAttribute('data-state')).toBe('incident');
    expect(await row(waiting).count()).toBe(0); // filtered by state
    await page.locator('[data-testid="state-count-incident"][data-count="1"]').waitFor();

    // every state again: both instances, the counts under the search
    await page.getByTestId('state-count-all').click();
    await row(waiting).waitFor();
    await bothLanguages('list', () => row(withIncident).waitFor());

    // the search goes to the server: tracking number
    await page.getByTestId('filter-q').locator('input').fill(withIncident.slice(-6).toLowerCase());
    await page.waitForFunction((t) => document.querySelectorAll('[data-testid="instance-link"]').length === 1 && !!document.querySelector(`[data-tracking="${t}"]`), withIncident);
    await page.getByTestId('filter-q').locator('input').fill('');
    await row(waiting).waitFor();

    // the start-date filters take a Jalali day (Persian digits too), send its Gregorian day and show it beside
    const from = page.getByTestId('filter-started-from');
    await from.fill(toPersianDigits(tehranDayInJalali(2)));
    await page.getByTestId('instances-empty').waitFor(); // both instances started today
    await from.fill(tehranDayInJalali(-2));
    await row(waiting).waitFor();
    await row(withIncident).waitFor();
    await page.getByTestId('filter-started-from-helper').getByText(tehranDayInGregorian(-2)).waitFor();
    const to = page.getByTestId('filter-started-to');
    await to.fill(tehranDayInJalali(-1));
    await page.getByTestId('instances-empty').waitFor();
    // a day that does not exist is refused in words, the list keeping the last good filter
    await to.fill('1405/13/01');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('instances-empty').waitFor();
    await to.fill('');
    await from.fill('');
    await row(waiting).waitFor();
  });

  it('shows the incident on the instance, with its error and stack trace', async () => {
    await row(withIncident).click();
    await page.waitForURL(new RegExp(`/instances/${withIncident}/show$`));
    const incident = page.getByTestId('incident');
    await incident.waitFor();
    expect(await incident.getAttribute('data-element')).toBe(CALL);
    expect(await page.getByTestId('incident-message').textContent()).toContain(`no deployed process with id "${CALLED}" to call`);
    await page.locator('[data-testid="incident"] summary').click();
    expect(await page.getByTestId('incident-stack').textContent()).toContain('resolve-called-process');
    // on the diagram of version 2: a red mark and a token on the call, the start and the review completed
    await page.locator('[data-testid="bpmn-diagram"][data-drawn="yes"]').waitFor();
    await page.locator(`[data-testid="diagram-incident-mark"][data-element="${CALL}"]`).waitFor();
    expect(await page.locator(`[data-testid="diagram-token-count"][data-element="${CALL}"]`).textContent()).toBe('1');
    expect(await page.locator(`[data-element-id="${CALL}"].diagram-incident`).count()).toBe(1);
    for (const id of ['start', 'review']) expect(await page.locator(`[data-element-id="${id}"].diagram-completed`).count()).toBe(1);
    await page.locator(`[data-testid="mark-incident"][data-element="${CALL}"]`).waitFor();
    await page.locator('[data-testid="mark-completed"][data-element="review"]').waitFor();
    expect(await page.getByTestId('instance-version').textContent()).toContain('v2');
    await page.locator('[data-testid="variable"][data-name="trackingNumber"]').waitFor();
    await page.locator('[data-testid="history-entry"][data-action="application.incident"]').first().waitFor();
    // the same workflow in the Temporal Web UI
    const href = await page.getByTestId('temporal-link').getAttribute('href');
    expect(href).toMatch(new RegExp(`^http://localhost:\\d+/namespaces/[^/]+/workflows/${withIncident}$`));
    await bothLanguages('instance-incident', () => page.getByTestId('incident').waitFor());
  });

  it('retries the incident once the called process is deployed from a new diagram, and sees the instance complete', async () => {
    needs(withIncident, 'instance of version 2');
    const instancePage = page.url();
    // the missing process: a new diagram given the called id, an end after its start, deployed
    await page.goto(`${stack.baseUrl}/processes/new`);
    await page.locator('.djs-element[data-element-id="StartEvent_1"]').waitFor();
    await selectElement(page, 'StartEvent_1');
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await clickCanvasBackground(page);
    await openGroup(page, 'general');
    await page.locator('#bio-properties-panel-id').fill(CALLED);
    await waitForXml(page, (xml) => xml.includes(`<bpmn:process id="${CALLED}"`));
    await deployable();
    await page.getByTestId('deploy').click();
    await deployed(CALLED, 1);

    await page.goto(instancePage);
    await page.getByTestId('retry-incident').click();
    await page.getByTestId('no-incidents').waitFor({ timeout: WORKFLOW_WAIT });
    await page.locator('[data-testid="instance-page"][data-state="completed"]').waitFor({ timeout: WORKFLOW_WAIT });
    await page.getByTestId('instance-refresh').click();
    for (const id of ['start', 'review', CALL]) await page.locator(`[data-testid="mark-completed"][data-element="${id}"]`).waitFor();
    await page.locator(`[data-element-id="${CALL}"].diagram-completed`).waitFor();
    // the completed path: the flows through the triage to the review, not the branch it did not take
    for (const id of ['f0', 'f1']) expect(await page.locator(`.djs-connection[data-element-id="${id}"].diagram-completed`).count()).toBe(1);
    expect(await page.locator('.djs-connection[data-element-id="skip"]').count()).toBe(1);
    expect(await page.locator('.djs-connection[data-element-id="skip"].diagram-completed').count()).toBe(0);
    expect(await page.locator('[data-element-id="skipped"].diagram-completed').count()).toBe(0);
    expect(await page.locator('[data-testid="diagram-incident-mark"]').count()).toBe(0);
    expect(await page.getByTestId('migrate-open').count()).toBe(0); // nothing to do to a finished instance
    expect(await page.getByTestId('cancel-open').count()).toBe(0);
    await bothLanguages('instance-completed', () => page.locator('[data-testid="instance-page"][data-state="completed"]').waitFor());
  }, 120_000);

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
    // a reason is required: asked for under the field, nothing sent
    await page.getByTestId('cancel-confirm').click();
    await page.getByTestId('cancel-dialog').getByText('دست‌کم در ۳ نویسه').waitFor();
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
