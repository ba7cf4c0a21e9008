/**
 * The public catalogue, a service's identity card, the public KPI page and the administrator's
 * report with its CSV download, in a real browser (chromium via playwright-core) on the real stack.
 * What the pages show is compared with what the API answers; each public page is scanned by axe
 * (no serious or critical problem) and photographed in Persian, in English and at phone width
 * (360 px, no horizontal scroll).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { jalaliDayOf } from '../../activities/certificates/jalali-date';
import { seriousAccessibilityProblems } from '../support/axe';
import { BrowserSession, shot } from '../support/browser';
import { ApiClient, Stack, startApi } from '../support/harness';

let stack: Stack;
let browser: BrowserSession;
let anonymous: ApiClient;

beforeAll(async () => {
  stack = await startApi();
  browser = await BrowserSession.launch();
  anonymous = new ApiClient(stack.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Animations done, nothing wider than the window. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** Screenshot and axe scan in Persian, then in English, then back to Persian. */
async function inBothLanguages(page: Page, name: string, still: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await settled(page);
  expect([name, await seriousAccessibilityProblems(page)]).toEqual([name, []]);
  await shot(page, `${name}-fa`);
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en' && document.documentElement.dir === 'ltr');
  await page.locator(still).first().waitFor();
  await settled(page);
  expect([name, await seriousAccessibilityProblems(page)]).toEqual([name, []]);
  await shot(page, `${name}-en`);
  await page.getByTestId('locale-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'fa');
}

async function atPhoneWidth(address: string, name: string, ready: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
  await page.goto(`${stack.baseUrl}${address}`);
  await page.locator(ready).first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await settled(page);
  expect([name, await seriousAccessibilityProblems(page)]).toEqual([name, []]);
  await shot(page, `${name}-360`);
  return page;
}

describe('the public catalogue', () => {
  it('lists every service of the API, opens from the public menu and narrows by search', async () => {
    const { services } = (await anonymous.get('/api/public/catalogue')).body as { services: { processKey: string; serviceId: string; name: { fa: string } }[] };
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('public-menu-catalogue').click();
    await page.waitForURL(/\/catalogue$/);
    await page.getByTestId('catalogue-row').first().waitFor();
    expect(await page.getByTestId('public-menu-catalogue').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('public-menu-statistics').getAttribute('aria-current')).toBeNull();
    expect(await page.getByTestId('catalogue-row').count()).toBe(services.length);
    for (const s of services) {
      const row = page.locator(`[data-testid="catalogue-row"][data-key="${s.processKey}"]`);
      expect(await row.getByTestId('catalogue-service-id').innerText()).toBe(s.serviceId);
      expect(await row.getByTestId('catalogue-name').innerText()).toBe(s.name.fa);
    }
    await inBothLanguages(page, 'catalogue', '[data-testid="catalogue-row"]');
    await page.getByTestId('catalogue-search').fill('ITO-S-03');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalogue-row"]').length === 1);
    expect(await page.getByTestId('catalogue-row').getAttribute('data-key')).toBe('afta-services-license');
    await page.getByTestId('catalogue-search').fill('چیزی که نیست \u202E');
    await page.getByTestId('catalogue-empty').waitFor();
    await page.getByTestId('catalogue-search').fill('');
    await page.locator('[data-testid="catalogue-row"][data-key="software-technical-approval"]').click();
    await page.waitForURL(/\/catalogue\/software-technical-approval$/);
    await page.getByTestId('service-card').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });

  it('works at phone width', async () => {
    await atPhoneWidth('/catalogue', 'catalogue', '[data-testid="catalogue-row"]');
  });
});

describe('a service\'s identity card', () => {
  it('shows the card, its documents, legal time and permits as the API gives them', async () => {
    const entry = (await anonymous.get('/api/public/catalogue/software-technical-approval')).body;
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/catalogue/software-technical-approval`);
    await page.getByTestId('card-identity').waitFor();
    expect(await page.getByTestId('card-title').innerText()).toBe(entry.card.title.fa);
    expect(await page.getByTestId('card-service-id').innerText()).toBe(entry.serviceId);
    expect(await page.getByTestId('card-documents').innerText()).toContain(entry.documents[0].label.fa);
    expect(await page.getByTestId('card-legal-time').innerText()).toContain('۲۰ روز کاری');
    // the seven families are approval-based (high-risk permits): the card says so in words
    expect(await page.getByTestId('card-legal-basis').getAttribute('data-basis')).toBe(entry.legalTime.basis);
    expect(await page.getByTestId('card-legal-basis').innerText()).toContain('تأییدمحور');
    expect(await page.getByTestId('card-conditions').innerText()).toContain(entry.conditions[0].fa);
    expect(await page.getByTestId('card-laws').innerText()).toContain(entry.card.upstreamLaws[0].fa);
    expect(await page.getByTestId('card-inquiries').innerText()).toContain(entry.permit.inquiredAgencies['company-registry'].fa);
    const permit = page.locator('[data-testid="card-permit"][data-family="TA"]');
    expect(await permit.getByTestId('permit-validity').innerText()).toContain('۲۴ ماه');
    expect(await page.getByTestId('card-incomplete').count()).toBe(0);
    await page.getByTestId('card-figures').waitFor();
    await page.getByTestId('card-within').waitFor();
    await inBothLanguages(page, 'service-card', '[data-testid="card-identity"]');
    expect(await page.getByTestId('card-legal-time').innerText()).toContain('۲۰');
    expect(browser.pageErrors).toEqual([]);
  });

  it('works at phone width, and finds a service by its service ID', async () => {
    const page = await atPhoneWidth('/catalogue/ITO-S-07', 'service-card-qualification', '[data-testid="card-permit"]');
    expect(await page.getByTestId('card-permit').count()).toBe(2);
  });

  it('says so for a service that does not exist, with the way back', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/catalogue/no-such-service`);
    await page.getByTestId('card-not-found').waitFor();
    await page.getByTestId('card-back').click();
    await page.waitForURL(/\/catalogue$/);
  });
});

