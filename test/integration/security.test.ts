/**
 * The API's defences (issue 13, OWASP ASVS L2): failed sign-ins throttled per user name and per
 * address with 429 and Retry-After, an unknown user name checked with the same password routine and
 * cost as a known one, tokens without an expiry refused, every protected route answering 401 to an
 * anonymous caller before it looks at the body, and security headers on every answer, pages, API
 * and errors, whose error codes are the API's own and never the framework's.
 */
import crypto from 'node:crypto';
import { ApiClient, Stack, startApi, testConfig } from '../support/harness';
import { Db, createDb } from '../../prisma/client';
import { createLoginThrottle, DEFAULT_LOGIN_LIMITS } from '../../portal/server/services/login-throttle';
import { verifyPassword } from '../../portal/server/services/passwords';
import { DEFAULT_REFUSAL_PAUSE_MS } from '../../portal/server/routes/auth';

let now = Date.UTC(2026, 0, 1);
/** Moves the throttle's clock on; no test sleeps. */
const advance = (ms: number) => { now += ms; };
/** The throttle counts in the run's database (shared with the other test files' APIs). */
let db: Db;
/** A day later every failure of the test before is forgotten; those other APIs counted on the wall clock are deleted. */
const forgetAllFailures = async () => {
  advance(24 * 60 * 60_000);
  await db.loginFailure.deleteMany();
};

/** The stored hashes the sign-in checked passwords against, in order. */
const checkedHashes: string[] = [];

let stack: Stack;
let anonymous: ApiClient;
let admin: ApiClient;
let adminId: string;

beforeAll(async () => {
  db = createDb(testConfig().databaseUrl);
  await forgetAllFailures();
  stack = await startApi(undefined, undefined, {}, {
    login: {
      throttle: createLoginThrottle(db, DEFAULT_LOGIN_LIMITS, () => now),
      checkPassword: (password, stored) => {
        checkedHashes.push(stored);
        return verifyPassword(password, stored);
      },
    },
  });
  anonymous = new ApiClient(stack.baseUrl);
  const res = await anonymous.post('/api/auth/login', { username: 'admin', password: 'demo' });
  adminId = res.body.user.id;
  admin = new ApiClient(stack.baseUrl, res.body.token);
});

afterAll(async () => {
  await stack?.close();
  await forgetAllFailures();
  await db?.$disconnect();
});

afterEach(forgetAllFailures);

const FREE_PER_NAME = DEFAULT_LOGIN_LIMITS.perUsername.freeFailures;
const signIn = (username: string, password: string) => anonymous.post('/api/auth/login', { username, password });
/** `scrypt$N$r$p`: what a hash costs to check. */
const costOf = (stored: string) => stored.split('$').slice(0, 4).join('$');

async function newUser(password: string): Promise<string> {
  const username = `sec${crypto.randomBytes(4).toString('hex')}`;
  const res = await admin.post('/api/users', { username, displayName: 'Security test', password, role: 'reviewer' });
  if (res.status !== 201) throw new Error(`user not created: ${res.status} ${JSON.stringify(res.body)}`);
  return username;
}

