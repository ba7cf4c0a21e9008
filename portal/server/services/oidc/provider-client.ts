/**
 * What the API asks of the OpenID Connect provider: its discovery document (fetched once and kept;
 * a failed fetch is tried again on the next sign-in), the authorization URL for a sign-in, the
 * code-for-tokens exchange at its token endpoint (a confidential client: the client secret, and
 * the PKCE verifier), and its signing keys (jwks.ts).
 */
import crypto from 'node:crypto';
import type { OidcConfig } from '../../../../config';
import type { KeyLookup } from './id-token';
import { createJwksCache, type Jwk } from './jwks';

/** The fields of the discovery document this client uses. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
}

/** The provider could not be reached, or answered what a provider must not. `step` says where. */
export class ProviderFailure extends Error {
  constructor(readonly step: 'discovery' | 'token' | 'jwks', message: string, readonly providerError?: string) {
    super(message);
  }
}

export interface OidcClient {
  authorizationUrl(params: { state: string; nonce: string; codeChallenge: string }): Promise<string>;
  /** The ID token the provider issues for `code` (its access token is not kept). */
  exchangeCode(code: string, codeVerifier: string): Promise<string>;
  keys: KeyLookup;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** PKCE (RFC 7636): a random verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

export const randomToken = (): string => crypto.randomBytes(24).toString('base64url');

async function getJson(url: string, step: ProviderFailure['step']): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    throw new ProviderFailure(step, `${url} could not be reached: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ProviderFailure(step, `${url} answered ${res.status}`);
  const body: unknown = await res.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null) throw new ProviderFailure(step, `${url} did not answer a JSON object`);
  return body as Record<string, unknown>;
}

function checkMetadata(body: Record<string, unknown>, issuer: string): ProviderMetadata {
  // OpenID Connect Discovery §4.3: the document's issuer must be the one it was fetched for
  if (body.issuer !== issuer) throw new ProviderFailure('discovery', `the discovery document names the issuer ${JSON.stringify(body.issuer)}, not ${JSON.stringify(issuer)}`);
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof body[field] !== 'string') throw new ProviderFailure('discovery', `the discovery document has no ${field}`);
  }
  return body as unknown as ProviderMetadata;
}

export function createOidcClient(config: OidcConfig): OidcClient {
  let metadata: Promise<ProviderMetadata> | undefined;
  const discovery = (): Promise<ProviderMetadata> => {
    if (metadata) return metadata;
    const fetched = getJson(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, 'discovery').then((body) => checkMetadata(body, config.issuer));
    metadata = fetched;
    fetched.catch(() => { if (metadata === fetched) metadata = undefined; });
    return fetched;
  };

  const keys = createJwksCache(async () => {
    const body = await getJson((await discovery()).jwks_uri, 'jwks');
    if (!Array.isArray(body.keys)) throw new ProviderFailure('jwks', 'the JWKS has no keys array');
    return body.keys as Jwk[];
  });

  return {
    keys,
    async authorizationUrl({ state, nonce, codeChallenge }) {
      const url = new URL((await discovery()).authorization_endpoint);
      const params = {
        response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri, scope: config.scopes.join(' '),
        state, nonce, code_challenge: codeChallenge, code_challenge_method: 'S256',
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url.toString();
    },
    async exchangeCode(code, codeVerifier) {
      const meta = await discovery();
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: config.redirectUri, code_verifier: codeVerifier });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      // client_secret_basic is the default (OpenID Connect Discovery); client_secret_post only when that is all the provider takes
      const methods = meta.token_endpoint_auth_methods_supported;
      if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
        form.set('client_id', config.clientId);
        form.set('client_secret', config.clientSecret);
      } else {
        headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString('base64')}`;
      }
      let res: Response;
      try {
        res = await fetch(meta.token_endpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch (err) {
        throw new ProviderFailure('token', `the token endpoint could not be reached: ${(err as Error).message}`);
      }
      const body = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
      if (!res.ok) {
        const providerError = typeof body.error === 'string' ? body.error.slice(0, 100) : undefined;
        throw new ProviderFailure('token', `the token endpoint answered ${res.status}${providerError ? ` (${providerError})` : ''}`, providerError);
      }
      if (typeof body.id_token !== 'string') throw new ProviderFailure('token', 'the token endpoint answered no ID token');
      return body.id_token;
    },
  };
}
