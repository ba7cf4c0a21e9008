/**
 * Two API processes on one database and one Temporal server (issue 13, scale-out): the API keeps
 * nothing in process memory that another process would have to know. Failed sign-ins spread over
 * both reach the limit together and either answers 429; a client's public calls spread over both
 * share one limit; a revocation written by another process shows at once in both public records
 * (despite their caches); a token signed by one is honoured by the other, and an account deactivated
 * through one is refused by both at once. Both trust the loopback proxy (TRUST_PROXY), so each test
 * is a client of its own, named in X-Forwarded-For.
 */
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT } from '../../config';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { DEFAULT_LOGIN_LIMITS } from '../../portal/server/services/login-throttle';
import type { PublicRateLimits } from '../../portal/server/plugins/rate-limits';
import { ApiClient, Stack, startApi } from '../support/harness';

const LIMITS: PublicRateLimits = { lookupsPerMinute: 4, uploadsPerMinute: 1 };
const BEHIND_LOOPBACK_PROXY = { TRUST_PROXY: 'loopback' };

let stack: Stack;
let child: ChildProcess;
/** The base URLs of the two API processes: this one's and the child's. */
let apis: [string, string];
/** Client addresses of this run, so no other test file shares their counts. */
const runTag = crypto.randomBytes(2).readUInt16BE();
const clientAddress = (n: number) => `198.18.${runTag >> 8}.${(runTag & 0xff) ^ n}`;

