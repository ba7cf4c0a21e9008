/**
 * Inquiries in a real browser against the real stack. The company registry is down when a
 * technical approval is applied for: the administrator finds the instance in an incident at the
 * registry inquiry, with no answer yet on its inquiries card; once the registry is back, retries the
 * incident from the instance page and sees the answer arrive. The formal reviewer then opens the
 * task and reads the registry's answer (positive, the company's name and directors) on the task
 * page. Screenshots in Persian and English go to test-artifacts/e2e/, each page scanned with axe.
 */
import type { Page } from 'playwright-core';
import { apply, waitForTask } from '../../scripts/lib/walk-steps';
import { BrowserSession, checkBothLanguages } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';
import { freePort } from '../support/ports';
import { loadRegistriesConfig } from '../../config/registries';
import { startRegistrySimulator, type RunningRegistrySimulator } from '../../simulators/registries/server';
import { DEMO_ORGANISATION } from '../../prisma/seed';

const WORKFLOW_WAIT = 60_000;

let registryPort: number;
let registry: RunningRegistrySimulator | undefined;
let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let admin: ApiClient;
let reviewer1: ApiClient;
let tracking = '';

beforeAll(async () => {
  registryPort = await freePort();
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki, undefined, loadRegistriesConfig({ REGISTRIES_URL: `http://127.0.0.1:${registryPort}`, REGISTRY_RETRIES: '0', REGISTRY_TIMEOUT_MS: '2000' }));
  browser = await BrowserSession.launch();
  const client = new ApiClient(stack.baseUrl);
  const applicant = await client.login('applicant');
  [admin, reviewer1] = await Promise.all([client.login('admin'), client.login('reviewer1')]);
  tracking = await apply(applicant);
  await waitFor('the inquiry incident', async () => (await admin.get(`/api/applications/${tracking}`)).body.state?.incidents?.[0]?.elementId === 'inquire-company-registry');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
  await registry?.stop();
});

describe('inquiries in a browser', () => {
  let page: Page;

  it('shows the administrator the unreachable registry as an incident, and the answer once it is retried', async () => {
    page = await browser.login(stack.baseUrl, 'admin');
    await page.goto(`${stack.baseUrl}/instances/${tracking}/show`);
    const incident = page.locator('[data-testid="incident"][data-element="inquire-company-registry"]');
    await incident.waitFor({ timeout: WORKFLOW_WAIT });
    expect(await incident.getByTestId('incident-message').textContent()).toContain('company-registry is unreachable');
    await page.getByTestId('no-inquiries').waitFor();

    registry = await startRegistrySimulator({ port: registryPort });
    await incident.getByTestId('retry-incident').click();
    await page.getByTestId('no-incidents').waitFor({ timeout: WORKFLOW_WAIT });
    const answer = page.locator('[data-testid="inquiry-result"][data-registry="company-registry"]');
    await answer.waitFor({ timeout: WORKFLOW_WAIT });
    expect(await answer.getAttribute('data-outcome')).toBe('positive');
    expect(await answer.getByTestId('inquiry-summary').textContent()).toContain(DEMO_ORGANISATION.nameFa);
    await checkBothLanguages(page, 'inquiries-instance', () => answer.waitFor());
  }, 120_000);

  it('shows the reviewer the registry\'s answer on the task', async () => {
    const task = await waitForTask(reviewer1, tracking, 'formal-check');
    page = await browser.login(stack.baseUrl, 'reviewer1');
    await page.goto(`${stack.baseUrl}/tasks/${encodeURIComponent(task.id)}/show`);
    const answer = page.locator('[data-testid="inquiry-result"][data-registry="company-registry"]');
    await answer.waitFor();
    expect(await answer.getAttribute('data-outcome')).toBe('positive');
    expect(await answer.getByTestId('inquiry-outcome').textContent()).toBe('مثبت');
    expect(await answer.getByTestId('inquiry-summary').textContent()).toContain(DEMO_ORGANISATION.nameFa);
    expect(await answer.getByTestId('inquiry-directors').textContent()).toContain('مدیرعامل');
    await checkBothLanguages(page, 'inquiries-task', () => answer.waitFor());
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
