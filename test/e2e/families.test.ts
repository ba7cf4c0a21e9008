/**
 * The portal with the new processes' forms, in a real browser (chromium via playwright-core) on the
 * real stack. The applicant applies for the AFTA security-services licence: two activity categories
 * in a checklist, key personnel as rows of a dynamic list (one added, one added and removed), a PDF
 * uploaded into a file field; a malformed national ID in a row is refused by the server and shown
 * next to that row's field; once fixed, the application goes through and its page shows the
 * expected decision date and the document. An AFTA reviewer opens the category review: the
 * read-only personnel summary, the applicant's data and documents beside the form. The demo lab,
 * an outside organisation (group org:<national id>), works on its lab evaluation of an AFTA product
 * application created through the API, and uploads its report in the task form.
 */
import { Locator, Page } from 'playwright-core';
import { BrowserSession, shot } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';
import { apply, samplePdf } from '../../scripts/lib/walk-steps';
import { walkContext, walkQualification, type WalkContext } from '../../scripts/lib/walks';
import { PERSONNEL, PRODUCT_APPLICATION } from '../../scripts/lib/walks/demo-data';
import { LAB_ID, ensureQualified, formalCheckPasses } from '../../scripts/lib/walks/steps';

/** The workflow is asynchronous: lists refresh themselves, so waiting on a locator is enough. */
const WORKFLOW_WAIT = 60_000;

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let ctx: WalkContext;

let aftaTracking = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  ctx = walkContext(stack.baseUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

function needs(value: string, what: string): void {
  if (!value) throw new Error(`an earlier step failed: no ${what}`);
}

type Person = { fullName: string; nationalId: string; degree: string; fieldOfStudy: string; experienceYears: number };

async function fillPerson(row: Locator, category: string, person: Person): Promise<void> {
  await row.getByTestId('field-category').selectOption(category);
  await row.getByTestId('field-fullName').fill(person.fullName);
  await row.getByTestId('field-nationalId').fill(person.nationalId);
  await row.getByTestId('field-degree').selectOption(person.degree);
  await row.getByTestId('field-fieldOfStudy').fill(person.fieldOfStudy);
  await row.getByTestId('field-experienceYears').fill(String(person.experienceYears));
}

/** Where the keyboard focus is: the element's test id and the index of the row it is in, if any. */
function focused(page: Page): Promise<{ testid: string | null; row: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const row = el?.closest('[data-testid="row"]') as HTMLElement | null;
    return { testid: el?.getAttribute('data-testid') ?? null, row: row?.dataset.index ?? null };
  });
}

/** The row of one open task, waited for while the task list refreshes itself. */
async function taskRow(page: Page, trackingNumber: string, elementId: string): Promise<Locator> {
  await page.getByTestId('nav-tasks').click();
  const row = page.locator(`[data-testid="task-row"][data-tracking="${trackingNumber}"][data-element="${elementId}"]`);
  await row.waitFor({ timeout: WORKFLOW_WAIT });
  return row;
}

