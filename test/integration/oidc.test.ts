/**
 * Sign-in through an OpenID Connect provider (issue 13), through the real API against the test's own
 * provider (test/support/oidc-provider.ts), the browser played by following redirects by hand: an
 * existing account signs in with our usual bearer token handed over in the URL fragment; an unknown
 * identity is refused, or made an applicant when provisioning is on; and every way a sign-in can go
 * wrong (the provider's error, a state without its cookie or with another's, an expired cookie, a
 * reused code, the token endpoint's refusal, a bad or unknown signature, a wrong nonce, audience or
 * issuer, an expired token, a missing username claim, an unknown or deactivated account) ends on the
 * portal's /login/oidc with the reason, audited, never a 500.
 */
import { OIDC_SEAL_PURPOSE, oidcCookieName, type PendingSignIn } from '../../portal/server/routes/oidc';
import { createSealer } from '../../portal/server/services/oidc/sealed-cookie';
import { NO_PASSWORD } from '../../portal/server/services/oidc/identity';
import { ApiClient, Stack, startApi, testConfig } from '../support/harness';
import { startOidcProvider, type SignInChoice, type TestOidcProvider } from '../support/oidc-provider';
import { freePort } from '../support/ports';

const run = Date.now().toString(36).slice(-5);
let provider: TestOidcProvider;
/** Provisioning off (the default). */
let api: Stack;
/** OIDC_PROVISION=applicant. */
let provisioning: Stack;
/** No OIDC_ISSUER. */
let withoutOidc: Stack;

/** An API with OIDC on; `redirectUri` as another process behind the same address would have it, else its own. */
async function startWithOidc(provision: 'off' | 'applicant', redirectUri?: string): Promise<Stack> {
  const port = await freePort();
  return startApi(undefined, undefined, {
    OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: redirectUri ?? `http://127.0.0.1:${port}/api/auth/oidc/callback`, OIDC_PROVISION: provision,
  }, { port });
}

beforeAll(async () => {
  provider = await startOidcProvider();
  api = await startWithOidc('off');
  provisioning = await startWithOidc('applicant');
  withoutOidc = await startApi();
}, 120_000);

afterAll(async () => {
  await api?.close();
  await provisioning?.close();
  await withoutOidc?.close();
  await provider?.close();
});

const get = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const locationOf = (res: Response): string => res.headers.get('location') ?? '';

interface Started {
  /** Where /start sent the browser (the provider's authorization endpoint). */
  authorizeUrl: URL;
  /** The sign-in cookie as the browser sends it back (`name=value`), and as it was set. */
  cookie: string;
  setCookie: string;
  state: string;
}

async function start(stack: Stack): Promise<Started> {
  const res = await get(`${stack.baseUrl}/api/auth/oidc/start`);
  expect(res.status).toBe(302);
  const authorizeUrl = new URL(locationOf(res));
  const setCookie = res.headers.getSetCookie()[0] ?? '';
  return { authorizeUrl, setCookie, cookie: setCookie.split(';')[0], state: authorizeUrl.searchParams.get('state') ?? '' };
}

/** The provider's answer: the callback URL it sends the browser to. */
async function atProvider(started: Started, choice: SignInChoice): Promise<string> {
  provider.signInAs(choice);
  const res = await get(started.authorizeUrl.toString());
  expect(res.status).toBe(302);
  return locationOf(res);
}

interface Outcome {
  status: number;
  location: string;
  token?: string;
  error?: string;
  /** The Set-Cookie that ends the sign-in cookie. */
  cleared: boolean;
}

async function callback(callbackUrl: string, cookie?: string): Promise<Outcome> {
  const res = await get(callbackUrl, cookie);
  const location = locationOf(res);
  const landing = new URL(location, 'http://portal');
  return {
    status: res.status,
    location,
    token: new URLSearchParams(landing.hash.slice(1)).get('token') ?? undefined,
    error: landing.searchParams.get('error') ?? undefined,
    cleared: res.headers.getSetCookie().some((c) => /Max-Age=0/.test(c)),
  };
}