describe('sign-in', () => {
  it('checks an unknown user name\'s password with the same routine, at the same cost, as a known one\'s', async () => {
    checkedHashes.length = 0;
    expect((await signIn('admin', 'wrong')).status).toBe(401);
    expect((await signIn('nobody-by-this-name', 'wrong')).status).toBe(401);
    expect(checkedHashes).toHaveLength(2);
    const [known, unknown] = checkedHashes;
    expect(unknown).not.toBe(known);
    expect(costOf(unknown)).toBe(costOf(known));
    // both answers say the same
    expect((await signIn('nobody-by-this-name', 'wrong')).body).toEqual((await signIn('admin', 'wrong')).body);
  });

  it('refuses a user name after its free failures with 429 and Retry-After, even with the right password, until the back-off is over', async () => {
    const username = await newUser('right-password-1');
    for (let i = 0; i < FREE_PER_NAME; i++) expect((await signIn(username, `wrong-${i}`)).status).toBe(401);
    checkedHashes.length = 0;
    const askedAt = performance.now();
    const refused = await signIn(username, 'right-password-1');
    expect(refused.status).toBe(429);
    // held before it is answered, so a guesser waiting for answers gets a few a second, not thousands
    expect(performance.now() - askedAt).toBeGreaterThanOrEqual(DEFAULT_REFUSAL_PAUSE_MS - 5);
    const { firstDelayMs } = DEFAULT_LOGIN_LIMITS.perUsername;
    expect(refused.headers.get('retry-after')).toBe(String(firstDelayMs / 1000));
    expect(refused.body).toMatchObject({ error: 'too_many_attempts' });
    expect(checkedHashes).toEqual([]); // a refused attempt checks no password
    // the next failure doubles the wait
    advance(firstDelayMs);
    expect((await signIn(username, 'wrong-again')).status).toBe(401);
    expect((await signIn(username, 'right-password-1')).headers.get('retry-after')).toBe(String((2 * firstDelayMs) / 1000));
    advance(2 * firstDelayMs);
    expect((await signIn(username, 'right-password-1')).status).toBe(200);
  });

  it('starts a user name\'s count afresh after a successful sign-in', async () => {
    const username = await newUser('right-password-2');
    for (let i = 0; i < FREE_PER_NAME - 1; i++) expect((await signIn(username, `wrong-${i}`)).status).toBe(401);
    expect((await signIn(username, 'right-password-2')).status).toBe(200);
    for (let i = 0; i < FREE_PER_NAME; i++) expect((await signIn(username, `wrong-${i}`)).status).toBe(401);
    expect((await signIn(username, 'right-password-2')).status).toBe(429);
  });

  it('throttles user names that do not exist like those that do', async () => {
    for (let i = 0; i < FREE_PER_NAME; i++) expect((await signIn('no-such-user', 'x')).status).toBe(401);
    expect((await signIn('no-such-user', 'x')).status).toBe(429);
  });

  it('refuses an address that guesses at many user names, for every name', async () => {
    const { freeFailures } = DEFAULT_LOGIN_LIMITS.perAddress;
    for (let i = 0; i < freeFailures; i++) expect((await signIn(`guess-${i}`, 'x')).status).toBe(401);
    const refused = await signIn('admin', 'demo');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('never throttles successful sign-ins', async () => {
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perAddress.freeFailures + 5; i++) expect((await signIn('admin', 'demo')).status).toBe(200);
  });
});

/** An HS256 token signed with the API's secret, with the claims given. */
function signedToken(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part(header)}.${part(claims)}`;
  const signature = crypto.createHmac('sha256', testConfig().jwtSecret).update(body).digest('base64url');
  return `${body}.${signature}`;
}

describe('tokens', () => {
  const seconds = () => Math.floor(Date.now() / 1000);

  it('are taken with an expiry still ahead', async () => {
    const res = await new ApiClient(stack.baseUrl, signedToken({ sub: adminId, iat: seconds(), exp: seconds() + 60 })).get('/api/me');
    expect(res.status).toBe(200);
  });

  it('are refused without an expiry, with one passed, or with another algorithm', async () => {
    const refusedFor = async (token: string) => (await new ApiClient(stack.baseUrl, token).get('/api/me')).status;
    expect(await refusedFor(signedToken({ sub: adminId, iat: seconds() }))).toBe(401);
    expect(await refusedFor(signedToken({ sub: adminId, iat: seconds() - 120, exp: seconds() - 60 }))).toBe(401);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: adminId, exp: seconds() + 60 })).toString('base64url')}.`;
    expect(await refusedFor(unsigned)).toBe(401);
  });

  it('issued at sign-in carry an expiry', async () => {
    const res = await signIn('admin', 'demo');
    const claims = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString());
    expect(claims.exp).toBeGreaterThan(claims.iat);
  });
});

