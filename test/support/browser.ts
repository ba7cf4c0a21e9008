/**
 * A real browser for e2e tests: Debian's chromium driven by playwright-core (the Playwright browser
 * download cannot work on this machine). Pages record their script errors; screenshots go to
 * test-artifacts/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, Page, chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../../config';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(PROJECT_ROOT, 'test-artifacts', 'e2e');

export class BrowserSession {
  /** Script errors of every page opened, as `<url>: <message>`. */
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<BrowserSession> {
    fs.mkdirSync(SHOTS, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    return new BrowserSession(browser);
  }

  /** A fresh context (own sessionStorage) in Tehran's locale and time zone, and a page in it. */
  async newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'fa-IR', timezoneId: 'Asia/Tehran', viewport: { width: 1280, height: 860 }, acceptDownloads: true, ...options });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => this.pageErrors.push(`${page.url()}: ${err.message}`));
    return page;
  }

  /** Signs in through the portal's form; the page is left on the portal. */
  async login(baseUrl: string, username: string): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-name').waitFor();
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
