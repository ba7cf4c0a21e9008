/**
 * The legal basis of a family, on test families (test/fixtures/definitions: their service files,
 * test/fixtures/*.bpmn: their models) through the API and worker on the real Temporal and database,
 * both reading the service files from that folder (definitionsDir) instead of definitions/:
 * - approval-based (تأییدمحور), a legal time of ONE working day on the test calendar `every-day`:
 *   the deadline genuinely passes after a day of the instance's engine clock, the sweep rules on
 *   it: deemed approval (the open review withdrawn, the fee asked for, the certificate issued and
 *   marked on the public record with the reviewing unit, the audit entry, the applicant's notice),
 *   or escalation to the unit head for an escalating family;
 * - registration-based (ثبت‌محور): no start without the undertaking accepted (400 naming
 *   `undertaking`); the undertaking recorded; the certificate issued right after the automatic
 *   checks (registry inquiry, fee) with no approval before it, marked "issued on registration with
 *   an undertaking" on the public record; the sweep never rules on it; the post-issue check that
 *   finds the undertaking broken revokes it with the finding as the reason, and the holder is told;
 * - the deploy refuses a registration-based process whose start form lacks the undertaking field;
 * - the catalogue shows each family's basis in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apply, completeTask, payFee, waitForFee, waitForTask } from '../../scripts/lib/walk-steps';
import { ApiClient, readFixture, useRunningProduct, waitFor } from '../support/harness';
import { ISSUED_ON_REGISTRATION, serviceData } from '../../activities/definition-data';

const FIXTURE_DEFINITIONS = path.join(__dirname, '..', 'fixtures', 'definitions');
const product = useRunningProduct({ definitionsDir: FIXTURE_DEFINITIONS });

const DEADLINE_FAMILY = 'legal-short-deadline';
const ESCALATING_FAMILY = 'legal-short-escalation';
const REGISTRATION_FAMILY = 'registration-undertaking';
const FEE = serviceData(DEADLINE_FAMILY, FIXTURE_DEFINITIONS)!.fee.amount;
const UNDERTAKING = serviceData(REGISTRATION_FAMILY, FIXTURE_DEFINITIONS)!.legal.undertaking!;

const PRODUCT = {
  productName: 'سامانه آزمون مهلت قانونی',
  productVersion: '1.0.0',
  platform: 'web',
  description: 'محصولی برای آزمون مبنای قانونی صدور. A product to test the legal basis of issue.',
};

let applicant: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;
let head: ApiClient;
let admin: ApiClient;

interface AppView {
  id: string;
  trackingNumber: string;
  status: string;
  outcome: string | null;
  certificates: { number: string; status: string; issuedAt: string }[];
  history: { action: string; actor: string; details: Record<string, unknown> }[];
  tasks: { elementId: string; status: string; createdAt: string; completedAt: string | null }[];
  decisionTime: { within: string; calendar: string; expectedAt: string; overdue: boolean; basis: string | null; onDeadline: string | null } | null;
}

const read = async (user: ApiClient, tracking: string) => (await user.get<AppView>(`/api/applications/${tracking}`)).body;
const sweep = (trackingNumbers: string[]) => admin.post<{ checked: number; ruled: { trackingNumber: string; ruling: string }[] }>('/api/legal-deadlines/sweep', { trackingNumbers });
const moveClock = async (tracking: string, days: number) => expect((await admin.post(`/api/applications/${tracking}/clock`, { days })).status).toBe(200);
const publicRecord = async (number: string) => (await product.anonymous.get(`/api/public/certificates/${encodeURIComponent(number)}`)).body;
const registerRow = async (number: string) => {
  const res = await product.anonymous.get<{ items: Record<string, unknown>[] }>(`/api/public/certificates?q=${encodeURIComponent(number)}`);
  expect(res.status).toBe(200);
  return res.body.items.find((i) => i.number === number);
};
const noticesOf = (applicationIds: string[], template: string) =>
  product.stack.db.notification.findMany({ where: { applicationId: { in: applicationIds }, template } });

async function deploy(xml: string) {
  const res = await admin.post('/api/definitions', { xml });
  if (res.status !== 201 && res.status !== 200) throw new Error(`deploying failed: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  [applicant, reviewer1, reviewer2, head, admin] = await product.login('applicant', 'reviewer1', 'reviewer2', 'head', 'admin');
  // the test calendar: every day a working day, so one working day is one day
  const calendar = fs.readFileSync(path.join(FIXTURE_DEFINITIONS, 'calendars', 'every-day.json'), 'utf8');
  await product.stack.db.workingCalendar.upsert({ where: { id: 'every-day' }, create: { id: 'every-day', data: calendar }, update: { data: calendar } });
  const deadline = readFixture(`${DEADLINE_FAMILY}.bpmn`);
  await deploy(deadline);
  await deploy(deadline.replaceAll(DEADLINE_FAMILY, ESCALATING_FAMILY));
  await deploy(readFixture(`${REGISTRATION_FAMILY}.bpmn`));
});

describe('an approval-based family with a one-day legal time', () => {
  it('is deemed approved once the day has passed: review withdrawn, fee, certificate marked with the reviewing unit, audit, notice', async () => {
    const tracking = await apply(applicant, PRODUCT, DEADLINE_FAMILY);
    await waitForTask(reviewer1, tracking, 'review');
    const before = await read(applicant, tracking);
    expect(before.decisionTime).toMatchObject({ within: 'P1D', calendar: 'every-day', basis: 'approval', onDeadline: 'deemed-approval', overdue: false });
    expect(new Date(before.decisionTime!.expectedAt).getTime() - new Date(before.tasks[0].createdAt).getTime()).toBeLessThan(86_400_000 + 60_000);
    expect((await sweep([tracking])).body).toEqual({ checked: 1, ruled: [] });

    await moveClock(tracking, 1.1);
    expect((await read(applicant, tracking)).decisionTime?.overdue).toBe(true);
    const swept = await sweep([tracking]);
    expect(swept.body.ruled).toEqual([expect.objectContaining({ trackingNumber: tracking })]);
    const ruling = swept.body.ruled[0].ruling;

    expect(await waitForFee(applicant, tracking)).toMatchObject({ amount: FEE, state: 'requested', trackingNumber: ruling });
    expect((await read(applicant, tracking)).certificates).toEqual([]);
    await payFee(applicant, tracking);
    const done = await waitFor('the deemed approval', async () => {
      const app = await read(applicant, tracking);
      return app.status === 'completed' && app.certificates.some((c) => c.status === 'valid') && app;
    });
    expect(done.outcome).toBe('approved');
    expect(done.tasks.find((t) => t.elementId === 'review')?.status).toBe('cancelled');
    expect(done.history.filter((h) => h.action === 'application.deemed-approved')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ reviewingUnit: 'formal-reviewers', outcome: 'approved' }) }),
    ]);
    expect((await sweep([tracking])).body.ruled).toEqual([]);

    const number = done.certificates[0].number;
    const record = await publicRecord(number);
    expect(record).toMatchObject({ status: 'valid', issuedByDeadline: { reviewingUnit: 'formal-reviewers' }, issuedOnRegistration: null });
    expect(await registerRow(number)).toMatchObject({ issuedByDeadline: { reviewingUnit: 'formal-reviewers' }, issuedOnRegistration: null });

    const rulingApp = await waitFor('the ruling to end', async () => {
      const r = await read(admin, ruling);
      return r.status === 'completed' && r;
    });
    const notices = await waitFor('the deemed-approval notice', async () => {
      const n = await noticesOf([done.id, rulingApp.id], 'deemed-approved');
      return n.length > 0 && n;
    });
    expect(notices).toHaveLength(1);
  });

  it('escalates to the unit head when the family says so; the head approves and the certificate follows the fee', async () => {
    const tracking = await apply(applicant, PRODUCT, ESCALATING_FAMILY);
    await waitForTask(reviewer1, tracking, 'review');
    expect((await read(applicant, tracking)).decisionTime).toMatchObject({ within: 'P1D', basis: 'approval', onDeadline: 'escalate' });
    await moveClock(tracking, 1.1);
    const swept = await sweep([tracking]);
    expect(swept.body.ruled).toEqual([expect.objectContaining({ trackingNumber: tracking })]);
    const task = await waitForTask(head, swept.body.ruled[0].ruling, 'head-decision');
    expect(task.prefill).toMatchObject({ ruledTrackingNumber: tracking, reviewingUnit: 'formal-reviewers' });
    expect((await read(applicant, tracking)).status).toBe('running');
    await completeTask(head, task, { headDecision: 'approve', rulingComment: 'پرونده کامل است. The file is complete.' });
    expect(await waitForFee(applicant, tracking)).toMatchObject({ amount: FEE });
    await payFee(applicant, tracking);
    const done = await waitFor('the escalated approval', async () => {
      const app = await read(applicant, tracking);
      return app.certificates.some((c) => c.status === 'valid') && app;
    });
    expect(done).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(done.history.some((h) => h.action === 'application.escalation-approved')).toBe(true);
    expect(done.history.some((h) => h.action === 'application.deemed-approved')).toBe(false);
    expect(await publicRecord(done.certificates[0].number)).toMatchObject({ issuedByDeadline: null, issuedOnRegistration: null });
  });
});

describe('a registration-based family', () => {
  it('refuses a start without the undertaking accepted, naming the field, and records nothing', async () => {
    const before = await product.stack.db.application.count({ where: { processKey: REGISTRATION_FAMILY } });
    const missing = await applicant.post('/api/applications', { processKey: REGISTRATION_FAMILY, data: PRODUCT });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.errors)).toEqual(['undertaking']);
    const declined = await applicant.post('/api/applications', { processKey: REGISTRATION_FAMILY, data: { ...PRODUCT, undertaking: false } });
    expect(declined.status).toBe(400);
    expect(declined.body.errors).toEqual({ undertaking: expect.stringContaining('must be accepted') });
    expect(await product.stack.db.application.count({ where: { processKey: REGISTRATION_FAMILY } })).toBe(before);
  });

  let tracking = '';
  let number = '';

  it('issues on registration (after the registry inquiry and the fee, no approval before it) and marks the record', async () => {
    tracking = await apply(applicant, { ...PRODUCT, undertaking: true }, REGISTRATION_FAMILY);
    const registered = await read(applicant, tracking);
    expect(registered.decisionTime).toMatchObject({ basis: 'registration' });
    expect(registered.history.filter((h) => h.action === 'application.undertaking-given')).toEqual([
      expect.objectContaining({ actor: 'applicant', details: expect.objectContaining({ undertaking: UNDERTAKING, acceptedBy: 'applicant', acceptedAt: expect.any(String) }) }),
    ]);
    expect(await waitForFee(applicant, tracking)).toMatchObject({ amount: serviceData(REGISTRATION_FAMILY, FIXTURE_DEFINITIONS)!.fee.amount, trackingNumber: tracking });
    await payFee(applicant, tracking);
    const issued = await waitFor('the certificate on registration', async () => {
      const app = await read(applicant, tracking);
      return app.certificates.some((c) => c.status === 'valid') && app;
    });
    number = issued.certificates[0].number;
    // the company registry was asked, and no task came before the certificate: only the post-issue check after it
    expect(issued.history.some((h) => h.action.startsWith('inquiry.'))).toBe(true);
    await waitForTask(reviewer2, tracking, 'post-issue-check');
    const checking = await read(applicant, tracking);
    expect(checking.tasks.map((t) => t.elementId)).toEqual(['post-issue-check']);
    expect(new Date(checking.tasks[0].createdAt).getTime()).toBeGreaterThanOrEqual(new Date(issued.certificates[0].issuedAt).getTime());
    expect(checking.status).toBe('running');

    const record = await publicRecord(number);
    expect(record).toMatchObject({ status: 'valid', issuedByDeadline: null, issuedOnRegistration: { undertaking: UNDERTAKING, label: ISSUED_ON_REGISTRATION } });
    expect(record.issuedOnRegistration.label.fa).toBe('صادرشده بر پایه ثبت و تعهدنامه');
    expect(await registerRow(number)).toMatchObject({ issuedOnRegistration: { label: ISSUED_ON_REGISTRATION } });
  });

  it('is never ruled on by the legal-deadline sweep, even long past its legal time', async () => {
    await moveClock(tracking, 10);
    expect((await sweep([tracking])).body).toEqual({ checked: 0, ruled: [] });
    const rulings = await product.stack.db.auditLog.count({ where: { action: 'application.legal-deadline-started', details: { contains: tracking } } });
    expect(rulings).toBe(0);
    expect((await read(applicant, tracking)).history.some((h) => h.action.startsWith('application.legal-deadline') || h.action.startsWith('application.deemed') || h.action.startsWith('application.escalat'))).toBe(false);
  });

  it('is revoked with the finding as its reason when the post-issue check finds the undertaking broken; the holder is told', async () => {
    const finding = 'محصول رمزنگاری اعلام‌شده را ندارد. The product lacks the declared encryption.';
    await completeTask(reviewer2, await waitForTask(reviewer2, tracking, 'post-issue-check'), { undertakingKept: 'broken', postIssueFinding: finding });
    const done = await waitFor('the revocation', async () => {
      const app = await read(applicant, tracking);
      return app.status === 'completed' && app;
    });
    expect(done.outcome).toBe('revoked');
    expect(done.certificates[0].status).toBe('revoked');
    expect(done.history.filter((h) => h.action === 'certificate.revoked')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ reason: finding, decidedBy: 'technical-reviewers' }) }),
    ]);
    const record = await waitFor('the public record to show the revocation', async () => {
      const r = await publicRecord(number);
      return r.status === 'revoked' && r;
    });
    expect(record.history).toContainEqual(expect.objectContaining({ action: 'revoke', status: 'revoked', reason: finding }));
    expect(record.issuedOnRegistration).toMatchObject({ label: ISSUED_ON_REGISTRATION });
    expect(await noticesOf([done.id], 'certificate-revoked')).toHaveLength(1);
  });

  it('cannot be deployed without the undertaking checkbox on its start form', async () => {
    const xml = readFixture(`${REGISTRATION_FAMILY}.bpmn`);
    const withoutField = xml.replace(/, \{"id": "Field_undertaking"[^}]*\{[^}]*\}\}/, '');
    expect(withoutField).not.toContain('"key": "undertaking"');
    const optional = xml.replace('"type": "checkbox", "validate": {"required": true}', '"type": "checkbox"');
    expect(optional).not.toBe(xml);
    const before = await product.stack.db.processDefinition.count({ where: { key: REGISTRATION_FAMILY } });
    for (const [broken, words] of [[withoutField, 'lacks the undertaking field'], [optional, 'must be a required checkbox']] as const) {
      const res = await admin.post('/api/definitions', { xml: broken });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([expect.objectContaining({ elementId: REGISTRATION_FAMILY, rule: 'registration-undertaking-missing', severity: 'error' })]);
      expect(res.body.problems[0].message).toContain(words);
      expect(res.body.problems[0].message).toContain('undertaking');
      const check = await admin.post('/api/definitions/check', { xml: broken });
      expect(check.body).toMatchObject({ deployable: false });
    }
    expect(await product.stack.db.processDefinition.count({ where: { key: REGISTRATION_FAMILY } })).toBe(before);
    // the approval-based test family needs no undertaking
    expect((await admin.post('/api/definitions/check', { xml: readFixture(`${DEADLINE_FAMILY}.bpmn`) })).body).toMatchObject({ deployable: true });
  });
});

describe('the catalogue', () => {
  it('shows each family\'s basis in words, and the undertaking of a registration-based one', async () => {
    const res = await product.anonymous.get<{ services: { processKey: string; legalTime: Record<string, unknown> }[] }>('/api/public/catalogue');
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.services.map((s) => [s.processKey, s.legalTime]));
    expect(byKey.get(REGISTRATION_FAMILY)).toMatchObject({ basis: 'registration', basisWords: { fa: 'ثبت‌محور', en: 'Registration-based' }, undertaking: UNDERTAKING });
    expect(byKey.get(DEADLINE_FAMILY)).toMatchObject({ basis: 'approval', basisWords: { fa: 'تأییدمحور', en: 'Approval-based' }, undertaking: null, onDeadline: 'deemed-approval' });
  });
});
