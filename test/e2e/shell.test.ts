/**
 * The portal's shell as the server delivers it, in a real browser (chromium via playwright-core): one
 * page for every path the app draws (so printed /verify/<number> links, reloads and bookmarks work),
 * the API's own 404 for unknown /api paths, the bundle, stylesheet, emblem and the Vazirmatn fonts
 * from /assets/ with their types and cache headers, Persian really drawn in Vazirmatn rather than a
 * system fallback, nothing outside the assets folder reachable however the path is spelled, and a
 * sign-in paused after too many failures said in words.
 */
import http from 'node:http';
import type { Page } from 'playwright-core';
import { BrowserSession } from '../support/browser';
import { Stack, startApi } from '../support/harness';
import { DEFAULT_LOGIN_LIMITS } from '../../portal/server/services/login-throttle';

let stack: Stack;
let browser: BrowserSession;

beforeAll(async () => {
  stack = await startApi();
  browser = await BrowserSession.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A GET with the path sent exactly as written (fetch and browsers would resolve `..` and `%2e%2e` first). */
function rawGet(rawPath: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(stack.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The fonts the browser really drew a node's own text with (Chromium's DevTools protocol). */
async function renderedFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

describe('the portal shell', () => {
  it('sends the one app page for every path the app draws, and the API\'s 404 for unknown API paths', async () => {
    const app = await rawGet('/');
    expect(app.status).toBe(200);
    expect(app.type).toContain('text/html');
    expect(app.body).toContain('/assets/build/app.js');
    for (const p of ['/verify', '/verify/TA-1404-000001-7', '/login', '/register?family=software-technical-approval', '/applications/TA-14040101-ABCDEF/show', '/modeler']) {
      const res = await rawGet(p);
      expect([p, res.status, res.body]).toEqual([p, 200, app.body]);
    }
    for (const p of ['/api/nothing-here', '/api', '/<script>', '/a/../../etc/passwd']) {
      const res = await rawGet(p);
      expect([p, res.status]).toEqual([p, 404]);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'not_found' });
    }
  });

  it('loads its bundle, stylesheet, emblem and the Vazirmatn fonts from /assets/, and draws Persian in Vazirmatn', async () => {
    const page = await browser.newPage();
    const assets = new Map<string, { status: number; type: string; cache: string }>();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.startsWith('/assets/')) assets.set(url.pathname, { status: res.status(), type: res.headers()['content-type'] ?? '', cache: res.headers()['cache-control'] ?? '' });
    });
    const expected: Record<string, string> = {
      '/assets/build/app.js': 'text/javascript', '/assets/build/app.css': 'text/css',
      '/assets/fonts/Vazirmatn-Regular.woff2': 'font/woff2', '/assets/emblem.svg': 'image/svg+xml',
    };
    // the emblem is an image the page may still be fetching when its text is ready: wait for each answer
    const answered = Promise.all(Object.keys(expected).map((asset) => page.waitForResponse((res) => new URL(res.url()).pathname === asset)));
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('home-verify').waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await answered;
    for (const [asset, type] of Object.entries(expected)) {
      expect([asset, assets.get(asset)?.status]).toEqual([asset, 200]);
      expect(assets.get(asset)?.type.split(';')[0]).toBe(type);
      expect(assets.get(asset)?.cache).toBe('public, max-age=3600');
    }
    expect(await page.evaluate(() => document.fonts.check('16px Vazirmatn'))).toBe(true);
    for (const selector of ['h1', '[data-testid="home-intro"]']) {
      const fonts = await renderedFonts(page, selector);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect([selector, font]).toEqual([selector, expect.objectContaining({ familyName: 'Vazirmatn', isCustomFont: true })]);
    }
    await page.close();
  });

  it('serves nothing outside portal/web/assets/ under /assets/, however the path is spelled', async () => {
    const font = await fetch(`${stack.baseUrl}/assets/fonts/Vazirmatn-Regular.woff2`);
    expect(Buffer.from(await font.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('wOF2');
    const refused = [
      '/assets/../package.json', '/assets/%2e%2e/package.json', '/assets/%2E%2E/package.json', '/assets/..%2fpackage.json',
      '/assets/%2e%2e%2fpackage.json', '/assets/fonts/../../package.json', '/assets/fonts/%2e%2e/%2e%2e/package.json',
      '/assets/..%5cpackage.json', '/assets//etc/passwd', '/assets/%2fetc%2fpasswd', '/assets/emblem.svg%00.js',
      '/assets/.hidden.css', '/assets/build/app.js.map', '/assets/', '/assets/missing.js', '/assets/fonts/Vazirmatn-Thin.woff2',
      '/assets/fonts/../../../node_modules/vazirmatn/fonts/webfonts/Vazirmatn-Thin.woff2', '/assets/build/../../../app/index.tsx',
    ];
    for (const rawPath of refused) {
      const res = await rawGet(rawPath);
      expect([rawPath, res.status]).toEqual([rawPath, 404]);
      expect(res.type).toContain('application/json');
      expect(JSON.parse(res.body)).toMatchObject({ error: 'not_found', message: expect.any(String) });
    }
  });

  it('says in words when too many failed sign-ins pause a user name', async () => {
    const username = `paused${Date.now().toString(36)}`;
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perUsername.freeFailures; i++) {
      const res = await fetch(`${stack.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'wrong' }) });
      expect(res.status).toBe(401);
    }
    const page = await browser.submitLogin(stack.baseUrl, username, 'wrong');
    await expect(page.getByTestId('login-error').textContent()).resolves.toBe('تلاش‌های ناموفق برای ورود زیاد بوده است؛ کمی صبر کنید و دوباره وارد شوید.');
    await page.context().close();
  });

  it('raised no script errors, and the content security policy blocked nothing', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
