/**
 * Counter offices (دفاتر پیشخوان) managed by administrators, through the API on the real database
 * (and the real Temporal server for the one application the new agent files):
 * - only administrators list, register, open, deactivate and reactivate offices;
 * - a new office's national ID must carry its check digit and be new, its office code unique; bad
 *   input is a 400 naming the field;
 * - an agent account is made through the users API (role agent, the office's national ID) and only
 *   for a registered counter office;
 * - once a company authorises the new office its agent acts for it; while the office is deactivated
 *   the agent acts for nobody and sees none of the company's applications, and again once reactivated;
 * - administrators list every authorisation (of one office on request) and revoke one, the audit
 *   entry naming the administrator.
 */
import { SAMPLE_APPLICATION, apply, withDocuments } from '../../scripts/lib/walk-steps';
import { DEMO_COUNTER_OFFICE, DEMO_ORGANISATIONS } from '../../prisma/seed';
import { withLegalCheckDigit } from '../../portal/server/services/legal-entity-id';
import { ApiClient, useRunningProduct } from '../support/harness';

const product = useRunningProduct();
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const OFFICE_CODE = `PK-T${run}`.toUpperCase().slice(0, 30);
const OFFICE_ID = withLegalCheckDigit(`1087${String(Date.now()).slice(-6)}`);
const AGENT = `ag${run}`.slice(0, 40);
const COMPANY = DEMO_ORGANISATIONS.applicant2.nationalId;

let admin: ApiClient;
let applicant: ApiClient;
let applicant2: ApiClient;
let reviewer: ApiClient;
let demoAgent: ApiClient;
let newAgent: ApiClient;
let officeId = '';

interface OfficeView { id: string; officeCode: string; nationalId: string; nameFa: string; nameEn: string | null; active: boolean; agentCount: number; authorisationsInForce: number; agents: { username: string }[]; authorisations: AuthorisationView[] }
interface AuthorisationView { id: string; contractNumber: string; revokedAt: string | null; revokedBy: string | null; company: { nationalId: string } | null; office: { nationalId: string } | null; officeActive: boolean; inForce: boolean }

const audits = (action: string, entityId: string) => product.stack.db.auditLog.findMany({ where: { action, entityId } });

beforeAll(async () => {
  [admin, applicant, applicant2, reviewer, demoAgent] = await product.login('admin', 'applicant', 'applicant2', 'reviewer1', 'agent');
});

function needOffice(): string {
  if (!officeId) throw new Error('an earlier test did not register the office');
  return officeId;
}

async function applyAsAgent(agent: ApiClient): Promise<{ status: number; body: { trackingNumber?: string } }> {
  const start = await agent.get('/api/definitions/software-technical-approval/start-form');
  const data = await withDocuments(agent, start.body.form, { ...SAMPLE_APPLICATION, productName: `${SAMPLE_APPLICATION.productName} ${run}` });
  return agent.post('/api/applications', { processKey: 'software-technical-approval', data, onBehalfOf: COMPANY });
}

