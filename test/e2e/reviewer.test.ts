/**
 * The reviewers' pages in a real browser (chromium via playwright-core) against the real stack
 * (HTTP API → Temporal dev server → workflow → activities → signed PDF), through the UI only once
 * the applications exist (they are started through the API as the applicants, with a document).
 *
 * The formal reviewer finds the application in the queue by family, unclaimed and by its tracking
 * number, claims it from the row. With due dates set in the task rows, the queue shows a task under
 * "overdue" (red) and not under "soon", another under "soon"; the server finds them by company
 * (English or Persian name) and orders them by the header clicked (tracking number, company, due
 * date: ASC and DESC swap the two rows); a task claimed and given back from the row is nobody's
 * again; on its page a .txt and a program renamed .pdf are refused in words and not listed, a PDF
 * is listed and downloads byte for byte. The reviewer reads what was applied for and the document beside the form,
 * submits "needs fixes" without saying what and sees the error on the field, comments, and
 * completes the check: back to the queue with the tracking number said. The technical reviewer sees
 * the earlier decision, downloads the applicant's document, learns that a rejection names a
 * condition, and approves; the certificate is issued. Ported from the earlier portal's families
 * test: an AFTA reviewer works on a category review (the computed personnel summary read-only, a
 * refusal needing its condition) and the demo lab, an outside organisation with role applicant,
 * finds its evaluation task under its organisation's group and uploads its report in the form.
 * Queue and task pages are shot in Persian and English and scanned with axe (no serious or critical
 * violation).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { apply, payFee, samplePdf, SAMPLE_APPLICATION, uploadDocument, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { walkContext, walkQualification, type WalkContext } from '../../scripts/lib/walks';
import { AFTA_APPLICATION, PERSONNEL, PRODUCT_APPLICATION } from '../../scripts/lib/walks/demo-data';
import { LAB_ID, ensureQualified, formalCheckPasses } from '../../scripts/lib/walks/steps';
import { BrowserSession, shot, checkBothLanguages, needs } from '../support/browser';
import { ApiClient, RunningWorker, Stack, startApi, startWorker } from '../support/harness';

/** The workflow is asynchronous: the queue refreshes itself, so waiting on a locator is enough. */
const WORKFLOW_WAIT = 60_000;
const PRODUCT = { ...SAMPLE_APPLICATION, productName: 'سامانه یکپارچه مدیریت مکاتبات «نامه‌نگار»', platform: 'web' };
const COMMENT = 'مدارک با فهرست الزامات مقایسه شد. Checked against the list of requirements.';

let stack: Stack;
let worker: RunningWorker;
let browser: BrowserSession;
let ctx: WalkContext;
let applicantApi: ApiClient;
let trackingNumber = '';
/** Another family's application, to be filtered out. */
let otherTracking = '';

beforeAll(async () => {
  stack = await startApi();
  worker = await startWorker(stack.db, stack.pki);
  browser = await BrowserSession.launch();
  ctx = walkContext(stack.baseUrl);
  applicantApi = await ctx.as('applicant');
  const documentId = await uploadDocument(applicantApi, 'technical-documentation.pdf', samplePdf('Technical documentation'));
  trackingNumber = await apply(applicantApi, { ...PRODUCT, productDocuments: [documentId] });
  otherTracking = await apply(await ctx.as('applicant2'), { ...PRODUCT_APPLICATION, productOrigin: 'imported' }, 'afta-product-certificate');
  const reviewer1 = await ctx.as('reviewer1');
  await Promise.all([waitForTask(reviewer1, trackingNumber, 'formal-check'), waitForTask(reviewer1, otherTracking, 'formal-check')]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await stack?.close();
});

const login = (username: string): Promise<Page> => browser.login(stack.baseUrl, username);

const bothLanguages = (page: Page, name: string, ready: () => Promise<unknown>): Promise<void> => checkBothLanguages(page, `reviewer-${name}`, ready);

const row = (page: Page, tracking: string, elementId?: string) =>
  page.locator(`[data-testid="task-row"][data-tracking="${tracking}"]${elementId ? `[data-element="${elementId}"]` : ''}`);

/** A form-js field of the task form by its field id. */
const field = (page: Page, id: string) => page.locator(`[data-testid="task-form"] [id$="-${id}"]`);
const fieldError = (page: Page, id: string) => page.locator(`[data-testid="task-form"] .fjs-form-field:has([id$="-${id}"]) .fjs-form-field-error`);

/** Types into a form-js field and leaves it, so its (debounced) value is taken before anything else. */
async function fill(page: Page, id: string, value: string): Promise<void> {
  const input = field(page, id);
  await input.fill(value);
  await input.blur();
  await page.waitForFunction(([sel, v]) => (document.querySelector(sel) as HTMLInputElement | null)?.value === v, [`[data-testid="task-form"] [id$="-${id}"]`, value] as const);
}

async function chooseOption(page: Page, id: string, label: string): Promise<void> {
  await page.locator(`[data-testid="task-form"] [id$="-${id}-display"]`).click();
  await page.locator('[data-testid="task-form"] .fjs-dropdownlist-item', { hasText: label }).click();
}

/** A react-admin SelectInput filter: open it and pick the option whose words contain `text`. */
async function chooseFilter(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).locator('[role="combobox"]').click();
  await page.getByRole('option').filter({ hasText: text }).click();
}

