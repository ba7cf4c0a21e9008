/**
 * The API is the authority on who may do what, and the portal's menu follows it, in a real browser
 * against the real API:
 *
 * - For each demo role (company, reviewer, administrator, counter-office agent) and the public
 *   visitor, every menu entry the browser shows is one whose API answers that user's token, and
 *   every entry it hides is one the API refuses (401/403). The table below names, per menu entry,
 *   the request its page is for; a menu entry the table does not know fails the test.
 * - The roles are not frozen at sign-in: an administrator changes a signed-in user's roles through
 *   the API and the user's menu follows when the tab regains focus; a disabled account is sent to
 *   the sign-in page, which says why.
 * - The sign-in page and the reviewer's and administrator's desks in both languages, each with an
 *   axe scan (the applicant's desk is applicant.test.ts's).
 */
import type { Page } from 'playwright-core';
import { BrowserSession, checkBothLanguages } from '../support/browser';
import { ApiClient, Stack, startApi } from '../support/harness';

let stack: Stack;
let browser: BrowserSession;
let admin: ApiClient;

beforeAll(async () => {
  stack = await startApi();
  browser = await BrowserSession.launch();
  admin = await new ApiClient(stack.baseUrl).login('admin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Probe {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  /**
   * `list`: the page reads this list, so the API lets the user in when it answers 200. `action`: the
   * page is for this change, sent here so that it cannot succeed (an unknown process, an empty
   * calendar): the API lets the user in when it does not answer 401/403.
   */
  kind: 'list' | 'action';
  /** The list holds only the user's own items (their tasks, their authorisations): an empty one need not be offered. */
  scoped?: true;
}

/** What each entry of the signed-in menu (data-testid `nav-…`) is for, as the API sees it. */
const MENU: Record<string, Probe> = {
  'nav-applications': { method: 'GET', path: '/api/applications', kind: 'list' },
  'nav-apply': { method: 'POST', path: '/api/applications', body: { processKey: 'menu-probe-no-such-process', data: {} }, kind: 'action' },
  'nav-inbox': { method: 'GET', path: '/api/notifications', kind: 'list' },
  'nav-messages': { method: 'GET', path: '/api/feedback/mine', kind: 'list' },
  'nav-agents': { method: 'GET', path: '/api/agents/authorisations', kind: 'list', scoped: true },
  'nav-tasks': { method: 'GET', path: '/api/tasks', kind: 'list', scoped: true },
  'nav-definitions': { method: 'GET', path: '/api/definitions', kind: 'list' },
  'nav-processes-new': { method: 'GET', path: '/api/service-task-types', kind: 'list' },
  'nav-instances': { method: 'GET', path: '/api/operations/instances', kind: 'list' },
  'nav-issued-certificates': { method: 'GET', path: '/api/certificates', kind: 'list' },
  'nav-users': { method: 'GET', path: '/api/users', kind: 'list' },
  'nav-groups': { method: 'GET', path: '/api/groups', kind: 'list' },
  'nav-counter-offices': { method: 'GET', path: '/api/counter-offices', kind: 'list' },
  // reading a calendar needs only a login (timers count on it); the page is the administrators' editor
  'nav-calendars': { method: 'PUT', path: '/api/calendars/menu-probe', body: {}, kind: 'action' },
  'nav-reports': { method: 'GET', path: '/api/reports/summary', kind: 'list' },
  'nav-outbox': { method: 'GET', path: '/api/outbox', kind: 'list' },
  'nav-payments': { method: 'GET', path: '/api/payments', kind: 'list' },
  'nav-feedback': { method: 'GET', path: '/api/feedback', kind: 'list' },
  'nav-reports-satisfaction': { method: 'GET', path: '/api/reports/satisfaction', kind: 'list' },
  'nav-contact': { method: 'GET', path: '/api/public/feedback/services', kind: 'list' },
};

/** The public frame's menu (data-testid `public-menu-…`), open to anyone. */
const PUBLIC_MENU: Record<string, Probe> = {
  'public-menu-catalogue': { method: 'GET', path: '/api/public/catalogue', kind: 'list' },
  'public-menu-statistics': { method: 'GET', path: '/api/public/statistics', kind: 'list' },
  'public-menu-register': { method: 'GET', path: '/api/public/certificates', kind: 'list' },
  'public-menu-verify': { method: 'GET', path: '/api/public/certificates/ST-1404-000001-0', kind: 'action' },
};

type Verdict = 'offer' | 'hide' | 'either';

/** What the API says about one entry for the holder of `token` (none: the public). */
async function verdictOf(probe: Probe, token: string | null): Promise<{ verdict: Verdict; status: number }> {
  const res = await fetch(`${stack.baseUrl}${probe.path}`, {
    method: probe.method,
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: probe.body !== undefined ? JSON.stringify(probe.body) : undefined,
  });
  const body: unknown = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text();
  if (res.status === 401 || res.status === 403) return { verdict: 'hide', status: res.status };
  if (probe.kind === 'action') return { verdict: 'offer', status: res.status };
  if (res.status !== 200) throw new Error(`${probe.method} ${probe.path} answered ${res.status}: neither allowed nor refused`);
  const items = Array.isArray(body) ? body : (body as { data?: unknown[] }).data;
  return { verdict: probe.scoped && Array.isArray(items) && items.length === 0 ? 'either' : 'offer', status: res.status };
}

/** The desk's entry, open to everyone signed in: it calls no API of its own. */
const HOME = 'nav-home';

/** The menu entries drawn on the page (test ids starting with `prefix`), once those the API allows are in. */
async function menuShown(page: Page, prefix: string, expected: string[]): Promise<string[]> {
  for (const id of expected) await page.getByTestId(id).first().waitFor();
  const ids = await page.locator(`[data-testid^="${prefix}"]`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid') ?? ''));
  return [...new Set(ids)].filter((id) => id !== HOME).sort();
}

/**
 * The browser's menu against the API's answers: every shown entry is known to the table and
 * allowed, every allowed one shown, every refused one hidden.
 */
async function expectMenuFollowsApi(page: Page, token: string | null, table: Record<string, Probe>, prefix: string, who: string): Promise<void> {
  const verdicts = await Promise.all(Object.entries(table).map(async ([id, probe]) => ({ id, ...(await verdictOf(probe, token)) })));
  const mustShow = verdicts.filter((v) => v.verdict === 'offer').map((v) => v.id).sort();
  const mayShow = verdicts.filter((v) => v.verdict === 'either').map((v) => v.id);
  const shown = await menuShown(page, prefix, mustShow);
  const unknown = shown.filter((id) => !(id in table));
  expect([who, 'entries the table does not know', unknown]).toEqual([who, 'entries the table does not know', []]);
  const refusedButShown = shown.filter((id) => verdicts.find((v) => v.id === id)?.verdict === 'hide').map((id) => `${id} (${verdicts.find((v) => v.id === id)?.status})`);
  expect([who, 'shown though the API refuses', refusedButShown]).toEqual([who, 'shown though the API refuses', []]);
  expect([who, 'allowed entries', shown.filter((id) => !mayShow.includes(id))]).toEqual([who, 'allowed entries', mustShow]);
}

const tokenOf = (page: Page): Promise<string> => page.evaluate(() => sessionStorage.getItem('ito.token') ?? '');

/** The signed-in menu is drawn (its home entry and the user's roles on it). */
const menuReady = (page: Page) => page.locator('[data-testid="portal-menu"]:not([data-roles=""])').waitFor();

describe('the menu follows the API', () => {
  it.each(['applicant', 'reviewer1', 'admin', 'agent'])('offers %s exactly what the API lets them use', async (username) => {
    const page = await browser.login(stack.baseUrl, username);
    await page.goto(`${stack.baseUrl}/home`);
    await menuReady(page);
    await expectMenuFollowsApi(page, await tokenOf(page), MENU, 'nav-', username);
    await page.context().close();
  });

  it('offers the public visitor the public pages only: every signed-in entry\'s API refuses them', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/home`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-submit').waitFor();
    expect(await page.locator('[data-testid^="nav-"]').count()).toBe(0);
    for (const [id, probe] of Object.entries(MENU)) {
      if (id === 'nav-contact') continue; // the public files messages on /contact, in the public frame
      expect([id, (await verdictOf(probe, null)).status]).toEqual([id, 401]);
    }
    await expectMenuFollowsApi(page, null, PUBLIC_MENU, 'public-menu-', 'public');
    await page.context().close();
  });
});

describe('roles fresh from the API', () => {
  const username = `roles-${Date.now().toString(36)}`;
  let userId = '';
  let page: Page;

  it('redraws the menu when an administrator changes the signed-in user\'s roles, once the tab regains focus', async () => {
    const created = await admin.post('/api/users', { username, displayName: 'کارشناس نقش‌ها / Roles reviewer', password: 'roles-pass-1', role: 'reviewer' });
    expect(created.status).toBe(201);
    userId = created.body.id;
    page = await browser.login(stack.baseUrl, username, 'roles-pass-1');
    await page.goto(`${stack.baseUrl}/home`);
    await page.locator('[data-testid="portal-menu"][data-roles="reviewer"]').waitFor();
    await page.getByTestId('nav-definitions').first().waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);

    expect((await admin.put(`/api/users/${userId}/roles`, { roles: ['admin'] })).status).toBe(200);
    // nothing changes until the app asks the API again
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.locator('[data-testid="portal-menu"][data-roles="admin"]').waitFor();
    await page.getByTestId('nav-users').waitFor();
    await expectMenuFollowsApi(page, await tokenOf(page), MENU, 'nav-', `${username} made an administrator`);
  });

  it('sends a disabled user to the sign-in page, which says why', async () => {
    expect(userId).not.toBe('');
    expect((await admin.put(`/api/users/${userId}/active`, { active: false, reason: 'roles test: account closed' })).status).toBe(200);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-signed-out').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('ito.token'))).toBeNull();
    expect(await page.locator('[data-testid^="nav-"]').count()).toBe(0);
    await page.context().close();
  });
});

describe('the sign-in page and the desks in both languages', () => {
  it('sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await checkBothLanguages(page, 'shell-sign-in', () => page.getByTestId('login-submit').waitFor());
    await page.context().close();
  });

  it('the reviewer\'s desk', async () => {
    const page = await browser.login(stack.baseUrl, 'reviewer1');
    await page.goto(`${stack.baseUrl}/home`);
    await checkBothLanguages(page, 'shell-desk-reviewer', () => page.locator('[data-testid="home-reviewer-open"] [data-count]:not([data-count=""])').waitFor());
    await page.context().close();
  });

  it('the administrator\'s desk', async () => {
    const page = await browser.login(stack.baseUrl, 'admin');
    await page.goto(`${stack.baseUrl}/home`);
    await checkBothLanguages(page, 'shell-desk-admin', async () => {
      await page.locator('[data-testid="home-certificates-valid"] [data-count]:not([data-count=""])').waitFor();
      await page.getByTestId('home-card-operations').waitFor();
    });
    await page.context().close();
  });

  it('raised no script errors on any page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
