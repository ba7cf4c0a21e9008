/**
 * A small OpenID Connect provider for tests, a plain node:http server on a free port: discovery,
 * JWKS (RSA keys made with node:crypto; rotate() replaces the signing key), /authorize (approves at
 * once the user the test chose, redirecting back with code and state) and /token (checks the client
 * secret, the code, the redirect URI and the PKCE verifier; answers an RS256 ID token).
 *
 * On request the next sign-ins misbehave, so each refusal of the client can be shown: a wrong nonce,
 * audience or issuer, an expired token, one signed with a key the JWKS does not publish or with a
 * broken signature, an error redirect instead of a code, or an error from the token endpoint.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour =
  | 'wrong_nonce' | 'wrong_audience' | 'wrong_issuer' | 'expired' | 'unknown_key' | 'bad_signature' | 'alg_none'
  | 'error_redirect' | 'token_error';

export interface SignInChoice {
  /** The ID token's claims about the user: `sub` at least, and usually the username claim. */
  claims: { sub: string; [claim: string]: unknown };
  misbehave?: Misbehaviour;
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who /authorize approves from now on, and how those sign-ins misbehave (if they do). */
  signInAs(choice: SignInChoice): void;
  /** A new signing key with a new kid; the JWKS publishes only it from now on. */
  rotate(): string;
  /** The kid the provider signs with now. */
  readonly currentKid: string;
  /** How often each endpoint was called (discovery, jwks, authorize, token). */
  readonly calls: Record<'discovery' | 'jwks' | 'authorize' | 'token', number>;
  /** The query of the last /authorize request (the client's PKCE, scope, nonce …). */
  readonly lastAuthorize: URLSearchParams | undefined;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: crypto.KeyObject;
  jwk: crypto.JsonWebKey & { kid: string; use: string; alg: string };
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  choice: SignInChoice;
  used: boolean;
}

function makeKey(kid: string): SigningKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJwt(header: object, payload: object, key: crypto.KeyObject): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

async function formOf(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The client's credentials: HTTP Basic (client_secret_basic) or in the form (client_secret_post). */
function clientOf(req: http.IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
    return { id, secret };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

export async function startOidcProvider({ clientId = 'ito-portal', clientSecret = 'test-client-secret' } = {}): Promise<TestOidcProvider> {
  let key = makeKey('key-1');
  let keyCount = 1;
  let choice: SignInChoice | undefined;
  let lastAuthorize: URLSearchParams | undefined;
  const codes = new Map<string, IssuedCode>();
  const calls = { discovery: 0, jwks: 0, authorize: 0, token: 0 };
  let issuer = '';

  const json = (res: http.ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  const redirect = (res: http.ServerResponse, to: URL) => res.writeHead(302, { location: to.toString() }).end();

  const idTokenFor = (code: IssuedCode): string => {
    const now = Math.floor(Date.now() / 1000);
    const misbehave = code.choice.misbehave;
    const claims = {
      ...code.choice.claims,
      iss: misbehave === 'wrong_issuer' ? 'http://127.0.0.1:1/another-provider' : issuer,
      aud: misbehave === 'wrong_audience' ? 'another-client' : code.clientId,
      iat: misbehave === 'expired' ? now - 7200 : now,
      exp: misbehave === 'expired' ? now - 3600 : now + 300,
      nonce: misbehave === 'wrong_nonce' ? 'not-the-nonce-of-this-sign-in' : code.nonce,
    };
    if (misbehave === 'alg_none') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const signer = misbehave === 'unknown_key' ? makeKey('a-key-nobody-published') : key;
    const token = signJwt({ alg: 'RS256', typ: 'JWT', kid: signer.kid }, claims, signer.privateKey);
    if (misbehave !== 'bad_signature') return token;
    const [h, p, s] = token.split('.');
    const signature = Buffer.from(s, 'base64url');
    signature[10] ^= 0xff;
    return `${h}.${p}.${signature.toString('base64url')}`;
  };

  const authorize = (url: URL, res: http.ServerResponse) => {
    calls.authorize += 1;
    const q = url.searchParams;
    lastAuthorize = q;
    const redirectUri = q.get('redirect_uri');
    // a provider never redirects to an address it cannot trust: bad requests are answered here
    if (q.get('client_id') !== clientId || !redirectUri) return json(res, 400, { error: 'invalid_request', error_description: 'unknown client or no redirect_uri' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state) back.searchParams.set('state', state);
    back.searchParams.set('iss', issuer);
    const refuse = (error: string) => {
      back.searchParams.set('error', error);
      redirect(res, back);
    };
    if (q.get('response_type') !== 'code') return refuse('unsupported_response_type');
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return refuse('invalid_request');
    if (!q.get('scope')?.split(' ').includes('openid') || !q.get('nonce')) return refuse('invalid_request');
    if (!choice) return refuse('login_required');
    if (choice.misbehave === 'error_redirect') return refuse('access_denied');
    const code = crypto.randomBytes(16).toString('base64url');
    codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, choice, used: false });
    back.searchParams.set('code', code);
    redirect(res, back);
  };

  const token = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    calls.token += 1;
    const form = await formOf(req);
    const client = clientOf(req, form);
    if (client.id !== clientId || client.secret !== clientSecret) return json(res, 401, { error: 'invalid_client' });
    if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
    const issued = codes.get(form.get('code') ?? '');
    if (!issued || issued.used) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
    issued.used = true;
    if (issued.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri differs' });
    const verifier = form.get('code_verifier') ?? '';
    if (crypto.createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verifier does not match' });
    if (issued.choice.misbehave === 'token_error') return json(res, 400, { error: 'invalid_grant', error_description: 'the provider refused on request' });
    json(res, 200, { access_token: crypto.randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idTokenFor(issued) });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      calls.discovery += 1;
      return json(res, 200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') {
      calls.jwks += 1;
      return json(res, 200, { keys: [key.jwk] });
    }
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      token(req, res).catch(() => json(res, 500, { error: 'server_error' }));
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer, clientId, clientSecret, calls,
    get lastAuthorize() { return lastAuthorize; },
    get currentKid() { return key.kid; },
    signInAs(next) { choice = next; },
    rotate() {
      keyCount += 1;
      key = makeKey(`key-${keyCount}`);
      return key.kid;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