/** What the tests read of a queue row (GET /api/tasks). */
interface QueueRow {
  id: string;
  elementId: string;
  assignee: string | null;
  candidateGroups: string[];
  application: { trackingNumber: string };
}

/**
 * Waits until the queue shows what a filter asks for: every row's due date in that state, the row of
 * `with` among them and none of `without` (the list is refetched after a filter changes).
 */
async function shownRowsAre(page: Page, expected: { due: string; with: string; without?: string }): Promise<void> {
  await page.waitForFunction(({ due, with: present, without }) => {
    const rows = Array.from(document.querySelectorAll('[data-testid="task-row"]'));
    const trackings = rows.map((r) => r.getAttribute('data-tracking'));
    return rows.length > 0
      && rows.every((r) => r.querySelector('[data-testid="task-due"]')?.getAttribute('data-due') === due)
      && trackings.includes(present)
      && (!without || !trackings.includes(without));
  }, expected);
}

/** Waits until the rows of the given tracking numbers appear in this order (other rows may be between them). */
async function rowsInOrder(page: Page, trackings: string[]): Promise<void> {
  await page.waitForFunction((wanted) => {
    const shown = Array.from(document.querySelectorAll('[data-testid="task-row"]')).map((r) => r.getAttribute('data-tracking')).filter((t): t is string => !!t && wanted.includes(t));
    return shown.join(' ') === wanted.join(' ');
  }, trackings);
}

async function openFromQueue(page: Page, tracking: string, elementId: string): Promise<void> {
  await page.getByTestId('nav-tasks').click();
  // searched for: the queue may hold more than its first page (the tests of a run share the database)
  await page.getByTestId('filter-q').locator('input').fill(tracking.slice(-6).toLowerCase());
  const r = row(page, tracking, elementId);
  await r.waitFor({ timeout: WORKFLOW_WAIT });
  await r.getByTestId('open-task').click();
  await page.locator('[data-testid="task-form"][data-ready="true"]').waitFor();
}

/** Submits the task form and waits for the queue with the success message naming the application. */
async function submitAndBack(page: Page, tracking: string): Promise<void> {
  await page.getByTestId('task-form-submit').click();
  await page.waitForURL(/\/tasks(\?.*)?$/);
  await page.getByText(tracking).first().waitFor();
  await row(page, tracking).first().waitFor({ state: 'detached', timeout: WORKFLOW_WAIT }).catch(() => undefined);
}