async function spawnSecondApi(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test', 'support', 'api-process.ts'), JSON.stringify(LIMITS)], {
    cwd: PROJECT_ROOT, env: { ...process.env, ...BEHIND_LOOPBACK_PROXY }, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the second API exited (${code}) before it listened`))));
  const firstLine = new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
  return (JSON.parse(await Promise.race([firstLine, exited])) as { baseUrl: string }).baseUrl;
}

beforeAll(async () => {
  const [second, first] = await Promise.all([spawnSecondApi(), startApi(undefined, LIMITS, BEHIND_LOOPBACK_PROXY)]);
  stack = first;
  apis = [stack.baseUrl, second];
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin!.end();
    await exited;
  }
  if (stack) {
    await stack.db.loginFailure.deleteMany({ where: { OR: [{ kind: 'address', key: { startsWith: '198.18.' } }, { kind: 'username', key: { startsWith: 'scale' } }] } });
    await stack.close();
  }
});

/** A call to API process `api` (0: this one, 1: the child) from the client at `client`. */
function call(api: number, method: string, url: string, client: string, body?: unknown, token?: string) {
  return fetch(apis[api] + url, {
    method,
    headers: { 'x-forwarded-for': client, ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}
const signIn = (api: number, client: string, username: string, password: string) => call(api, 'POST', '/api/auth/login', client, { username, password });

describe('two API processes on one database', () => {
  it('count failed sign-ins of a user name together, and either refuses the next with 429 and Retry-After', async () => {
    const username = `scale${crypto.randomBytes(4).toString('hex')}`;
    const { freeFailures, firstDelayMs } = DEFAULT_LOGIN_LIMITS.perUsername;
    for (let i = 0; i < freeFailures; i++) expect((await signIn(i % 2, clientAddress(1), username, 'wrong')).status).toBe(401);
    for (const api of [0, 1]) {
      const refused = await signIn(api, clientAddress(1), username, 'wrong');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(firstDelayMs / 1000);
    }
  });

  it('count an address guessing at many user names together, and both refuse it, the right password too', async () => {
    const { freeFailures } = DEFAULT_LOGIN_LIMITS.perAddress;
    for (let i = 0; i < freeFailures; i++) expect((await signIn(i % 2, clientAddress(2), `scale-guess-${i}`, 'wrong')).status).toBe(401);
    for (const api of [0, 1]) expect((await signIn(api, clientAddress(2), 'admin', 'demo')).status).toBe(429);
    // another client is not refused
    expect((await signIn(1, clientAddress(3), 'admin', 'demo')).status).toBe(200);
  });

  it('share one limit on a client\'s public calls, and either answers the call past it with 429 and Retry-After', async () => {
    for (let i = 0; i < LIMITS.lookupsPerMinute; i++) expect((await call(i % 2, 'GET', '/api/public/ca', clientAddress(4))).status).toBe(200);
    for (const api of [0, 1]) {
      const refused = await call(api, 'GET', '/api/public/ca', clientAddress(4));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: 'too_many_requests' });
    }
    expect((await call(0, 'GET', '/api/public/ca', clientAddress(5))).status).toBe(200);
  });

  it('show a revocation written by another process in both public records at once, though both had the record cached', async () => {
    const { db } = stack;
    const number = await seedValidCertificate();
    const lookUp = async (api: number) => (await call(api, 'GET', `/api/public/certificates/${number}`, clientAddress(6))).json();
    for (const api of [0, 1]) expect(await lookUp(api)).toMatchObject({ number, status: 'valid' });
    // what the worker writes, in its own process, when a revocation is confirmed
    await db.$transaction(async (tx) => {
      const cert = await tx.certificate.update({ where: { number }, data: { status: 'revoked' } });
      await tx.certificateStatusChange.create({ data: { certificateId: cert.id, action: 'revoke', fromStatus: 'valid', toStatus: 'revoked', reason: 'scale-out test', decidedBy: 'admin', trackingNumber: `SCALE-${number}`, idempotencyKey: `scale-out/${number}` } });
    });
    for (const api of [0, 1]) {
      const record = await lookUp(api);
      expect(record.status).toBe('revoked');
      expect(record.history.map((h: { action: string }) => h.action)).toEqual(['issue', 'revoke']);
    }
  });

  it('honour a token one of them signed, and refuse it in both at once once the account is deactivated through one', async () => {
    const admin = await new ApiClient(apis[0]).login('admin');
    const username = `scale${crypto.randomBytes(4).toString('hex')}`;
    const created = await admin.post('/api/users', { username, displayName: 'Scale-out test', password: 'scale-out-password', role: 'reviewer' });
    expect(created.status).toBe(201);
    const signedIn = await signIn(1, clientAddress(7), username, 'scale-out-password');
    expect(signedIn.status).toBe(200);
    const { token } = (await signedIn.json()) as { token: string };
    for (const api of [0, 1]) expect((await call(api, 'GET', '/api/me', clientAddress(7), undefined, token)).status).toBe(200);
    expect((await admin.put(`/api/users/${created.body.id}/active`, { active: false, reason: 'scale-out test' })).status).toBe(200);
    for (const api of [0, 1]) expect((await call(api, 'GET', '/api/me', clientAddress(7), undefined, token)).status).toBe(401);
  });
});

/** A valid issued certificate of this run (a year no other test issues in), with its application. */
async function seedValidCertificate(): Promise<string> {
  const { db } = stack;
  const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' } });
  const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
  const sequence = 800 + (runTag % 100);
  const trackingNumber = `SCALE-OUT-${runTag}`;
  const application = await db.application.create({
    data: {
      trackingNumber, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
      organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', submittedData: '{}',
    },
  });
  const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1397, sequence });
  await db.certificate.create({
    data: {
      number, issuanceKey: `${trackingNumber}/issue`, family: 'software-technical-approval', familyCode: 'TA', jalaliYear: 1397, sequence,
      applicationId: application.id, holderName: 'شرکت آزمون مقیاس', holderNationalId: '14000000009',
      subject: JSON.stringify({ productName: 'Scale-out Product' }), status: 'valid',
      issuedAt: new Date(), expiresAt: new Date('2099-01-01'), pdf: Buffer.from('%PDF-1.7 test'), pdfSha256: 'cd'.repeat(32),
    },
  });
  return number;
}
