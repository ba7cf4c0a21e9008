/**
 * A registration-based (ثبت‌محور) certificate in a real browser: the test family
 * `registration-undertaking` (test/fixtures/definitions, read by this API and worker through
 * definitionsDir) issues on registration with the applicant's undertaking (applied and paid through
 * the API). The public register marks the row "issued on registration with an undertaking", the
 * verify page gives the note and the undertaking in both languages, and the service card names the
 * registration basis with the undertaking. Screenshots in Persian and English go to
 * test-artifacts/e2e/, each page scanned with axe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apply, payFee } from '../../scripts/lib/walk-steps';
import { BrowserSession, checkBothLanguages, needs } from '../support/browser';
import { ApiClient, RunningWorker, Stack, readFixture, startApi, startWorker, waitFor } from '../support/harness';
import { serviceData } from '../../activities/definition-data';

const FIXTURE_DEFINITIONS = path.join(__dirname, '..', 'fixtures', 'definitions');
const FAMILY = 'registration-undertaking';
const UNDERTAKING = serviceData(FAMILY, FIXTURE_DEFINITIONS)!.legal.undertaking!;
const WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let number = '';

beforeAll(async () => {
  stack = await startApi(undefined, undefined, {}, { definitionsDir: FIXTURE_DEFINITIONS });
  worker = await startWorker(stack.db, stack.pki, undefined, undefined, stack.paymentGateway, { definitionsDir: FIXTURE_DEFINITIONS });
  browser = await BrowserSession.launch();
  const calendar = fs.readFileSync(path.join(FIXTURE_DEFINITIONS, 'calendars', 'every-day.json'), 'utf8');
  await stack.db.workingCalendar.upsert({ where: { id: 'every-day' }, create: { id: 'every-day', data: calendar }, update: { data: calendar } });
  const client = new ApiClient(stack.baseUrl);
  const [admin, applicant] = await Promise.all(['admin', 'applicant'].map((u) => client.login(u)));
  const deployed = await admin.post('/api/definitions', { xml: readFixture(`${FAMILY}.bpmn`) });
  if (deployed.status !== 201 && deployed.status !== 200) throw new Error(`deploying failed: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  const tracking = await apply(applicant, {
    productName: `سامانه ثبت‌محور مرورگر ${Date.now()}`, productVersion: '1.0', platform: 'web', undertaking: true,
  }, FAMILY);
  await payFee(applicant, tracking);
  number = await waitFor('the certificate on registration', async () => {
    const certs = (await applicant.get(`/api/applications/${tracking}`)).body.certificates as { number: string; status: string }[];
    return certs.find((c) => c.status === 'valid')?.number;
  }, WAIT);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

describe('a certificate issued on registration, in a browser', () => {
  it('is marked on the public register and the verify page, with the undertaking', async () => {
    needs(number, 'certificate issued on registration');
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/register?q=${encodeURIComponent(number)}`);
    const chip = page.locator(`[data-testid="register-row"][data-number="${number}"] [data-testid="register-issued-on-registration"]`);
    await chip.waitFor({ timeout: WAIT });
    expect(await chip.innerText()).toBe('صادرشده بر پایه ثبت و تعهدنامه');
    await page.goto(`${stack.baseUrl}/verify/${encodeURIComponent(number)}`);
    const mark = page.getByTestId('verify-issued-on-registration');
    await checkBothLanguages(page, 'legal-basis-verify-registration', () => mark.waitFor());
    const text = await mark.innerText();
    expect(text).toContain(UNDERTAKING.fa);
    expect(text).toContain(UNDERTAKING.en);
    expect(await page.getByTestId('verify-issued-by-deadline').count()).toBe(0);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('names the registration basis and the undertaking on the service card', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/catalogue/${FAMILY}`);
    const basis = page.getByTestId('card-legal-basis');
    await checkBothLanguages(page, 'legal-basis-service-card', () => basis.waitFor());
    expect(await basis.getAttribute('data-basis')).toBe('registration');
    expect(await basis.innerText()).toContain('ثبت‌محور');
    expect(await page.getByTestId('card-legal-time').innerText()).toContain(UNDERTAKING.fa);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