describe('reviewers in a browser', () => {
  it('lets the formal reviewer find the task by family, unclaimed and tracking number, and claim it', async () => {
    needs(trackingNumber, 'tracking number');
    // other browser tests of the same run may leave tasks in these queues: the pages must show what the API counts
    const reviewerApi = await ctx.as('reviewer1');
    const open = String(((await reviewerApi.get('/api/tasks')).body as unknown[]).length);
    const formalOpen = (await reviewerApi.get('/api/tasks/queues')).body.find((q: { group: string }) => q.group === 'formal-reviewers')?.open;
    const page = await login('reviewer1');
    // the desk card and the menu count the open tasks of my queues
    const card = page.getByTestId('home-card-reviewer');
    await card.locator(`[data-testid="home-reviewer-open"] [data-count="${open}"]`).waitFor();
    await page.locator(`[data-testid="tasks-badge"][data-count="${open}"]`).waitFor();
    await page.getByTestId('nav-tasks').click();
    // earlier tests of the run may have left many tasks here: the rows are found by the server's search
    const anyRow = page.locator('[data-testid="task-row"]').first();
    await anyRow.waitFor();
    // the queues with their counts, named in the user's language
    const queue = page.locator('[data-testid="queue"][data-group="formal-reviewers"]');
    expect(await queue.getAttribute('data-open')).toBe(String(formalOpen));
    expect(await queue.textContent()).toContain('کارشناسان بررسی مدارک');
    await bothLanguages(page, 'queue', () => anyRow.waitFor());

    // by tracking number (the server searches), then by family: the AFTA product application goes away
    const search = page.getByTestId('filter-q').locator('input');
    await search.fill(otherTracking.slice(-6).toLowerCase());
    await row(page, otherTracking).waitFor();
    await chooseFilter(page, 'filter-process', 'software-technical-approval');
    await row(page, otherTracking).waitFor({ state: 'detached' });
    await search.fill(trackingNumber.slice(-6).toLowerCase());
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="task-row"]').length === 1);
    await row(page, trackingNumber).waitFor();
    // due dates in the Solar Hijri calendar with the Gregorian beside them, coloured by the SLA
    const due = row(page, trackingNumber).getByTestId('task-due');
    expect(await due.getAttribute('data-due')).toMatch(/^(later|soon)$/);
    expect(await due.textContent()).toMatch(/[۰-۹]{4}.*\d{4}/);
    // not claimed by anybody (react-admin writes a chosen filter into the address after half a second)
    await chooseFilter(page, 'filter-assignee', 'برداشته‌نشده');
    await page.waitForURL((url) => url.search.includes(encodeURIComponent('"assignee":"none"')));
    await row(page, trackingNumber).waitFor();
    // one queue chosen in the panel
    await queue.click();
    await row(page, trackingNumber).waitFor();

    // claimed from the row: the filter "not claimed" lets it go; "mine" shows it again
    await row(page, trackingNumber).getByTestId('claim-task').click();
    await row(page, trackingNumber).waitFor({ state: 'detached' });
    await page.getByTestId('tasks-empty').waitFor();
    await chooseFilter(page, 'filter-assignee', 'توسط من');
    await page.locator(`[data-testid="task-row"][data-tracking="${trackingNumber}"][data-assignee="reviewer1"]`).waitFor();
    expect(await row(page, trackingNumber).getByTestId('task-holder').textContent()).toContain('من');

    // an administrators' page opened by its address: said in words, with the way back, not an API error
    await page.goto(`${stack.baseUrl}/reports`);
    await page.getByTestId('not-for-your-role').waitFor();
    expect(await page.getByTestId('not-for-your-role').textContent()).toContain('مدیر سامانه');
  }, 180_000);

  it('gives a task back from the row, finds tasks overdue and due soon, by company, sorted by the column clicked, and takes files on the task', async () => {
    needs(trackingNumber, 'tracking number');
    needs(otherTracking, 'the other application');
    const reviewerApi = await ctx.as('reviewer1');
    const formalCheckOf = async (tracking: string): Promise<QueueRow> => {
      const rows = (await reviewerApi.get(`/api/tasks?q=${tracking}`)).body as QueueRow[];
      const found = rows.find((t) => t.application.trackingNumber === tracking && t.elementId === 'formal-check');
      if (!found) throw new Error(`no open formal check of ${tracking} for reviewer1`);
      return found;
    };
    // this family's task is held by reviewer1 (the first test claimed it), the other one by nobody
    const mine = await formalCheckOf(trackingNumber);
    const other = await formalCheckOf(otherTracking);
    // the queue reads the due date from the task rows: set it there, so "overdue" and "soon" do not wait on a clock
    const setDue = (id: string, hoursFromNow: number) => stack.db.task.update({ where: { id }, data: { dueDate: new Date(Date.now() + hoursFromNow * 3_600_000) } });
    await setDue(other.id, -48);
    await setDue(mine.id, 24);

    const page = await login('reviewer1');
    await page.getByTestId('nav-tasks').click();
    await page.locator('[data-testid="task-row"]').first().waitFor();

    // overdue: the other application, its due date red; not the one due tomorrow
    await chooseFilter(page, 'filter-due', 'گذشته از مهلت');
    await shownRowsAre(page, { due: 'overdue', with: otherTracking, without: trackingNumber });
    expect(await row(page, otherTracking).getByTestId('task-due').getAttribute('data-due')).toBe('overdue');
    // due within two days: the one due tomorrow, amber; not the overdue one
    await chooseFilter(page, 'filter-due', 'مهلت تا دو روز');
    await shownRowsAre(page, { due: 'soon', with: trackingNumber, without: otherTracking });
    expect(await row(page, trackingNumber).getByTestId('task-due').getAttribute('data-due')).toBe('soon');

    // both overdue now, the other one longer: the two rows to search and sort among
    await setDue(mine.id, -24);
    await chooseFilter(page, 'filter-due', 'گذشته از مهلت');
    await shownRowsAre(page, { due: 'overdue', with: otherTracking });
    await row(page, trackingNumber).waitFor();

    // searched by the company's English name, then by part of its Persian name (the server searches)
    const search = page.getByTestId('filter-q').locator('input');
    await search.fill('arya data');
    await shownRowsAre(page, { due: 'overdue', with: otherTracking, without: trackingNumber });
    await search.fill('نمونه پارس');
    await shownRowsAre(page, { due: 'overdue', with: trackingNumber, without: otherTracking });
    await search.fill('');
    await shownRowsAre(page, { due: 'overdue', with: otherTracking });
    await row(page, trackingNumber).waitFor();

    // sorted by the header clicked, as the server orders them: the two rows swap between ASC and DESC
    const serverOrder = async (sort: string, order: string): Promise<string[]> => {
      const answer = (await reviewerApi.get(`/api/tasks?due=overdue&sort=${sort}&order=${order}`)).body as QueueRow[];
      return answer.map((t) => t.application.trackingNumber).filter((t) => t === trackingNumber || t === otherTracking);
    };
    for (const field of ['trackingNumber', 'company', 'dueDate']) {
      const ascending = await serverOrder(field, 'ASC');
      expect([field, await serverOrder(field, 'DESC')]).toEqual([field, [...ascending].reverse()]);
      // a header not sorted by yet sorts ascending; its second click descending
      for (const order of ['ASC', 'DESC']) {
        await page.locator(`th [data-field="${field}"]`).click();
        await page.waitForURL((url) => url.searchParams.get('sort') === field && url.searchParams.get('order') === order);
        await rowsInOrder(page, order === 'ASC' ? ascending : [...ascending].reverse());
      }
    }
    expect(await serverOrder('dueDate', 'ASC')).toEqual([otherTracking, trackingNumber]);

    // claimed from the row, then given back from the row: nobody holds it, and the group may take it again
    const otherRow = row(page, otherTracking);
    await otherRow.getByTestId('claim-task').click();
    await page.locator(`[data-testid="task-row"][data-tracking="${otherTracking}"][data-assignee="reviewer1"]`).waitFor();
    await otherRow.getByTestId('unclaim-task').click();
    await page.locator(`[data-testid="task-row"][data-tracking="${otherTracking}"][data-assignee=""]`).waitFor();
    expect(await otherRow.getByTestId('task-holder').textContent()).toContain('هنوز کسی برنداشته');
    await otherRow.getByTestId('claim-task').waitFor();
    // reviewer1 is the formal reviewers' only member: the API offers the task to the group unclaimed
    const unclaimed = (await reviewerApi.get(`/api/tasks?assignee=none&q=${otherTracking}`)).body as QueueRow[];
    expect(unclaimed.filter((t) => t.id === other.id).map((t) => [t.assignee, t.candidateGroups])).toEqual([[null, ['formal-reviewers']]]);
    expect((await reviewerApi.get(`/api/tasks/${other.id}`)).body.assignee).toBeNull();

    // files on the task: a wrong type is refused in words and not listed; a PDF is listed and comes back byte for byte
    await otherRow.getByTestId('open-task').click();
    await page.locator('[data-testid="task-form"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('task-facts').getByTestId('task-due').getAttribute('data-due')).toBe('overdue');
    const notes = page.getByTestId('task-notes');
    const fileInput = notes.getByTestId('attachment-input');
    await fileInput.setInputFiles({ name: 'site-visit.txt', mimeType: 'text/plain', buffer: Buffer.from('not a document the regulator keeps\n') });
    const refusal = notes.getByTestId('error-notice');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/site-visit\.txt.*فقط PDF، PNG یا JPEG/);
    // a program renamed to .pdf: the type is read from the content
    await fileInput.setInputFiles({ name: 'setup.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]) });
    await refusal.filter({ hasText: 'setup.pdf' }).waitFor();
    await shot(page, 'reviewer-task-attachment-refused-fa');
    expect(await notes.getByTestId('attachment').count()).toBe(0);
    expect((await reviewerApi.get(`/api/tasks/${other.id}/attachments`)).body).toEqual([]);

    const note = samplePdf('Site visit notes');
    await fileInput.setInputFiles({ name: 'site-visit-notes.pdf', mimeType: 'application/pdf', buffer: note });
    const attachment = notes.getByTestId('attachment').filter({ hasText: 'site-visit-notes.pdf' });
    await attachment.waitFor();
    await refusal.waitFor({ state: 'detached' });
    expect(await notes.getByTestId('attachment').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), attachment.getByRole('button').click()]);
    expect(download.suggestedFilename()).toBe('site-visit-notes.pdf');
    expect(fs.readFileSync(await download.path()).equals(note)).toBe(true);

    await page.getByTestId('comment-input').fill(COMMENT);
    await page.getByTestId('comment-submit').click();
    await notes.getByTestId('comment').filter({ hasText: 'Checked against' }).waitFor();
    await bothLanguages(page, 'task-notes', () => attachment.waitFor());
  }, 180_000);

  it('shows the application and its document beside the form, the field error, a comment, and completes the check', async () => {
    needs(trackingNumber, 'tracking number');
    const page = await login('reviewer1');
    await openFromQueue(page, trackingNumber, 'formal-check');
    // held by me: give back is offered, the hint to claim is not
    await page.getByTestId('task-facts').getByTestId('unclaim-task').waitFor();
    expect(await page.getByTestId('claim-hint').count()).toBe(0);
    const submitted = page.getByTestId('submitted-data');
    expect(await submitted.textContent()).toContain(PRODUCT.productName);
    expect(await submitted.textContent()).toContain('وب');
    expect(await page.getByTestId('task-documents').getByTestId('document-item').textContent()).toContain('technical-documentation.pdf');
    expect(await page.getByTestId('task-company').textContent()).toContain('شرکت نرم‌افزاری نمونه پارس');
    await bothLanguages(page, 'task', () => page.locator('[data-testid="task-form"][data-ready="true"]').waitFor());

    // "needs fixes" without saying what: refused, the error on the comment field
    await chooseOption(page, 'Field_formalDecision', 'Needs fixes');
    await field(page, 'Field_formalComment').waitFor();
    await page.getByTestId('task-form-submit').click();
    await page.getByTestId('form-error').waitFor();
    await fieldError(page, 'Field_formalComment').waitFor();
    expect(await fieldError(page, 'Field_formalComment').textContent()).toMatch(/الزامی|لازم|required/i);
    await shot(page, 'reviewer-task-error-fa');

    // a comment on the task, kept and shown
    await page.getByTestId('comment-input').fill(COMMENT);
    await page.getByTestId('comment-submit').click();
    await page.getByTestId('comment').filter({ hasText: 'Checked against' }).waitFor();

    // "complete" hides the comment field and goes through
    await chooseOption(page, 'Field_formalDecision', 'Complete');
    await field(page, 'Field_formalComment').waitFor({ state: 'hidden' });
    await submitAndBack(page, trackingNumber);
  }, 180_000);

  it('lets the technical reviewer see the earlier decision, download the document, learn that a rejection names a condition, and approve', async () => {
    needs(trackingNumber, 'tracking number');
    const page = await login('reviewer2');
    await openFromQueue(page, trackingNumber, 'technical-review');
    // not claimed yet: completing is allowed, but the page says to claim first, and claims
    await page.getByTestId('claim-hint').waitFor();
    await page.getByTestId('claim-hint').getByTestId('claim-task').click();
    await page.getByTestId('claim-hint').waitFor({ state: 'detached' });
    expect(await page.getByTestId('task-holder').getAttribute('data-assignee')).toBe('reviewer2');

    // the formal check before it, with its decision
    const earlier = page.locator('[data-testid="earlier-decision"][data-element="formal-check"]');
    await earlier.waitFor();
    expect(await earlier.textContent()).toContain('reviewer1');

    // the applicant's document, downloaded beside the form
    const documents = page.getByTestId('task-documents');
    const [download] = await Promise.all([page.waitForEvent('download'), documents.getByTestId('download-document').first().click()]);
    expect(download.suggestedFilename()).toBe('technical-documentation.pdf');
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // a rejection without the condition not met is refused on that field
    await chooseOption(page, 'Field_technicalDecision', 'Reject');
    await fill(page, 'Field_rejectionReason', 'مستندات ناقص است. The documentation is incomplete.');
    await page.getByTestId('task-form-submit').click();
    await fieldError(page, 'Field_rejectionCondition').waitFor();
    await shot(page, 'reviewer-task-rejection-refused-fa');

    await chooseOption(page, 'Field_technicalDecision', 'Approve');
    await field(page, 'Field_rejectionCondition').waitFor({ state: 'hidden' });
    await fill(page, 'Field_technicalComment', 'همه معیارهای فنی رعایت شده است. All technical criteria are met.');
    await submitAndBack(page, trackingNumber);

    // the applicant pays the fee and the certificate is issued
    await payFee(applicantApi, trackingNumber);
    const done = await waitForCompletion(applicantApi, trackingNumber, WORKFLOW_WAIT);
    expect(done.outcome).toBe('approved');
    expect(done.certificates.map((c) => c.number)).toEqual([expect.stringMatching(/^TA-\d{4}-\d{6}-[0-9A-Z]$/)]);
  }, 180_000);

  it('shows the AFTA reviewer the personnel summary read-only and the data beside the category review', async () => {
    const applicant = await ctx.as('applicant');
    const aftaTracking = await apply(applicant, AFTA_APPLICATION, 'afta-services-license');
    await formalCheckPasses(ctx, aftaTracking);
    const page = await login('afta1');
    await openFromQueue(page, aftaTracking, 'category-review');

    // the computed summary: shown, not editable
    const summary = field(page, 'Field_personnelSummary');
    expect(await summary.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('submitted-data').textContent()).toContain(PERSONNEL.sara.fullName);
    await page.getByTestId('submitted-data').getByTestId('value-table').waitFor();

    // refusing needs a named condition; granting hides it
    await chooseOption(page, 'Field_categoryDecision', 'Refuse');
    await fill(page, 'Field_categoryRefusalReason', 'نیروی کافی معرفی نشده است. Not enough people.');
    await page.getByTestId('task-form-submit').click();
    await fieldError(page, 'Field_categoryRefusalCondition').waitFor();
    await chooseOption(page, 'Field_categoryDecision', 'Grant');
    await field(page, 'Field_categoryRefusalCondition').waitFor({ state: 'hidden' });
    await fill(page, 'Field_categoryNote', 'یک نفر واجد شرایط معرفی شده است. One qualified person.');
    await shot(page, 'reviewer-afta-category-review-fa');
    await submitAndBack(page, aftaTracking);
  }, 240_000);

  it('lets the lab, an outside organisation, find its evaluation under its organisation and upload its report', async () => {
    await ensureQualified(ctx, 'lab', walkQualification);
    const tracking = await apply(await ctx.as('applicant'), { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
    await formalCheckPasses(ctx, tracking);

    const page = await login('lab');
    // the menu offers the queue to the lab (role applicant) while it has a task
    await page.getByTestId('nav-tasks').waitFor({ timeout: WORKFLOW_WAIT });
    await page.getByTestId('nav-tasks').click();
    const r = row(page, tracking, 'lab-evaluation');
    await r.waitFor({ timeout: WORKFLOW_WAIT });
    // offered to the lab's organisation group, named as such rather than by its id
    expect(await r.getByTestId('task-groups').textContent()).toContain('سازمان شما');
    await r.getByTestId('open-task').click();
    await page.locator('[data-testid="task-form"][data-ready="true"]').waitFor();

    // the lab cannot open the application itself, but the task shows what was applied for
    expect(await page.getByTestId('submitted-data').textContent()).toContain(PRODUCT_APPLICATION.productName);
    expect(await page.getByTestId('task-documents').textContent()).toContain('securityTarget.pdf');
    expect(await page.getByTestId('earlier-decisions').count()).toBe(0);

    await fill(page, 'Field_assuranceLevel', '4');
    await chooseOption(page, 'Field_labVerdict', 'Pass');
    await fill(page, 'Field_labFindings', 'الزامات EAL4 برآورده شد. EAL4 requirements met.');
    const files = page.locator('[data-testid="task-form"] [data-testid="file-input-evaluationReport"]');
    await files.setInputFiles({ name: 'evaluation-report.pdf', mimeType: 'application/pdf', buffer: samplePdf('Evaluation report') });
    await page.locator('[data-testid="task-form"] [data-testid="file-item"]').filter({ hasText: 'evaluation-report.pdf' }).waitFor();
    await shot(page, 'reviewer-lab-evaluation-fa');
    await submitAndBack(page, tracking);

    // the report is kept with the application, by the field it was given in
    const docs = await (await ctx.as('admin')).get(`/api/applications/${tracking}/documents`);
    expect((docs.body as { kind: string; filename: string }[]).filter((d) => d.kind === 'evaluationReport').map((d) => d.filename)).toEqual(['evaluation-report.pdf']);
  }, 300_000);

  it('raised no script errors on any page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