describe('/api/counter-offices', () => {
  it('is for administrators only', async () => {
    const body = { nationalId: OFFICE_ID, nameFa: 'دفتر آزمون', nameEn: 'Test office', officeCode: OFFICE_CODE };
    expect((await product.anonymous.get('/api/counter-offices')).status).toBe(401);
    for (const client of [applicant2, reviewer, demoAgent]) {
      expect((await client.get('/api/counter-offices')).status).toBe(403);
      expect((await client.post('/api/counter-offices', body)).status).toBe(403);
      expect((await client.put('/api/counter-offices/anything/active', { active: false })).status).toBe(403);
      expect((await client.get('/api/counter-offices/anything')).status).toBe(403);
    }
    expect(await product.stack.db.organisation.findUnique({ where: { nationalId: OFFICE_ID } })).toBeNull();
  });

  it('is described in the OpenAPI document', async () => {
    const paths = Object.keys((await product.anonymous.get('/api/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/counter-offices', '/api/counter-offices/{id}', '/api/counter-offices/{id}/active', '/api/agents/authorisations']));
  });

  it('refuses bad input with a 400 naming the field, a registered national ID or a taken office code with a 409', async () => {
    const base = { nationalId: OFFICE_ID, nameFa: 'دفتر پیشخوان آزمون', nameEn: 'Test Counter Office', officeCode: OFFICE_CODE };
    const wrong = `${OFFICE_ID.slice(0, 10)}${(Number(OFFICE_ID[10]) + 1) % 10}`;
    const badId = await admin.post('/api/counter-offices', { ...base, nationalId: wrong });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toHaveProperty('nationalId');
    const noEnglish = await admin.post('/api/counter-offices', { ...base, nameEn: undefined });
    expect(noEnglish.status).toBe(400);
    expect(noEnglish.body.message).toContain('nameEn');
    const badCode = await admin.post('/api/counter-offices', { ...base, officeCode: 'PK 12/3' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.message).toContain('officeCode');
    const hostile = await admin.post('/api/counter-offices', { ...base, nameFa: 'دفتر\u202Eآزمون' });
    expect(hostile.status).toBe(400);
    expect(hostile.body.errors).toHaveProperty('nameFa');
    expect((await admin.post('/api/counter-offices', { ...base, extra: 1 })).status).toBe(400);
    // a company already registered does not become an office; the demo office's code is taken, in any case
    expect((await admin.post('/api/counter-offices', { ...base, nationalId: COMPANY })).status).toBe(409);
    expect((await admin.post('/api/counter-offices', { ...base, officeCode: DEMO_COUNTER_OFFICE.officeCode.toLowerCase() })).status).toBe(409);
    expect(await product.stack.db.organisation.findUnique({ where: { nationalId: OFFICE_ID } })).toBeNull();
  });

  it('registers an office with its organisation, lists it with its counts, and audits it', async () => {
    const created = await admin.post<OfficeView>('/api/counter-offices', { nationalId: OFFICE_ID, nameFa: ' دفتر پیشخوان آزمون ', nameEn: 'Test Counter Office', officeCode: OFFICE_CODE.toLowerCase() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ officeCode: OFFICE_CODE, nationalId: OFFICE_ID, nameFa: 'دفتر پیشخوان آزمون', nameEn: 'Test Counter Office', active: true, agentCount: 0, authorisationsInForce: 0, agents: [], authorisations: [] });
    officeId = created.body.id;
    expect((await admin.post('/api/counter-offices', { nationalId: withLegalCheckDigit(`1088${String(Date.now()).slice(-6)}`), nameFa: 'دفتر دیگر', nameEn: 'Another office', officeCode: OFFICE_CODE })).status).toBe(409);

    const list = (await admin.get<OfficeView[]>('/api/counter-offices')).body;
    expect(list.find((o) => o.id === officeId)).toMatchObject({ officeCode: OFFICE_CODE, active: true, agentCount: 0, authorisationsInForce: 0 });
    const demo = list.find((o) => o.nationalId === DEMO_ORGANISATIONS.counter.nationalId);
    expect(demo).toMatchObject({ officeCode: DEMO_COUNTER_OFFICE.officeCode, active: true });
    expect(demo!.agentCount).toBeGreaterThanOrEqual(1);
    expect(demo!.authorisationsInForce).toBeGreaterThanOrEqual(1);
    // a company may now authorise it
    expect((await applicant2.get<{ nationalId: string }[]>('/api/agents/offices')).body.map((o) => o.nationalId)).toContain(OFFICE_ID);

    const [entry] = await audits('counter-office.created', OFFICE_ID);
    expect(entry).toMatchObject({ actor: 'admin', actorRole: 'admin', entityType: 'counter-office' });
    expect(JSON.parse(entry.details)).toMatchObject({ officeCode: OFFICE_CODE });
    expect((await admin.get('/api/counter-offices/no-such-office')).status).toBe(404);
  });

  it('makes agent accounts only for a registered counter office, through the users API', async () => {
    needOffice();
    const base = { username: AGENT, displayName: 'کارگزار آزمون / Test agent', password: 'agent-pass-1', role: 'agent' };
    const none = await admin.post('/api/users', base);
    expect(none.status).toBe(400);
    expect(none.body.errors).toHaveProperty('organisation');
    const company = await admin.post('/api/users', { ...base, organisation: { nationalId: COMPANY } });
    expect(company.status).toBe(400);
    expect(company.body.errors).toHaveProperty(['organisation.nationalId']);
    expect((await admin.post('/api/users', { ...base, organisation: { nationalId: OFFICE_ID }, groups: ['formal-reviewers'] })).status).toBe(400);
    expect((await admin.post('/api/users', { ...base, organisation: { nationalId: OFFICE_ID, nameFa: 'نام دیگر' } })).status).toBe(400);
    // an office's account is an agent, not a company account
    const asCompany = await admin.post('/api/users', { ...base, role: 'applicant', organisation: { nationalId: OFFICE_ID } });
    expect(asCompany.status).toBe(400);
    expect(asCompany.body.errors).toHaveProperty(['organisation.nationalId']);
    expect((await reviewer.post('/api/users', { ...base, organisation: { nationalId: OFFICE_ID } })).status).toBe(403);

    const created = await admin.post('/api/users', { ...base, organisation: { nationalId: OFFICE_ID } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: AGENT, roles: ['agent'], groups: [], organisation: { id: officeId, nationalId: OFFICE_ID } });
    expect(await audits('user.created', AGENT)).toHaveLength(1);
    expect((await admin.get('/api/users?role=agent')).body.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['agent', AGENT]));

    // roles: agent only on an office's account, applicant never on one
    expect((await admin.put(`/api/users/${created.body.id}/roles`, { roles: ['applicant'] })).status).toBe(400);
    const reviewerId = (await admin.get('/api/users?q=reviewer1')).body[0].id as string;
    const refused = await admin.put(`/api/users/${reviewerId}/roles`, { roles: ['reviewer', 'agent'] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toHaveProperty('roles');

    const office = (await admin.get<OfficeView>(`/api/counter-offices/${officeId}`)).body;
    expect(office.agentCount).toBe(1);
    expect(office.agents.map((a) => a.username)).toEqual([AGENT]);
    newAgent = await new ApiClient(product.stack.baseUrl).login(AGENT, 'agent-pass-1');
    expect((await newAgent.get('/api/me')).body).toMatchObject({ roles: ['agent'], organisationId: officeId });
  });

  it('lets the new agent act for a company that authorised the office; not while the office is deactivated', async () => {
    needOffice();
    if (!newAgent) throw new Error('an earlier test did not make the agent');
    // before any authorisation: refused
    expect((await applyAsAgent(newAgent)).status).toBe(403);
    const contractNumber = `PK-T-${run}`;
    const granted = await applicant2.post('/api/agents/authorisations', { officeNationalId: OFFICE_ID, contractNumber, validTo: new Date(Date.now() + 90 * 86_400_000).toISOString() });
    expect(granted.status).toBe(201);
    const mine = (await newAgent.get<AuthorisationView[]>('/api/agents/authorisations')).body;
    expect(mine).toEqual([expect.objectContaining({ id: granted.body.id, contractNumber, company: expect.objectContaining({ nationalId: COMPANY }), officeActive: true, inForce: true })]);
    expect((await admin.get<OfficeView>(`/api/counter-offices/${officeId}`)).body.authorisationsInForce).toBe(1);

    const companysOwn = await apply(applicant2);
    const started = await applyAsAgent(newAgent);
    expect(started.status).toBe(201);
    const agentsOwn = started.body.trackingNumber!;
    const seen = (await newAgent.get<{ trackingNumber: string }[]>('/api/applications')).body.map((a) => a.trackingNumber);
    expect(seen).toEqual(expect.arrayContaining([companysOwn, agentsOwn]));

    // deactivated: as if no company had authorised it
    expect((await admin.put('/api/counter-offices/no-such-office/active', { active: false })).status).toBe(404);
    expect((await admin.put(`/api/counter-offices/${officeId}/active`, { active: 'perhaps' })).status).toBe(400);
    expect((await admin.put(`/api/counter-offices/${officeId}/active`, { active: false, reason: 'x' })).status).toBe(400);
    const off = await admin.put<OfficeView>(`/api/counter-offices/${officeId}/active`, { active: false, reason: 'قرارداد شبکه پیشخوان پایان یافت / network contract ended' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, authorisationsInForce: 0, agentCount: 1 });
    expect(off.body.authorisations).toEqual([expect.objectContaining({ id: granted.body.id, officeActive: false, inForce: false, revokedAt: null })]);
    const [entry] = await audits('counter-office.deactivated', OFFICE_ID);
    expect(entry).toMatchObject({ actor: 'admin', actorRole: 'admin' });
    expect(JSON.parse(entry.details)).toMatchObject({ officeCode: OFFICE_CODE, reason: 'قرارداد شبکه پیشخوان پایان یافت / network contract ended' });
    // twice is once
    expect((await admin.put(`/api/counter-offices/${officeId}/active`, { active: false })).status).toBe(200);
    expect(await audits('counter-office.deactivated', OFFICE_ID)).toHaveLength(1);

    expect((await newAgent.get<AuthorisationView[]>('/api/agents/authorisations')).body).toEqual([expect.objectContaining({ id: granted.body.id, officeActive: false, inForce: false })]);
    expect((await newAgent.get('/api/applications')).body).toEqual([]);
    expect((await newAgent.get(`/api/applications/${companysOwn}`)).status).toBe(404);
    expect((await applyAsAgent(newAgent)).status).toBe(403);
    expect((await newAgent.post(`/api/applications/${agentsOwn}/withdraw`, { reason: 'office deactivated' })).status).toBe(404);
    expect((await applicant2.get<{ nationalId: string }[]>('/api/agents/offices')).body.map((o) => o.nationalId)).not.toContain(OFFICE_ID);
    expect((await applicant2.post('/api/agents/authorisations', { officeNationalId: OFFICE_ID, contractNumber: `${contractNumber}-2`, validTo: new Date(Date.now() + 86_400_000).toISOString() })).status).toBe(404);
    // the demo office is untouched
    expect((await demoAgent.get<AuthorisationView[]>('/api/agents/authorisations')).body.some((a) => a.inForce)).toBe(true);

    // reactivated: the authorisation is in force again
    const on = await admin.put<OfficeView>(`/api/counter-offices/${officeId}/active`, { active: true });
    expect(on.body).toMatchObject({ active: true, authorisationsInForce: 1 });
    expect(await audits('counter-office.reactivated', OFFICE_ID)).toHaveLength(1);
    expect((await newAgent.get(`/api/applications/${companysOwn}`)).status).toBe(200);
  });

  it('shows administrators every authorisation, of one office on request, and lets them revoke one', async () => {
    needOffice();
    const all = (await admin.get<AuthorisationView[]>('/api/agents/authorisations')).body;
    expect(all.some((a) => a.office?.nationalId === DEMO_ORGANISATIONS.counter.nationalId && a.contractNumber === DEMO_COUNTER_OFFICE.contractNumber)).toBe(true);
    expect(all.some((a) => a.office?.nationalId === OFFICE_ID)).toBe(true);
    const ours = (await admin.get<AuthorisationView[]>(`/api/agents/authorisations?office=${OFFICE_ID}`)).body;
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ company: expect.objectContaining({ nationalId: COMPANY }), inForce: true, revokedBy: null });
    expect((await admin.get(`/api/agents/authorisations?office=${OFFICE_ID}&company=${COMPANY}`)).body).toHaveLength(1);
    expect((await admin.get(`/api/agents/authorisations?office=${DEMO_ORGANISATIONS.lab.nationalId}`)).body).toEqual([]);
    const bad = await admin.get('/api/agents/authorisations?office=12ab');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('office');
    // a company's filter stays within its own authorisations: the demo company never authorised this office
    expect((await applicant.get(`/api/agents/authorisations?office=${OFFICE_ID}`)).body).toEqual([]);
    expect((await applicant2.get<AuthorisationView[]>(`/api/agents/authorisations?office=${OFFICE_ID}`)).body.map((a) => a.id)).toEqual([ours[0].id]);
    expect((await reviewer.post(`/api/agents/authorisations/${ours[0].id}/revoke`)).status).toBe(403);

    const revoked = await admin.post(`/api/agents/authorisations/${ours[0].id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await admin.post(`/api/agents/authorisations/${ours[0].id}/revoke`)).status).toBe(409);
    expect((await admin.post('/api/agents/authorisations/no-such-id/revoke')).status).toBe(404);
    const after = (await admin.get<OfficeView>(`/api/counter-offices/${officeId}`)).body;
    expect(after.authorisationsInForce).toBe(0);
    expect(after.authorisations[0]).toMatchObject({ id: ours[0].id, inForce: false, revokedBy: 'admin', revokedAt: expect.any(String) });
    const [entry] = await audits('agent.revoked', ours[0].id);
    expect(entry).toMatchObject({ actor: 'admin', actorRole: 'admin' });
    expect((await applyAsAgent(newAgent)).status).toBe(403);
  });
});
