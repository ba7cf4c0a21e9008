/**
 * Inquiries on the real Temporal server and database: the technical-approval process asks the
 * company registry before the formal check. An unreachable registry holds the application in an
 * incident (never a failed application) until an administrator retries it; a company the registry
 * says is struck off is refused with the named condition, as a business outcome.
 */
import { ApiClient, RunningWorker, Stack, startApi, startWorker, waitFor } from '../support/harness';
import { freePort } from '../support/ports';
import { loadRegistriesConfig } from '../../config/registries';
import { startRegistrySimulator, type RunningRegistrySimulator } from '../../simulators/registries/server';
import { STRUCK_OFF_COMPANY } from '../../simulators/registries/demo-data';
import { DEMO_ORGANISATION } from '../../prisma/seed';
import { apply, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { AFTA_APPLICATION, PERSONNEL } from '../../scripts/lib/walks/demo-data';
import { createCompanyRegistryInquiry } from '../../activities/inquiries/tasks/company-registry';

// this file's worker asks a registry simulator of its own, which the tests stop and start
let registryPort: number;
let registry: RunningRegistrySimulator | undefined;
let stack: Stack;
let worker: RunningWorker;
let admin: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;
/** The struck-off company's applicant, made by the second test. */
let struckOff: ApiClient | undefined;

beforeAll(async () => {
  registryPort = await freePort();
  stack = await startApi();
  const registries = loadRegistriesConfig({ REGISTRIES_URL: `http://127.0.0.1:${registryPort}`, REGISTRY_RETRIES: '1', REGISTRY_TIMEOUT_MS: '2000' });
  worker = await startWorker(stack.db, stack.pki, undefined, registries);
  [admin, applicant, reviewer1] = await Promise.all(['admin', 'applicant', 'reviewer1'].map((u) => new ApiClient(stack.baseUrl).login(u)));
});

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
  await registry?.stop();
});

it('holds the application in an incident while the company registry is unreachable, and goes on with its answer after an administrator retries', async () => {
  // the registry is down: nothing listens on its port
  const trackingNumber = await apply(applicant);
  const stuck = await waitFor('the inquiry incident', async () => {
    const res = await admin.get(`/api/applications/${trackingNumber}`);
    return res.body.status === 'incident' && res.body.state?.incidents.length === 1 && res.body;
  });
  expect(stuck.state.incidents[0]).toMatchObject({ elementId: 'inquire-company-registry', incidentId: 'inquire-company-registry/1' });
  expect(stuck.state.incidents[0].message).toContain('company-registry is unreachable');
  expect(stuck.outcome).toBeNull();
  expect((await reviewer1.get(`/api/applications/${trackingNumber}/inquiries`)).body).toEqual([]);

  // the registry is back; the administrator retries the inquiry
  registry = await startRegistrySimulator({ port: registryPort });
  const retry = `/api/applications/${trackingNumber}/incidents/${encodeURIComponent('inquire-company-registry/1')}/retry`;
  expect((await applicant.post(retry)).status).toBe(403);
  expect((await admin.post(retry)).status).toBe(200);

  // the application goes on to the formal check, with the answer stored and shown to reviewers
  await waitForTask(reviewer1, trackingNumber, 'formal-check');
  const answers = await reviewer1.get(`/api/applications/${trackingNumber}/inquiries`);
  expect(answers.status).toBe(200);
  expect(answers.body).toHaveLength(1);
  expect(answers.body[0]).toMatchObject({ registry: 'company-registry', elementId: 'inquire-company-registry', outcome: 'positive', request: { nationalId: DEMO_ORGANISATION.nationalId } });
  expect(answers.body[0].summaryFa).toContain(DEMO_ORGANISATION.nameFa);
  expect(answers.body[0].response).toMatchObject({ found: true, status: 'active' });

  const view = await admin.get(`/api/applications/${trackingNumber}`);
  expect(view.body.status).toBe('running');
  expect(view.body.history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['application.incident', 'inquiry.answered']));

  // staff only; an unknown application is a 404
  expect((await applicant.get(`/api/applications/${trackingNumber}/inquiries`)).status).toBe(403);
  expect((await admin.get('/api/applications/TA-14050101-ZZZZZZ/inquiries')).status).toBe(404);
});

it('refuses the application of a company the registry says is struck off, with the named condition', async () => {
  registry ??= await startRegistrySimulator({ port: registryPort });
  const username = `struck-${Date.now().toString(36)}`;
  const created = await admin.post('/api/users', {
    username, displayName: 'متقاضی شرکت حذف‌شده', password: 'struck-off-pass', role: 'applicant',
    organisation: { nationalId: STRUCK_OFF_COMPANY.nationalId, nameFa: STRUCK_OFF_COMPANY.name },
  });
  expect([201, 409]).toContain(created.status);
  const company = await new ApiClient(stack.baseUrl).login(username, 'struck-off-pass');
  struckOff = company;
  const trackingNumber = await apply(company);

  const done = await waitForCompletion(company, trackingNumber);
  expect(done.outcome).toBe('rejected');
  const answers = (await reviewer1.get(`/api/applications/${trackingNumber}/inquiries`)).body;
  expect(answers).toHaveLength(1);
  expect(answers[0]).toMatchObject({ registry: 'company-registry', outcome: 'negative', response: { status: 'struck-off' } });

  const inbox = (await company.get('/api/notifications')).body as { template: string; bodyFa: string; bodyEn: string }[];
  const refusal = inbox.find((n) => n.template === 'rejected');
  expect(refusal?.bodyEn).toContain('not active in the company registry');
  expect(refusal?.bodyEn).toContain('struck-off');
});