describe('the public KPI page', () => {
  it('shows each service\'s figures as GET /api/public/statistics gives them', async () => {
    const stats = (await anonymous.get('/api/public/statistics')).body as { families: { processKey: string; medianDaysToCertificate: number | null; p90DaysToCertificate: number | null; shareWithinLegalTime: number | null }[] };
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByTestId('public-menu-statistics').click();
    await page.waitForURL(/\/statistics$/);
    await page.getByTestId('stats-row').first().waitFor();
    expect(await page.getByTestId('stats-row').count()).toBe(stats.families.length);
    for (const f of stats.families) {
      const row = page.locator(`[data-testid="stats-row"][data-key="${f.processKey}"]`);
      expect(await row.getAttribute('data-median')).toBe(f.medianDaysToCertificate === null ? '' : String(f.medianDaysToCertificate));
      expect(await row.getAttribute('data-p90')).toBe(f.p90DaysToCertificate === null ? '' : String(f.p90DaysToCertificate));
      expect(await row.getAttribute('data-share')).toBe(f.shareWithinLegalTime === null ? '' : String(f.shareWithinLegalTime));
    }
    await inBothLanguages(page, 'statistics', '[data-testid="stats-row"]');
    expect(browser.pageErrors).toEqual([]);
  });

  it('works at phone width', async () => {
    await atPhoneWidth('/statistics', 'statistics', '[data-testid="stats-row"]');
  });
});

describe('the register\'s open data', () => {
  it('links the CSV of the register with the page\'s filters', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/register?family=software-technical-approval`);
    const link = page.getByTestId('register-csv');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/api/public/register.csv?family=software-technical-approval');
    const res = await anonymous.get('/api/public/register.csv?family=software-technical-approval');
    expect(res.status).toBe(200);
  });
});

describe('the administrator\'s report', () => {
  it('shows the withdrawn and issued-by-deadline columns and downloads the table as CSV', async () => {
    const page = await browser.login(stack.baseUrl, 'admin');
    const year = jalaliDayOf(new Date()).year;
    await page.goto(`${stack.baseUrl}/reports?year=${year}`);
    const ta = page.locator('[data-testid="report-row"][data-family="TA"]');
    await ta.waitFor();
    const admin = await anonymous.login('admin');
    const api = (await admin.get(`/api/reports/summary?year=${year}`)).body;
    const row = api.families.find((f: { family: string }) => f.family === 'TA');
    expect(Number(await ta.getAttribute('data-withdrawn'))).toBe(row.withdrawn);
    expect(Number(await ta.getAttribute('data-by-deadline'))).toBe(row.issuedByDeadline);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    expect(download.suggestedFilename()).toBe(`ito-report-${year}.csv`);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('انصراف متقاضی / Withdrawn');
    expect(lines[0]).toContain('صادرشده با پایان مهلت / Issued by deadline');
    expect(lines.find((l) => l.startsWith('"TA"'))!.split(',')[3]).toBe(String(row.received));
    await shot(page, 'reports-with-csv');
    expect(browser.pageErrors).toEqual([]);
  });
});
