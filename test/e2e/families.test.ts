/**
 * A family whose start form has more than text fields, applied for in a real browser (chromium via
 * playwright-core) on the real stack: the AFTA security-services licence. Its form-js start form has
 * a checklist of activity categories, key personnel as rows of a dynamic list (rows added and
 * removed), and a file field that uploads PDFs. A malformed national ID in the second row is refused
 * on that row's field only; once corrected the application goes through, and its page shows the
 * expected decision date (Jalali with the Gregorian beside it), the people given in the rows and the
 * document kept under its field. The reviewer's side of this family (the category review, the lab's
 * evaluation) is in reviewer.test.ts.
 */
import type { Page } from 'playwright-core';
import { samplePdf } from '../../scripts/lib/walk-steps';
import { PERSONNEL } from '../../scripts/lib/walks/demo-data';
import { BrowserSession, shot } from '../support/browser';
import { RunningWorker, Stack, startApi, startWorker } from '../support/harness';

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

type Person = { fullName: string; nationalId: string; mobile: string; degree: string; fieldOfStudy: string; experienceYears: number };
const DEGREES: Record<string, string> = { diploma: 'Diploma', associate: 'Associate', bachelor: 'Bachelor', master: 'Master', doctorate: 'Doctorate' };

const form = () => page.getByTestId('start-form');
/** A form-js field by its id; inside the dynamic list, by its id and row index (form-js appends `_<row>`). */
const field = (id: string, row?: number) => form().locator(`[id$="-${id}${row === undefined ? '' : `_${row}`}"]`);
const rows = () => form().locator('.fjs-repeat-row-container');

async function choose(id: string, row: number, label: string): Promise<void> {
  await form().locator(`[id$="-${id}_${row}-display"]`).click();
  await form().locator('.fjs-dropdownlist-item', { hasText: label }).click();
}

async function fillPerson(row: number, category: string, person: Person): Promise<void> {
  await choose('Field_category', row, category);
  await field('Field_fullName', row).fill(person.fullName);
  await field('Field_nationalId', row).fill(person.nationalId);
  await field('Field_mobile', row).fill(person.mobile);
  await choose('Field_degree', row, DEGREES[person.degree]);
  await field('Field_fieldOfStudy', row).fill(person.fieldOfStudy);
  await field('Field_experienceYears', row).fill(String(person.experienceYears));
}

describe('a family with lists, checklists and files, applied for in a browser', () => {
  it('takes the AFTA services licence: two categories, rows added and removed, a PDF, and a row\'s error fixed', async () => {
    page = await browser.login(stack.baseUrl, 'applicant');
    await page.goto(`${stack.baseUrl}/apply/afta-services-license`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor();

    // beside the form: the published decision time and what a rejection may cite
    expect(await page.getByTestId('decision-time').textContent()).toContain('۳۰');
    expect(await page.locator('[data-testid="rejection-conditions"] li[data-code="key-personnel-insufficient"]').textContent()).toContain('The key personnel for the activity fall short');

    // two categories in the checklist
    const checklist = form().locator('.fjs-form-field-checklist');
    await checklist.getByLabel('Security testing and evaluation').check();
    await checklist.getByLabel('Security standards compliance audit').check();

    // key personnel: one row to begin with; two added, the third removed again
    expect(await rows().count()).toBe(1);
    await form().locator('.fjs-repeat-render-add').click();
    await form().locator('.fjs-repeat-render-add').click();
    expect(await rows().count()).toBe(3);
    await form().locator('.fjs-repeat-row-remove').nth(2).click();
    expect(await rows().count()).toBe(2);
    await fillPerson(0, 'Security testing and evaluation', PERSONNEL.sara);
    await fillPerson(1, 'Security standards compliance audit', { ...PERSONNEL.maryam, nationalId: '12345' });
    // each row's fields have their own labels
    const secondId = field('Field_nationalId', 1);
    expect(await page.locator(`label[for="${await secondId.getAttribute('id')}"]`).textContent()).toContain('کد ملی');

    // the registration documents: uploaded as chosen, then named by the form
    await form().getByTestId('file-input-companyDocuments').setInputFiles({ name: 'company-registration.pdf', mimeType: 'application/pdf', buffer: samplePdf('Company registration') });
    await form().getByTestId('file-item').filter({ hasText: 'company-registration.pdf' }).waitFor();

    // a language switch draws the page again: nothing typed, chosen or uploaded is lost
    for (const dir of ['ltr', 'rtl']) {
      // the header hides while the page scrolls down a long form; scrolling up shows it again
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('locale-toggle').click();
      await page.waitForFunction((d) => document.documentElement.dir === d, dir);
      await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor();
      expect(await rows().count()).toBe(2);
      expect(await field('Field_fullName', 0).inputValue()).toBe(PERSONNEL.sara.fullName);
      expect(await field('Field_nationalId', 1).inputValue()).toBe('12345');
      expect(await checklist.getByLabel('Security standards compliance audit').isChecked()).toBe(true);
      await form().getByTestId('file-item').filter({ hasText: 'company-registration.pdf' }).waitFor();
    }

    // the malformed national ID: refused on the second row's field, not on the first
    await page.getByTestId('start-form-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(await secondId.getAttribute('aria-invalid')).toBe('true');
    expect(await field('Field_nationalId', 0).getAttribute('aria-invalid')).not.toBe('true');
    await shot(page, 'families-afta-apply-row-error-fa');

    await secondId.fill(PERSONNEL.maryam.nationalId);
    await secondId.blur();
    // form-js takes typed values after a short debounce and then checks them again: the error goes
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-invalid') !== 'true', `[data-testid="start-form"] [id$="-Field_nationalId_1"]`);
    await page.getByTestId('start-form-submit').click();
    // the application's page; should the form be refused, the failure says why
    await page.waitForURL(/\/applications\/AL-\d{8}-[0-9A-Z]{6}\/show$/, { timeout: 30_000 }).catch(async (err: Error) => {
      const refusal = await page.getByTestId('form-error').textContent({ timeout: 1000 }).catch(() => 'no refusal shown');
      const invalid = await form().locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => `${e.id}=${JSON.stringify((e as HTMLInputElement).value)}`));
      throw new Error(`${err.message}\nthe form said: ${refusal}\nfields marked invalid: ${invalid.join(', ') || 'none'}`);
    });
    const shown = page.getByTestId('application-page');
    await shown.waitFor();
    const tracking = (await shown.getAttribute('data-tracking')) ?? '';
    expect(tracking).toMatch(/^AL-\d{8}-[0-9A-Z]{6}$/);

    // when a decision is expected (Jalali, the Gregorian beside it), what was sent, the document
    const expected = page.getByTestId('expected-decision').first();
    await expected.waitFor();
    expect(await expected.textContent()).toMatch(/[۰-۹]{4}.*\d{4}/);
    const submitted = (await page.getByTestId('submitted-data').textContent()) ?? '';
    expect(submitted).toContain(PERSONNEL.sara.fullName);
    expect(submitted).toContain(PERSONNEL.maryam.fullName);
    expect(submitted).toContain('آزمون و ارزیابی امنیتی');
    const documents = page.getByTestId('documents-card').getByTestId('document-item');
    await documents.first().waitFor();
    expect(await documents.count()).toBe(1);
    expect(await documents.textContent()).toContain('company-registration.pdf');
    await shot(page, 'families-afta-application-fa');
  }, 180_000);

  it('raised no script errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