it('sends key personnel whose degree is not on record back to the applicant before the formal check (AFTA licence)', async () => {
  registry ??= await startRegistrySimulator({ port: registryPort });
  // Ali's degree on record is a diploma; he is put forward as holding a master's
  const claims = { ...AFTA_APPLICATION, keyPersonnel: [...AFTA_APPLICATION.keyPersonnel, { category: 'compliance-audit', ...PERSONNEL.ali, degree: 'master' }] };
  const trackingNumber = await apply(applicant, claims, 'afta-services-license');
  const fix = await waitForTask(applicant, trackingNumber, 'applicant-fix');
  expect(fix.prefill!.formalComment).toBe(`${PERSONNEL.ali.fullName} (${PERSONNEL.ali.nationalId}): مدرک «master» در سامانه استعلام مدارک ثبت نشده است / the master degree is not on record`);

  const answers = (await reviewer1.get(`/api/applications/${trackingNumber}/inquiries`)).body;
  expect(answers).toHaveLength(3);
  expect(answers[0]).toMatchObject({ registry: 'company-registry', elementId: 'inquire-company-registry', outcome: 'positive' });
  expect(answers[1]).toMatchObject({ registry: 'national-identity', elementId: 'verify-identities', outcome: 'positive' });
  expect(answers[2]).toMatchObject({ registry: 'degree-verification', elementId: 'verify-degrees', outcome: 'negative' });
  // Sara is listed under two categories and asked about once
  expect(answers[2].request.map((r: { nationalId: string }) => r.nationalId)).toEqual([PERSONNEL.sara.nationalId, PERSONNEL.reza.nationalId, PERSONNEL.maryam.nationalId, PERSONNEL.ali.nationalId]);
});

it('sends key personnel whose mobile line is not in their own name back to the applicant (AFTA licence)', async () => {
  registry ??= await startRegistrySimulator({ port: registryPort });
  const [sara, reza, ...others] = AFTA_APPLICATION.keyPersonnel;
  const claims = { ...AFTA_APPLICATION, keyPersonnel: [sara, { ...reza, mobile: PERSONNEL.maryam.mobile }, ...others] };
  const trackingNumber = await apply(applicant, claims, 'afta-services-license');
  const fix = await waitForTask(applicant, trackingNumber, 'applicant-fix');
  expect(fix.prefill!.formalComment).toBe(`${PERSONNEL.reza.fullName} (${PERSONNEL.reza.nationalId}): شماره همراه به نام این شخص نیست / the mobile number is not registered to this person`);
  const answers = (await reviewer1.get(`/api/applications/${trackingNumber}/inquiries`)).body as { registry: string; outcome: string }[];
  expect(answers.map((a) => [a.registry, a.outcome])).toEqual([['company-registry', 'positive'], ['national-identity', 'negative'], ['degree-verification', 'positive']]);
});

it('asks a registry once per task activation: a retried attempt goes on with the stored answer', async () => {
  let asked = 0;
  const connector = { registry: 'company-registry' as const, ask: async ({ nationalId }: { nationalId: string }) => { asked += 1; return { found: false as const, nationalId }; } };
  const handler = createCompanyRegistryInquiry(stack.db, connector);
  const run = `IDEM-${Date.now().toString(36)}`;
  const input = { trackingNumber: run, applicationId: run, elementId: 'inquire', activation: 1, taskType: 'inquiry.company-registry', headers: { nationalIdVariable: 'companyId' }, variables: { companyId: '10100000009' } };
  const first = await handler(input);
  const again = await handler(input);
  expect(asked).toBe(1);
  expect(again).toEqual(first);
  expect(first.variables.companyRegistry).toMatchObject({ found: false, active: false, nationalId: '10100000009' });
  // a new activation (the process came back to the task) asks again
  await handler({ ...input, activation: 2 });
  expect(asked).toBe(2);
  expect(await stack.db.inquiryResult.count({ where: { trackingNumber: run } })).toBe(2);
});

it('refuses a struck-off company\'s AFTA licence application the same way, before anyone reviews it', async () => {
  if (!struckOff) throw new Error('an earlier test failed: no struck-off company applicant');
  const trackingNumber = await apply(struckOff, AFTA_APPLICATION, 'afta-services-license');
  const done = await waitForCompletion(struckOff, trackingNumber);
  expect(done.outcome).toBe('rejected');
  const answers = (await reviewer1.get(`/api/applications/${trackingNumber}/inquiries`)).body as { registry: string; outcome: string }[];
  expect(answers.map((a) => [a.registry, a.outcome])).toEqual([['company-registry', 'negative']]);
  const view = (await admin.get(`/api/applications/${trackingNumber}`)).body as { tasks: unknown[] };
  expect(view.tasks).toEqual([]);
});