/** A whole sign-in as a browser makes it. */
async function signIn(stack: Stack, choice: SignInChoice): Promise<Outcome> {
  const started = await start(stack);
  return callback(await atProvider(started, choice), started.cookie);
}

const as = (username: string, extra: Record<string, unknown> = {}): SignInChoice => ({ claims: { sub: `sub-${username}`, preferred_username: username, ...extra } });

const refusals = (stack: Stack, since: Date) =>
  stack.db.auditLog.findMany({ where: { action: 'auth.oidc.refused', at: { gte: since } }, orderBy: { at: 'asc' } });

describe('when OIDC is not configured', () => {
  it('the sign-in page offers no provider button, and the OIDC routes answer 404', async () => {
    const anonymous = new ApiClient(withoutOidc.baseUrl);
    expect((await anonymous.get('/api/auth/options')).body).toEqual({ oidc: { enabled: false } });
    for (const path of ['/api/auth/oidc/start', '/api/auth/oidc/callback?code=x&state=y']) {
      const res = await get(`${withoutOidc.baseUrl}${path}`);
      expect([path, res.status, (await res.json()).error]).toEqual([path, 404, 'oidc_off']);
    }
  });
});

describe('when the provider cannot be reached', () => {
  let unreachable: Stack | undefined;
  afterAll(async () => { await unreachable?.close(); });

  it('the start lands on the portal\'s page with the reason, and sets no cookie', async () => {
    const port = await freePort();
    unreachable = await startApi(undefined, undefined, {
      OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`, OIDC_CLIENT_ID: 'ito-portal', OIDC_CLIENT_SECRET: 'x',
      OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
    }, { port });
    const res = await get(`${unreachable.baseUrl}/api/auth/oidc/start`);
    expect([res.status, locationOf(res), res.headers.getSetCookie()]).toEqual([302, '/login/oidc?error=provider_unavailable', []]);
  });
});

describe('a sign-in through the provider', () => {
  it('is offered with its button\'s words in Persian and English', async () => {
    expect((await new ApiClient(api.baseUrl).get('/api/auth/options')).body).toEqual({
      oidc: { enabled: true, label: { fa: 'ورود با پنجره ملی خدمات دولت هوشمند', en: 'Sign in with the national single sign-on' } },
    });
  });

  it('starts with a redirect carrying PKCE S256, state, nonce and scope, and a sealed httpOnly SameSite=Lax cookie for ten minutes', async () => {
    const started = await start(api);
    const q = started.authorizeUrl.searchParams;
    expect(`${started.authorizeUrl.origin}${started.authorizeUrl.pathname}`).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: 'code', client_id: provider.clientId, redirect_uri: `${api.baseUrl}/api/auth/oidc/callback`,
      scope: 'openid profile', code_challenge_method: 'S256', code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{32}$/), nonce: expect.stringMatching(/^[\w-]{32}$/),
    });
    expect(started.setCookie).toBe(`${oidcCookieName(started.state)}=${started.cookie.split('=')[1]}; Path=/api/auth/oidc/callback; Max-Age=600; HttpOnly; SameSite=Lax`);
    // the cookie hides what it carries
    expect(started.cookie).not.toContain(q.get('nonce'));
  });

  it('signs an existing user in: our bearer token in the portal URL\'s fragment, the cookie ended, the sign-in audited without the token', async () => {
    const since = new Date();
    const outcome = await signIn(api, as('reviewer1'));
    expect(outcome).toMatchObject({ status: 302, cleared: true });
    expect(outcome.location).toMatch(/^\/login\/oidc#token=[\w-]+\.[\w-]+\.[\w-]+$/);
    const me = await new ApiClient(api.baseUrl, outcome.token).get('/api/me');
    expect(me.body).toMatchObject({ username: 'reviewer1', roles: ['reviewer'] });
    const entries = await api.db.auditLog.findMany({ where: { action: 'auth.oidc.signed_in', entityId: 'reviewer1', at: { gte: since } } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'reviewer1', entityType: 'user' });
    expect(JSON.parse(entries[0].details)).toEqual({ issuer: provider.issuer, subject: 'sub-reviewer1', provisioned: false });
    expect(entries[0].details).not.toContain(outcome.token!.split('.')[2]);
  });

  it('is finished by another API process than the one that started it: nothing of it is kept in a process\'s memory', async () => {
    const twin = await startWithOidc('off', `${api.baseUrl}/api/auth/oidc/callback`);
    try {
      const started = await start(api);
      const callbackUrl = new URL(await atProvider(started, as('reviewer1')));
      const outcome = await callback(`${twin.baseUrl}${callbackUrl.pathname}${callbackUrl.search}`, started.cookie);
      expect((await new ApiClient(api.baseUrl, outcome.token).get('/api/me')).body).toMatchObject({ username: 'reviewer1' });
    } finally {
      await twin.close();
    }
  });

  it('reads the provider\'s discovery document once, and its keys again only when it signs with a new key', async () => {
    const before = { ...provider.calls };
    expect((await signIn(api, as('reviewer2'))).token).toBeDefined();
    expect(provider.calls.jwks).toBe(before.jwks);
    provider.rotate();
    expect((await signIn(api, as('reviewer2'))).token).toBeDefined();
    expect(provider.calls.jwks).toBe(before.jwks + 1);
    expect((await signIn(api, as('reviewer2'))).token).toBeDefined();
    expect(provider.calls.jwks).toBe(before.jwks + 1);
    expect(provider.calls.discovery).toBe(before.discovery);
  });
});

describe('an identity without an account', () => {
  it('is refused when provisioning is off, and no account is made', async () => {
    const username = `oidc-off-${run}`;
    expect(await signIn(api, as(username))).toMatchObject({ status: 302, error: 'unknown_user', token: undefined });
    expect(await api.db.user.findUnique({ where: { username } })).toBeNull();
  });

  it('becomes an applicant without a password when provisioning is on, audited; its next sign-in finds the same account', async () => {
    const username = `oidc-new-${run}`;
    const first = await signIn(provisioning, as(username, { name: 'شرکت نمونه OIDC', email: `${username}@example.ir`, email_verified: true }));
    const me = (await new ApiClient(provisioning.baseUrl, first.token).get('/api/me')).body;
    expect(me).toMatchObject({ username, displayName: 'شرکت نمونه OIDC', roles: ['applicant'], organisationId: null });
    const row = await provisioning.db.user.findUniqueOrThrow({ where: { username } });
    expect(row).toMatchObject({ passwordHash: NO_PASSWORD, email: `${username}@example.ir`, active: true });
    // no password opens it
    expect((await new ApiClient(provisioning.baseUrl).post('/api/auth/login', { username, password: NO_PASSWORD })).status).toBe(401);
    const created = await provisioning.db.auditLog.findMany({ where: { action: 'user.created', entityId: username } });
    expect(created.map((e) => JSON.parse(e.details))).toEqual([{ role: 'applicant', via: 'oidc', issuer: provider.issuer, subject: `sub-${username}` }]);

    const second = await signIn(provisioning, as(username));
    expect((await new ApiClient(provisioning.baseUrl, second.token).get('/api/me')).body.id).toBe(me.id);
    expect(await provisioning.db.user.count({ where: { username } })).toBe(1);
  });

  it('with a username claim that is no user name of ours is refused even when provisioning is on', async () => {
    expect(await signIn(provisioning, as('Not A Username!'))).toMatchObject({ error: 'unusable_username' });
  });
});

describe('a sign-in is refused, audited, on the portal\'s page and never with a server error', () => {
  const refusedAs = async (outcome: Outcome, reason: string, since: Date, details: Record<string, unknown> = {}) => {
    expect(outcome).toMatchObject({ status: 302, location: `/login/oidc?error=${reason}`, token: undefined });
    const entries = await refusals(api, since);
    expect(entries.map((e) => ({ ...JSON.parse(e.details) }))).toEqual([expect.objectContaining({ reason, ...details })]);
  };

  it.each([
    ['wrong_nonce', 'nonce'], ['wrong_audience', 'audience'], ['wrong_issuer', 'issuer'], ['expired', 'expired'],
    ['unknown_key', 'unknown_key'], ['bad_signature', 'signature'], ['alg_none', 'algorithm'],
  ] as const)('an ID token with %s (problem %s)', async (misbehave, problem) => {
    const since = new Date();
    await refusedAs(await signIn(api, { ...as('reviewer1'), misbehave }), 'id_token_invalid', since, { problem });
  });

  it('the provider\'s error redirect (the user declined)', async () => {
    const since = new Date();
    await refusedAs(await signIn(api, { ...as('reviewer1'), misbehave: 'error_redirect' }), 'provider_error', since, { providerError: 'access_denied' });
  });

  it('the token endpoint\'s refusal', async () => {
    const since = new Date();
    await refusedAs(await signIn(api, { ...as('reviewer1'), misbehave: 'token_error' }), 'token_failed', since, { providerError: 'invalid_grant' });
  });

  it('a callback without the browser\'s sign-in cookie, with another sign-in\'s cookie, or with no state', async () => {
    const started = await start(api);
    const callbackUrl = await atProvider(started, as('reviewer1'));
    const since = new Date();
    expect(await callback(callbackUrl)).toMatchObject({ error: 'bad_state' });
    const other = await start(api);
    const swapped = `${oidcCookieName(started.state)}=${other.cookie.split('=')[1]}`;
    expect(await callback(callbackUrl, swapped)).toMatchObject({ error: 'bad_state' });
    const noState = new URL(callbackUrl);
    noState.searchParams.delete('state');
    expect(await callback(noState.toString(), started.cookie)).toMatchObject({ error: 'bad_state' });
    expect((await refusals(api, since)).map((e) => JSON.parse(e.details).reason)).toEqual(['bad_state', 'bad_state', 'bad_state']);
    // the sign-in itself is still good with its own cookie
    expect((await callback(callbackUrl, started.cookie)).token).toBeDefined();
  });

  it('a cookie sealed more than ten minutes ago', async () => {
    const started = await start(api);
    const callbackUrl = await atProvider(started, as('reviewer1'));
    const pending: PendingSignIn = { state: started.state, nonce: started.authorizeUrl.searchParams.get('nonce')!, verifier: 'whatever-it-was' };
    const stale = createSealer(testConfig().jwtSecret, OIDC_SEAL_PURPOSE).seal(pending, Date.now() - 1000);
    const since = new Date();
    await refusedAs(await callback(callbackUrl, `${oidcCookieName(started.state)}=${stale}`), 'expired', since);
  });

  it('a code used a second time', async () => {
    const started = await start(api);
    const callbackUrl = await atProvider(started, as('reviewer1'));
    expect((await callback(callbackUrl, started.cookie)).token).toBeDefined();
    const since = new Date();
    await refusedAs(await callback(callbackUrl, started.cookie), 'token_failed', since, { providerError: 'invalid_grant' });
  });

  it('an ID token without the username claim', async () => {
    const since = new Date();
    await refusedAs(await signIn(api, { claims: { sub: 'sub-nameless' } }), 'no_username', since, { subject: 'sub-nameless' });
  });

  it('an identity whose account is deactivated', async () => {
    const username = `oidc-off-duty-${run}`;
    await api.db.user.create({ data: { username, displayName: 'Off duty', passwordHash: NO_PASSWORD, active: false, roles: { create: [{ role: 'reviewer' }] } } });
    const since = new Date();
    await refusedAs(await signIn(api, as(username)), 'inactive_user', since, { subject: `sub-${username}` });
    expect((await refusals(api, since))[0]).toMatchObject({ actor: username, entityId: username });
  });
});
