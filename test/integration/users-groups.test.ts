/**
 * Users and groups (administrators): accounts listed without password hashes; a company account
 * created with a new organisation (its legal national ID checked) or an existing one, a reviewer
 * with groups; roles set; groups joined and left; a disabled account can neither log in nor use a
 * token it already has, and logs in again once enabled; a password reset; the last administrator
 * kept; every change audited.
 */
import { ApiClient, useRunningProduct } from '../support/harness';
import { withLegalCheckDigit } from '../../portal/server/services/legal-entity-id';

const product = useRunningProduct();
const run = Date.now().toString(36).slice(-5);
let admin: ApiClient;
let applicant: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  [admin, applicant, reviewer] = await product.login('admin', 'applicant', 'reviewer1');
});

const audits = (action: string, entityId: string) => product.stack.db.auditLog.findMany({ where: { action, entityId } });

describe('/api/users', () => {
  it('is for administrators only', async () => {
    expect((await product.anonymous.get('/api/users')).status).toBe(401);
    expect((await applicant.get('/api/users')).status).toBe(403);
    expect((await reviewer.get('/api/users')).status).toBe(403);
    expect((await reviewer.post('/api/users', { username: `x${run}`, displayName: 'X X', password: 'long-enough', role: 'admin' })).status).toBe(403);
    expect((await applicant.get('/api/groups')).status).toBe(403);
  });

  it('lists accounts with roles, groups and organisation, and never a password hash', async () => {
    const res = await admin.get('/api/users');
    expect(res.status).toBe(200);
    const reviewer1 = res.body.find((u: { username: string }) => u.username === 'reviewer1');
    expect(reviewer1).toMatchObject({ roles: ['reviewer'], active: true, organisation: null, groups: [expect.objectContaining({ id: 'formal-reviewers', nameEn: 'Formal reviewers' })] });
    const company = res.body.find((u: { username: string }) => u.username === 'applicant');
    expect(company.organisation).toMatchObject({ nationalId: expect.stringMatching(/^\d{11}$/), nameFa: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt\$/);
    const filtered = await admin.get('/api/users?role=reviewer&group=formal-reviewers');
    expect(filtered.body.map((u: { username: string }) => u.username)).toContain('reviewer1');
    expect(filtered.body.every((u: { roles: string[] }) => u.roles.includes('reviewer'))).toBe(true);
    expect((await admin.get('/api/users?q=reviewer1')).body.map((u: { username: string }) => u.username)).toEqual(['reviewer1']);
  });

  it('creates a company account with a new organisation, checking its national ID', async () => {
    const nationalId = withLegalCheckDigit(`140${run.length}${String(Date.now()).slice(-6)}`.slice(0, 10));
    const wrong = `${nationalId.slice(0, 10)}${(Number(nationalId[10]) + 1) % 10}`;
    const base = { username: `co${run}`, displayName: 'شرکت آزمون / Test Co.', password: 'company-pass-1', role: 'applicant' };
    const bad = await admin.post('/api/users', { ...base, organisation: { nationalId: wrong, nameFa: 'شرکت آزمون' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty(['organisation.nationalId']);
    const noOrg = await admin.post('/api/users', base);
    expect(noOrg.status).toBe(400);
    expect((await admin.post('/api/users', { ...base, organisation: { nationalId } })).status).toBe(400); // a new organisation needs its name
    const res = await admin.post('/api/users', { ...base, organisation: { nationalId, nameFa: 'شرکت آزمون', nameEn: 'Test Co.' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: `co${run}`, roles: ['applicant'], groups: [], active: true, organisation: { nationalId, nameFa: 'شرکت آزمون', nameEn: 'Test Co.' } });
    expect(res.body.passwordHash).toBeUndefined();
    // the account works, and sees its organisation
    const company = await new ApiClient(product.stack.baseUrl).login(`co${run}`, 'company-pass-1');
    expect((await company.get('/api/me')).body).toMatchObject({ roles: ['applicant'], organisationId: res.body.organisation.id });
    // a second account of the same (existing) organisation: no name needed
    const second = await admin.post('/api/users', { ...base, username: `co${run}b`, organisation: { nationalId } });
    expect(second.status).toBe(201);
    expect(second.body.organisation.id).toBe(res.body.organisation.id);
    expect((await admin.post('/api/users', { ...base, organisation: { nationalId } })).status).toBe(409); // the name is taken
    expect(await audits('user.created', `co${run}`)).toHaveLength(1);
  });

  it('refuses malformed input', async () => {
    const base = { username: `rv${run}`, displayName: 'کارشناس آزمون', password: 'reviewer-pass', role: 'reviewer' };
    expect((await admin.post('/api/users', { ...base, username: 'Bad Name' })).status).toBe(400);
    expect((await admin.post('/api/users', { ...base, password: 'short' })).status).toBe(400);
    expect((await admin.post('/api/users', { ...base, role: 'superuser' })).status).toBe(400);
    expect((await admin.post('/api/users', { ...base, groups: ['no-such-group'] })).status).toBe(400);
    expect((await admin.post('/api/users', { ...base, organisation: { nationalId: '10101234567' } })).status).toBe(400);
    expect((await admin.post('/api/users', { ...base, extra: 1 })).status).toBe(400);
  });

  it('creates a reviewer, sets roles and groups, disables and enables, resets the password', async () => {
    const created = await admin.post('/api/users', { username: `rv${run}`, displayName: 'کارشناس آزمون / Test reviewer', password: 'reviewer-pass', role: 'reviewer', groups: ['formal-reviewers'] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.groups.map((g: { id: string }) => g.id)).toEqual(['formal-reviewers']);

    // groups: add (twice is once), list with member counts, remove
    const added = await admin.put(`/api/groups/technical-reviewers/members/${id}`);
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: { username: string }) => m.username)).toContain(`rv${run}`);
    expect((await admin.put(`/api/groups/technical-reviewers/members/${id}`)).body.memberCount).toBe(added.body.memberCount);
    const groups = await admin.get('/api/groups');
    const technical = groups.body.find((g: { id: string }) => g.id === 'technical-reviewers');
    expect(technical).toMatchObject({ nameFa: expect.any(String), nameEn: 'Technical reviewers', memberCount: technical.members.length });
    expect((await admin.get(`/api/users/${id}`)).body.groups.map((g: { id: string }) => g.id)).toEqual(['formal-reviewers', 'technical-reviewers']);
    const removed = await admin.request('DELETE', `/api/groups/formal-reviewers/members/${id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { username: string }) => m.username)).not.toContain(`rv${run}`);
    expect((await admin.put(`/api/groups/no-such-group/members/${id}`)).status).toBe(404);
    expect((await admin.put('/api/groups/formal-reviewers/members/nobody')).status).toBe(404);
    const company = (await admin.get('/api/users?q=applicant2')).body[0];
    expect((await admin.put(`/api/groups/formal-reviewers/members/${company.id}`)).status).toBe(400); // a company account is no reviewer
    expect(await audits('group.member-added', 'technical-reviewers')).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'admin', actorRole: 'admin' })]));

    // roles
    expect((await admin.put(`/api/users/${id}/roles`, { roles: ['reviewer', 'applicant'] })).status).toBe(400); // no organisation
    const roles = await admin.put(`/api/users/${id}/roles`, { roles: ['reviewer', 'admin'] });
    expect(roles.status).toBe(200);
    expect(roles.body.roles).toEqual(['admin', 'reviewer']);
    expect((await admin.put(`/api/users/${id}/roles`, { roles: [] })).status).toBe(400);
    expect((await admin.put(`/api/users/${id}/roles`, { roles: ['reviewer'] })).body.roles).toEqual(['reviewer']);
    expect(await audits('user.roles-set', `rv${run}`)).toHaveLength(2);

    // a disabled account cannot log in, and its token stops working at once
    const session = await new ApiClient(product.stack.baseUrl).login(`rv${run}`, 'reviewer-pass');
    expect((await session.get('/api/me')).status).toBe(200);
    const disabled = await admin.put(`/api/users/${id}/active`, { active: false, reason: 'left the organisation' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect((await session.get('/api/me')).status).toBe(401);
    expect((await product.anonymous.post('/api/auth/login', { username: `rv${run}`, password: 'reviewer-pass' })).status).toBe(401);
    expect((await admin.get('/api/users?active=false')).body.map((u: { username: string }) => u.username)).toContain(`rv${run}`);
    const [entry] = await audits('user.disabled', `rv${run}`);
    expect(JSON.parse(entry.details)).toEqual({ reason: 'left the organisation' });
    expect((await admin.put(`/api/users/${id}/active`, { active: true })).body.active).toBe(true);
    expect((await product.anonymous.post('/api/auth/login', { username: `rv${run}`, password: 'reviewer-pass' })).status).toBe(200);

    // password reset: the old one stops working
    expect((await admin.put(`/api/users/${id}/password`, { password: 'short' })).status).toBe(400);
    expect((await admin.put(`/api/users/${id}/password`, { password: 'a-new-password' })).status).toBe(204);
    expect((await product.anonymous.post('/api/auth/login', { username: `rv${run}`, password: 'reviewer-pass' })).status).toBe(401);
    expect((await product.anonymous.post('/api/auth/login', { username: `rv${run}`, password: 'a-new-password' })).status).toBe(200);
    expect(await audits('user.password-reset', `rv${run}`)).toHaveLength(1);
    const stored = await product.stack.db.user.findUniqueOrThrow({ where: { id } });
    expect(stored.passwordHash).not.toContain('a-new-password');
  });

  it('keeps the administrator from locking everyone out', async () => {
    const me = (await admin.get('/api/users?q=admin')).body.find((u: { username: string }) => u.username === 'admin');
    expect((await admin.put(`/api/users/${me.id}/active`, { active: false })).status).toBe(409);
    expect((await admin.put(`/api/users/${me.id}/roles`, { roles: ['reviewer'] })).status).toBe(409);
    expect((await admin.get('/api/users/nobody')).status).toBe(404);
  });
});
