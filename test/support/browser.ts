/**
 * A real browser for e2e tests: Debian's chromium driven by playwright-core (the Playwright browser
 * download cannot work on this machine). Pages record their script errors and layout shifts
 * (layout-shift.ts); screenshots go to test-artifacts/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, Page, chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../../config';
import { seriousAccessibilityProblems } from './axe';
import { expectStableLayout, pageTime, recordLayoutShifts } from './layout-shift';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(PROJECT_ROOT, 'test-artifacts', 'e2e');

export class BrowserSession {
  /** Script errors of every page opened, as `<url>: <message>`. */
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(readonly browser: Browser) {}

  /** `extraArgs`: more chromium switches (e.g. a fake camera playing a file). */
  static async launch(extraArgs: string[] = []): Promise<BrowserSession> {
    fs.mkdirSync(SHOTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...extraArgs],
    });
    return new BrowserSession(browser);
  }

  /** A fresh context (own sessionStorage) in Tehran's locale and time zone, and a page in it. */
  async newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'fa-IR', timezoneId: 'Asia/Tehran', viewport: { width: 1280, height: 860 }, acceptDownloads: true, ...options });
    this.contexts.push(context);
    await context.addInitScript(recordLayoutShifts);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => this.pageErrors.push(`${page.url()}: ${err.message}`));
    // a script, style or image the content security policy blocked is an error of the page too
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) this.pageErrors.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  /** Fills the app's sign-in page (/login) and submits it, on a fresh page; does not wait for the outcome. */
  async submitLogin(baseUrl: string, username: string, password = 'demo'): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    return page;
  }

  /** Signs in through the app's sign-in page; the page is left where the app leads after sign-in. */
  async login(baseUrl: string, username: string, password = 'demo'): Promise<Page> {
    const page = await this.submitLogin(baseUrl, username, password);
    await page.waitForFunction(() => !!sessionStorage.getItem('ito.token'));
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
    await this.browser.close();
  }
}

/** A full-page screenshot once the web fonts are in. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The page has no serious or critical accessibility problem (axe, WCAG 2.2 AA); `name` says which page failed. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect([name, await seriousAccessibilityProblems(page)]).toEqual([name, []]);
}

/**
 * A main page in Persian, then English, then back in Persian: right-to-left first, a screenshot
 * (`<name>-fa`, `<name>-en`), an accessibility scan and the layout shift (under 0.1; each value in
 * test-artifacts/e2e/layout-shift.jsonl) in each language. `ready` waits for the page's content.
 */
export async function checkBothLanguages(page: Page, name: string, ready: () => Promise<unknown>): Promise<void> {
  await ready();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await shot(page, `${name}-fa`);
  await expectAccessible(page, `${name} (fa)`);
  await expectStableLayout(page, `${name} (fa)`, SHOTS);
  // the app bar hides while the page is scrolled down
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  // in English: what moved once the page had switched (the switch itself is input)
  const switched = await pageTime(page);
  await ready();
  await shot(page, `${name}-en`);
  await expectAccessible(page, `${name} (en)`);
  await expectStableLayout(page, `${name} (en)`, SHOTS, switched);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
}

/** Browser tests run their steps in order: a later step names what an earlier, failed one did not leave. */
export function needs(value: string, what: string): void {
  if (!value) throw new Error(`an earlier step failed: no ${what}`);
}
