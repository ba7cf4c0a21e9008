/**
 * The process pages in a real browser against the real API. An administrator lists the deployed
 * processes (search), opens one, sees its versions and the diagram of each, its XML and its start
 * form; compares its two versions (the added task marked on version 2's diagram, the removed flow on
 * version 1's, the changes listed and the XML diffed); opens the version in the editor, appends a
 * task from the context pad, sees the server's check and deploys version 3, then finds it in the
 * list. A reviewer reads the processes but is offered no editor. Screenshots of each page in
 * Persian and English go to test-artifacts/e2e/, each scanned with axe (no serious or critical
 * violation).
 */
import type { Page } from 'playwright-core';
import { BrowserSession, shot, checkBothLanguages } from '../support/browser';
import { ApiClient, Stack, startApi } from '../support/harness';
import { diffModelV1, diffModelV2 } from '../support/processes-models';
import { clickCanvasBackground, definitionsFor } from '../support/editor';

const KEY = 'processes-e2e';

let stack: Stack;
let browser: BrowserSession;
let admin: ApiClient;
let page: Page;

beforeAll(async () => {
  stack = await startApi();
  browser = await BrowserSession.launch();
  admin = await new ApiClient(stack.baseUrl).login('admin');
  for (const xml of [diffModelV1(KEY), diffModelV2(KEY)]) {
    const res = await admin.post('/api/definitions', { xml });
    if (res.status !== 201) throw new Error(`test model not deployed: ${JSON.stringify(res.body)}`);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const bothLanguages = (name: string, ready: () => Promise<unknown>): Promise<void> => checkBothLanguages(page, `processes-${name}`, ready);
const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);


const keyLink = (key: string) => page.locator(`[data-testid="definition-row"][data-key="${key}"]`);
const drawn = (testId: string) => page.locator(`[data-testid="${testId}"][data-drawn="yes"]`).waitFor();

describe('process pages in a browser', () => {
  it('lists the deployed processes, with search, and opens one with its versions, diagram, XML and start form', async () => {
    page = await login('admin');
    await page.goto(`${stack.baseUrl}/home`);
    const count = page.getByTestId('home-processes-count');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="home-processes-count"]')?.getAttribute('data-count')) > 0);
    const listed = (await admin.get('/api/definitions')).body as unknown[];
    expect(Number(await count.getAttribute('data-count'))).toBe(listed.length);

    await page.getByTestId('nav-definitions').click();
    await page.locator('[data-testid="definition-row"]').first().waitFor();
    await bothLanguages('list', () => page.locator('[data-testid="definition-row"]').first().waitFor());

    await page.getByTestId('filter-q').locator('input').fill(KEY);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="definition-row"]').length === 1);
    expect(await keyLink(KEY).count()).toBe(1);
    const versionCell = page.locator('[data-testid="definition-version"]');
    expect(await versionCell.getAttribute('data-version')).toBe('2');
    await page.getByTestId('filter-q').locator('input').fill('no-such-process-anywhere');
    await page.getByTestId('definitions-empty').waitFor();
    await page.getByTestId('filter-q').locator('input').fill(KEY);

    await keyLink(KEY).click();
    await page.waitForURL(new RegExp(`/definitions/${KEY}/show`));
    await drawn('definition-diagram');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="version-row"]').length === 2);
    await page.locator('[data-testid="definition-diagram"] .djs-element[data-element-id="approve"]').waitFor();
    expect(await page.getByTestId('definition-title').textContent()).toContain('Processes test');
    await bothLanguages('show', () => drawn('definition-diagram'));

    // version 1: no approval task on its diagram
    await page.locator('[data-testid="version-row"][data-version="1"] input[type="radio"]').click();
    await page.waitForURL(/version=1/);
    await page.locator('[data-testid="definition-diagram"] .djs-element[data-element-id="fx"]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid="definition-diagram"] .djs-element[data-element-id="approve"]').count()).toBe(0);
    // zoom buttons change the canvas' scale
    const scale = () => page.locator('[data-testid="definition-diagram"] .viewport').getAttribute('transform');
    const before = await scale();
    await page.getByTestId('diagram-zoom-in').click();
    expect(await scale()).not.toBe(before);
    await page.getByTestId('diagram-fit').click();

    await page.getByTestId('xml-toggle').click();
    expect(await page.getByTestId('definition-xml').textContent()).toContain('<bpmn:sequenceFlow id="fx"');
    const download = page.waitForEvent('download');
    await page.getByTestId('xml-download').click();
    expect((await download).suggestedFilename()).toBe(`${KEY}-v1.bpmn`);

    // the process has no start form; one that has shows it
    await page.getByTestId('start-form-none').waitFor();
    await page.goto(`${stack.baseUrl}/definitions/software-technical-approval/show`);
    await page.locator('[data-testid="start-form-preview"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('decision-time').textContent()).toMatch(/20 روز کاری/);
    expect(browser.pageErrors).toEqual([]);
  });

  it('compares two versions: the added task marked on the newer diagram, the removed flow on the older, the changes listed and the XML diffed', async () => {
    await page.goto(`${stack.baseUrl}/definitions/${KEY}/show`);
    await page.getByTestId('compare-versions').click();
    await page.waitForURL(new RegExp(`/processes/${KEY}/diff\\?a=1&b=2`));
    await drawn('diff-diagram-b');
    await page.locator('[data-testid="diff-diagram-b"] .djs-element.diagram-added[data-element-id="approve"]').waitFor();
    await page.locator('[data-testid="diff-diagram-b"] .djs-element.diagram-changed[data-element-id="review"]').waitFor();
    // a straight flow has no height: present, not "visible"
    await page.locator('[data-testid="diff-diagram-a"] .djs-element.diagram-removed[data-element-id="fx"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('count-added').getAttribute('data-count')).toBe('3'); // approve, f2, f3
    expect(await page.getByTestId('count-removed').getAttribute('data-count')).toBe('1'); // fx
    await page.locator('[data-testid="change-row"][data-kind="added"][data-element="approve"]').waitFor();
    expect(await page.locator('[data-testid="change-row"][data-kind="changed"][data-element="review"]').textContent()).toContain('name');
    const added = page.locator('[data-testid="xml-diff-line"][data-op="added"]');
    expect(await added.filter({ hasText: '<bpmn:userTask id="approve"' }).count()).toBe(1);
    expect(await page.locator('[data-testid="xml-diff-line"][data-op="removed"]').filter({ hasText: 'id="fx"' }).count()).toBeGreaterThan(0);
    await bothLanguages('diff', () => drawn('diff-diagram-b'));

    // the same version twice: nothing changed, and the page says so
    await page.getByTestId('diff-a').click();
    await page.locator('[data-testid="diff-a-option"][data-version="2"]').click();
    await page.getByTestId('diff-same-version').waitFor();
    await page.getByTestId('changes-none').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });

  it('edits a version in the editor: appends a task, checks, deploys version 3 and finds it in the list', async () => {
    await page.goto(`${stack.baseUrl}/definitions/${KEY}/show`);
    await page.getByTestId('edit-version').click();
    await page.waitForURL(new RegExp(`/processes/edit/${KEY}/2$`));
    await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="approve"]').waitFor();
    expect(await page.getByTestId('diagram-title').textContent()).toBe(`${KEY} — v2`);
    await page.getByTestId('status').and(page.locator('[data-tone="ok"]')).waitFor();
    await bothLanguages('editor', () => page.getByTestId('status').and(page.locator('[data-tone="ok"]')).waitFor());

    // append a task after the approval from the context pad and name it
    await page.locator('.djs-element.djs-shape[data-element-id="approve"]').click();
    await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
    const appended = await page.evaluate(() => {
      const modeler = (window as unknown as { itoModeler: { get(s: string): { getAll(): { id: string; type: string }[] } } }).itoModeler;
      return modeler.get('elementRegistry').getAll().filter((e) => e.type === 'bpmn:Task').map((e) => e.id);
    });
    expect(appended).toHaveLength(1);
    const archive = appended[0];
    // bpmn-js opens the new task's label for typing
    await page.locator('.djs-direct-editing-content').fill('Archive');
    await clickCanvasBackground(page);
    // the language changes (react-admin draws the page again): the edit stays
    await page.getByTestId('locale-toggle').click();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    await page.locator(`.djs-element[data-element-id="${archive}"]`, { hasText: 'Archive' }).waitFor();

    // the server's check: the new task ends nowhere and the approval now splits without a gateway.
    // Camunda 8 runs both (an implicit end, a parallel split), so they are warnings: still deployable
    await page.getByTestId('check').click();
    await page.locator(`[data-testid="problem-row"][data-element-id="${archive}"][data-severity="warning"]`, { hasText: 'no-implicit-end' }).waitFor();
    await page.locator('[data-testid="problem-row"][data-element-id="approve"][data-severity="warning"]', { hasText: 'no-implicit-split' }).waitFor();
    expect(await page.locator('[data-testid="problem-row"][data-severity="error"]').count()).toBe(0);
    await page.getByTestId('status').filter({ hasText: `Deployable: ${KEY}` }).waitFor();
    await shot(page, 'processes-editor-problems-en');

    // fixed from the context pad: an end event after the new task, the old end (and its flow) deleted
    await page.locator(`.djs-element.djs-shape[data-element-id="${archive}"]`).click();
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await clickCanvasBackground(page);
    await page.locator('.djs-element.djs-shape[data-element-id="end"]').click();
    await page.locator('.djs-context-pad [data-action="delete"]').click();
    await page.getByTestId('status').filter({ hasText: `Deployable: ${KEY}` }).waitFor();
    expect(await page.locator('[data-testid="problem-row"][data-severity="error"]').count()).toBe(0);

    await page.getByTestId('deploy').click();
    await page.getByTestId('status').filter({ hasText: `Deployed: ${KEY} v3` }).waitFor();
    await page.waitForURL(new RegExp(`/processes/edit/${KEY}/3$`));
    expect(await page.getByTestId('diagram-title').textContent()).toBe(`${KEY} — v3`);
    await shot(page, 'processes-editor-deployed-en');
    const v3 = await admin.get(`/api/definitions/${KEY}/versions/3`);
    expect(v3.body.xml).toContain('name="Archive"');

    await page.getByTestId('view-deployed').click();
    await page.waitForURL(new RegExp(`/definitions/${KEY}/show\\?version=3`));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="version-row"]').length === 3);
    expect(await page.locator('[data-testid="version-row"][data-version="3"]').getAttribute('class')).toContain('Mui-selected');
    await page.goto(definitionsFor(stack.baseUrl, KEY));
    await keyLink(KEY).waitFor();
    const row = page.locator('tr', { has: keyLink(KEY) });
    expect(await row.getByTestId('definition-version').getAttribute('data-version')).toBe('3');
    expect(await row.getByTestId('definition-versions').getAttribute('data-count')).toBe('3');
    expect(browser.pageErrors).toEqual([]);
  });

  it('lets a reviewer read the processes but offers no editor', async () => {
    const reviewer = await login('reviewer1');
    await reviewer.goto(definitionsFor(stack.baseUrl, KEY));
    await reviewer.locator(`[data-testid="definition-row"][data-key="${KEY}"]`).waitFor();
    expect(await reviewer.getByTestId('edit-definition').count()).toBe(0);
    expect(await reviewer.getByTestId('new-process-link').count()).toBe(0);
    await reviewer.goto(`${stack.baseUrl}/definitions/${KEY}/show`);
    await reviewer.locator('[data-testid="definition-diagram"][data-drawn="yes"]').waitFor();
    expect(await reviewer.getByTestId('edit-version').count()).toBe(0);
    await reviewer.goto(`${stack.baseUrl}/processes/edit/${KEY}`);
    await reviewer.getByTestId('not-for-your-role').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });
});