/** Doors that take writes without a login: each says why. */
const PUBLIC_WRITES = new Set([
  'POST /api/auth/login', // the sign-in itself
  'POST /api/payments/callback', // the payment gateway's signed callback
  'POST /api/public/verify', // anyone may check a certificate PDF
  'POST /api/public/pki/tsa', // the time-stamping authority answers anyone (RFC 3161)
  'POST /api/feedback', // the public may file feedback (signed in or not)
  'POST /api/public/feedback/lookup', // a sender without a login reads the answer with a code
  'POST /api/public/pki/ocsp', // validators ask the OCSP responder for a certificate's status
]);

describe('authentication before validation', () => {
  it('answers 401 to an anonymous write with a broken or wrong body on every protected route', async () => {
    const spec = (await anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(spec.paths).flatMap(([route, operations]) =>
      Object.keys(operations).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${route}`));
    expect(writes).toEqual(expect.arrayContaining([...PUBLIC_WRITES]));
    const protectedWrites = writes.filter((w) => !PUBLIC_WRITES.has(w));
    expect(protectedWrites.length).toBeGreaterThan(30);
    const answers: string[] = [];
    for (const write of protectedWrites) {
      const [method, route] = write.split(' ');
      const url = route.replace(/\{[^}]+\}/g, 'x');
      const broken = await anonymous.request(method, url, { raw: '{"not json', contentType: 'application/json' });
      const wrong = await anonymous.request(method, url, { unexpected: [1, 2, 3] });
      answers.push(`${write} ${broken.status} ${wrong.status}`);
    }
    expect(answers).toEqual(protectedWrites.map((w) => `${w} 401 401`));
  });

  it('still validates the body of a signed-in caller', async () => {
    const res = await admin.post('/api/users', { unexpected: [1, 2, 3] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(headers: Headers, what: string): void {
    const csp = headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect([what, directives['script-src']]).toEqual([what, ["'self'"]]);
    expect([what, directives['frame-ancestors']]).toEqual([what, ["'none'"]]);
    expect([what, directives['object-src']]).toEqual([what, ["'none'"]]);
    expect([what, headers.get('x-content-type-options')]).toEqual([what, 'nosniff']);
    expect([what, headers.get('referrer-policy')]).toEqual([what, 'no-referrer']);
    expect([what, headers.get('permissions-policy')]).toEqual([what, expect.stringContaining('camera=(self)')]);
  }

  it('are on API answers, pages, assets and errors', async () => {
    const health = await anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expectSecurityHeaders(health.headers, 'health');
    expect(health.headers.get('cache-control')).toBe('no-store');

    const page = await fetch(`${stack.baseUrl}/applications`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expectSecurityHeaders(page.headers, 'page');

    const script = await fetch(`${stack.baseUrl}/assets/build/app.js`);
    expect(script.status).toBe(200);
    expectSecurityHeaders(script.headers, 'asset');

    const unauthorised = await anonymous.get('/api/tasks');
    expect(unauthorised.status).toBe(401);
    expectSecurityHeaders(unauthorised.headers, '401');

    const missing = await anonymous.get('/api/no-such-route');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers, '404');

    const badUrl = await fetch(`${stack.baseUrl}/api/certificates/%zz`);
    expect(badUrl.status).toBe(400);
    expectSecurityHeaders(badUrl.headers, 'bad URL');
  });

  it('the portal\'s page runs no inline script, so the policy need not allow one', async () => {
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(content.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handlers either
  });
});

describe('error answers', () => {
  it('name the problem in the API\'s words, never with a framework code', async () => {
    const answers = [
      await anonymous.post('/api/auth/login', { raw: '<username>admin</username>', contentType: 'application/xml' }), // media type not taken
      await anonymous.post('/api/auth/login', { raw: '{"username":', contentType: 'application/json' }), // broken JSON
      await anonymous.post('/api/auth/login', { raw: JSON.stringify({ username: 'admin', password: 'x'.repeat(1_100_000) }), contentType: 'application/json' }), // over the body limit
      await anonymous.get('/api/certificates/%zz'), // a URL the router cannot read
    ];
    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [415, 'unsupported_media_type'], [400, 'bad_request'], [413, 'payload_too_large'], [400, 'bad_request'],
    ]);
    for (const a of answers) expect(JSON.stringify(a.body)).not.toMatch(/FST_|statusCode/);
  });
});