describe('portal: forms of the new processes', () => {
  it('lets the applicant apply for the AFTA services licence: checklist, rows, a PDF, and a row error fixed', async () => {
    const page = await login('applicant');
    await page.getByTestId('nav-new').click();
    await page.getByTestId('process-select').selectOption('afta-services-license');
    const form = page.getByTestId('start-form');
    await form.waitFor();

    // before the form: the published decision time, and (folded) what a rejection may cite
    const decisionTime = await page.getByTestId('decision-time').textContent();
    expect(decisionTime).toContain('۳۰ روز کاری');
    expect(decisionTime).toContain('30 working days');
    const conditions = page.getByTestId('rejection-conditions');
    expect(await conditions.locator('li').first().isVisible()).toBe(false);
    await conditions.locator('summary').click();
    expect(await conditions.locator('li[data-code="key-personnel-insufficient"]').textContent()).toContain('The key personnel for the activity fall short');

    // two categories in the checklist
    const categories = form.getByTestId('field-activityCategories');
    expect(await page.locator('#apply-activityCategories-label').textContent()).toContain('حوزه‌های فعالیت');
    await categories.getByLabel('آزمون و ارزیابی امنیتی').check();
    await categories.getByLabel('ممیزی انطباق با استانداردهای امنیت').check();

    // key personnel: one row to begin with; a second added, a third added and removed again
    const rows = form.getByTestId('rows-keyPersonnel');
    const row = (i: number) => rows.getByTestId('row').nth(i);
    expect(await rows.getByTestId('row').count()).toBe(1);
    await form.getByTestId('add-row-keyPersonnel').click();
    await form.getByTestId('add-row-keyPersonnel').click();
    expect(await rows.getByTestId('row').count()).toBe(3);
    expect((await focused(page)).row).toBe('2');
    await row(2).getByTestId('remove-row').click();
    expect(await rows.getByTestId('row').count()).toBe(2);
    await fillPerson(row(0), 'security-testing', PERSONNEL.sara);
    await fillPerson(row(1), 'compliance-audit', { ...PERSONNEL.maryam, nationalId: '12345' });
    // each row's fields have their own labels
    const idInput = row(1).getByTestId('field-nationalId');
    expect(await page.locator(`label[for="${await idInput.getAttribute('id')}"]`).textContent()).toContain('کد ملی');

    // the registration documents: uploaded first, then named by the form
    await form.getByTestId('field-companyDocuments').setInputFiles({ name: 'company-registration.pdf', mimeType: 'application/pdf', buffer: samplePdf('Company registration') });
    const file = form.getByTestId('files-companyDocuments').getByTestId('file-item');
    await file.waitFor();
    expect(await file.textContent()).toContain('company-registration.pdf');

    // the malformed national ID: refused by the server, shown next to that row's field, focused
    await page.getByTestId('submit-application').click();
    const idError = row(1).getByTestId('error-nationalId');
    await idError.waitFor();
    expect(await idError.textContent()).toContain('قالب مقدار');
    expect(await idInput.getAttribute('aria-invalid')).toBe('true');
    expect(await row(0).getByTestId('error-nationalId').isVisible()).toBe(false);
    expect(await focused(page)).toEqual({ testid: 'field-nationalId', row: '1' });
    expect(await page.getByTestId('apply-error').textContent()).toContain('فرم دارای خطاست');
    await shot(page, '30-afta-apply-row-error');

    await idInput.fill(PERSONNEL.maryam.nationalId);
    await idError.waitFor({ state: 'hidden' });
    await page.getByTestId('submit-application').click();
    const tracking = page.getByTestId('tracking-number');
    await tracking.waitFor();
    aftaTracking = (await tracking.textContent())!.trim();
    expect(aftaTracking).toMatch(/^AL-\d{8}-[0-9A-Z]{6}$/);

    // the application: when a decision is expected (Jalali, Gregorian beside it), what was sent
    await page.getByTestId('view-application').click();
    const expected = page.getByTestId('expected-decision');
    await expected.waitFor();
    expect(await expected.getAttribute('data-overdue')).toBe('false');
    const expectedText = (await expected.textContent()) ?? '';
    expect(expectedText).toMatch(/[۰-۹]{4}/);
    expect(expectedText).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(expectedText).toContain('30 working days');
    const documents = page.getByTestId('documents-card').getByTestId('document-item');
    expect(await documents.count()).toBe(1);
    expect(await documents.textContent()).toContain('company-registration.pdf');
    expect(await documents.getAttribute('data-kind')).toBe('companyDocuments');
    const submitted = (await page.getByTestId('submitted-data').textContent()) ?? '';
    expect(submitted).toContain(PERSONNEL.sara.fullName);
    expect(submitted).toContain('آزمون و ارزیابی امنیتی');
    await shot(page, '31-afta-application');
  }, 120_000);

  it('shows the AFTA reviewer the personnel summary, the applicant\'s data and documents beside the category review', async () => {
    needs(aftaTracking, 'tracking number');
    await formalCheckPasses(ctx, aftaTracking);
    const page = await login('afta1');
    const row = await taskRow(page, aftaTracking, 'category-review');
    // due date on the list (the task's working-day SLA)
    expect(await row.getByTestId('task-due').textContent()).toMatch(/[۰-۹]{4}/);
    await row.getByTestId('open-task').click();
    const form = page.getByTestId('task-form');
    await form.waitFor();

    // the computed summary: shown, not editable
    const summary = form.getByTestId('field-personnelSummary');
    expect(await summary.getAttribute('aria-readonly')).toBe('true');
    expect(await summary.evaluate((el) => el.tagName)).toBe('DIV');
    expect(await summary.textContent()).toContain('qualified of at least');

    // beside the form: what was applied for, and the documents
    const submitted = (await page.getByTestId('submitted-data').textContent()) ?? '';
    expect(submitted).toContain(PERSONNEL.sara.fullName);
    expect(submitted).toContain(PERSONNEL.maryam.fullName);
    const docs = page.getByTestId('task-documents');
    expect(await docs.getByTestId('document-item').textContent()).toContain('company-registration.pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), docs.getByTestId('download-document').click()]);
    expect(download.suggestedFilename()).toBe('company-registration.pdf');
    await docs.getByTestId('document-link').waitFor();

    // refusing needs a named condition (options filled in from the family's list); granting hides it
    await form.getByTestId('field-categoryDecision').selectOption('refuse');
    const condition = form.getByTestId('field-categoryRefusalCondition');
    await condition.waitFor();
    expect((await condition.locator('option').allTextContents()).join('\n')).toContain('نیروی انسانی کلیدی حوزه فعالیت');
    await page.getByTestId('submit-task').click();
    await form.getByTestId('error-categoryRefusalCondition').waitFor();
    expect(await form.getByTestId('error-categoryRefusalReason').textContent()).toContain('الزامی');
    await form.getByTestId('field-categoryDecision').selectOption('grant');
    await condition.waitFor({ state: 'hidden' });
    await form.getByTestId('field-categoryNote').fill('دو نفر واجد شرایط معرفی شده‌اند. Two qualified people.');
    await shot(page, '32-afta1-category-review');
    await page.getByTestId('submit-task').click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain(aftaTracking);
  }, 120_000);

  it('lets the lab, an outside organisation, work on its evaluation task and upload its report', async () => {
    await ensureQualified(ctx, 'lab', walkQualification);
    const trackingNumber = await apply(await ctx.as('applicant'), { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
    await formalCheckPasses(ctx, trackingNumber);

    const page = await login('lab');
    const row = await taskRow(page, trackingNumber, 'lab-evaluation');
    // offered to the lab's organisation group, named as such rather than by its id
    expect(await row.textContent()).toContain('سازمان شما');
    await row.getByTestId('open-task').click();
    const form = page.getByTestId('task-form');
    await form.getByTestId('field-labVerdict').waitFor();

    // the lab cannot open the application itself, but the task shows what was applied for
    expect(await page.getByTestId('submitted-data').textContent()).toContain(PRODUCT_APPLICATION.productName);
    expect(await page.getByTestId('task-documents').getByTestId('document-item').textContent()).toContain('securityTarget.pdf');

    await form.getByTestId('field-assuranceLevel').fill('4');
    await form.getByTestId('field-labVerdict').selectOption('pass');
    await form.getByTestId('field-labFindings').fill('الزامات EAL4 برآورده شد. EAL4 requirements met.');
    // one file only: a second pick replaces the first
    await form.getByTestId('field-evaluationReport').setInputFiles({ name: 'draft.pdf', mimeType: 'application/pdf', buffer: samplePdf('Draft') });
    await form.getByTestId('files-evaluationReport').getByTestId('file-item').filter({ hasText: 'draft.pdf' }).waitFor();
    await form.getByTestId('field-evaluationReport').setInputFiles({ name: 'evaluation-report.pdf', mimeType: 'application/pdf', buffer: samplePdf('Evaluation report') });
    await form.getByTestId('files-evaluationReport').getByTestId('file-item').filter({ hasText: 'evaluation-report.pdf' }).waitFor();
    expect(await form.getByTestId('files-evaluationReport').getByTestId('file-item').count()).toBe(1);
    await shot(page, '33-lab-evaluation');
    await page.getByTestId('submit-task').click();
    await page.getByTestId('flash').waitFor();

    // the report is kept with the application, by the field it was given in
    const admin: ApiClient = await ctx.as('admin');
    const docs = await admin.get(`/api/applications/${trackingNumber}/documents`);
    expect(docs.status).toBe(200);
    const report = (docs.body as { kind: string; filename: string }[]).filter((d) => d.kind === 'evaluationReport');
    expect(report.map((d) => d.filename)).toEqual(['evaluation-report.pdf']);
  }, 240_000);

  it('raised no script errors on any page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
