/**
 * Sign-in through the national single sign-on (OpenID Connect, authorization code with PKCE S256,
 * state and nonce; config/oidc.ts):
 *
 * - GET /api/auth/options: whether the sign-in page offers the provider's button, and its words.
 * - GET /api/auth/oidc/start: a 302 to the provider; the state, nonce and PKCE verifier travel in a
 *   sealed cookie (services/oidc/sealed-cookie.ts) named after the state, for ten minutes, so any API
 *   process can finish the sign-in and two tabs signing in at once do not disturb each other.
 * - GET /api/auth/oidc/callback: checks the state against that cookie, trades the code for an ID
 *   token, checks it (services/oidc/id-token.ts), finds or makes the account (services/oidc/identity.ts)
 *   and sends the browser to the portal's /login/oidc with our usual bearer token in the URL
 *   fragment: a fragment never reaches a server's log, and the referrer policy is no-referrer anyway.
 *
 * Every refusal is a 302 to /login/oidc?error=<reason>, where the portal says it in words; sign-ins
 * and refusals are audited, without any token.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { OidcConfig } from '../../../config';
import { appendAudit } from '../../../activities/audit/audit-log';
import { errorSchema } from '../schemas/common';
import { HttpError } from '../plugins/errors';
import { limitPerMinute, type PublicRateLimits } from '../plugins/rate-limits';
import { IdTokenRefused, verifyIdToken } from '../services/oidc/id-token';
import { userForIdentity, type IdentityRefusal } from '../services/oidc/identity';
import { ProviderFailure, createOidcClient, pkcePair, randomToken, type OidcClient } from '../services/oidc/provider-client';
import { cookieOf, createSealer, setCookieHeader, type Sealer } from '../services/oidc/sealed-cookie';

/** Why a sign-in through the provider ended without one: the portal has words for each (ito.oidc.errors). */
export type OidcRefusal =
  | 'provider_unavailable' | 'provider_error' | 'bad_state' | 'expired' | 'token_failed' | 'id_token_invalid'
  | IdentityRefusal | 'failed';

/** What the sealed cookie carries from the start to the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

export const SIGN_IN_SECONDS = 600;
export const OIDC_SEAL_PURPOSE = 'oidc sign-in';
/** The cookie of the sign-in with this state. */
export const oidcCookieName = (state: string): string => `ito_oidc_${state}`;
/** A state we made (randomToken: 24 bytes, base64url); anything else names no cookie of ours. */
const STATE = /^[A-Za-z0-9_-]{32}$/;

/** Where the portal takes over after the provider. */
const PORTAL_LANDING = '/login/oidc';

const optionsSchema = {
  type: 'object',
  properties: {
    oidc: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, label: { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } },
    },
  },
} as const;

class Refused extends Error {
  constructor(readonly reason: OidcRefusal, message: string, readonly details: Record<string, unknown> = {}, readonly username?: string) {
    super(message);
  }
}

interface CallbackQuery {
  code?: unknown;
  state?: unknown;
  error?: unknown;
  iss?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= 4096 ? value : undefined);

const sameText = (a: string, b: string): boolean => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface OidcRouteOptions {
  db: Db;
  oidc?: OidcConfig;
  jwtSecret: string;
  /** The start and the callback are doors without a login: limited like the public look-ups. */
  limits: PublicRateLimits;
}

export async function oidcRoutes(app: FastifyInstance, { db, oidc, jwtSecret, limits }: OidcRouteOptions): Promise<void> {
  app.get('/api/auth/options', {
    schema: { tags: ['auth'], summary: 'How one may sign in: whether the national single sign-on is offered, and its button\'s words', response: { 200: optionsSchema } },
  }, async () => ({ oidc: oidc ? { enabled: true, label: oidc.label } : { enabled: false } }));

  const off = () => new HttpError(404, 'oidc_off', 'sign-in through the single sign-on is not configured (OIDC_ISSUER)');
  const provider: OidcClient | undefined = oidc && createOidcClient(oidc);
  const sealer: Sealer = createSealer(jwtSecret, OIDC_SEAL_PURPOSE);
  const cookieOptions = oidc && { path: new URL(oidc.redirectUri).pathname, secure: new URL(oidc.redirectUri).protocol === 'https:' };

  const refuse = (reply: FastifyReply, reason: OidcRefusal) => reply.redirect(`${PORTAL_LANDING}?error=${reason}`, 302);
  const redirectSchema = { 302: { type: 'null', description: 'to the provider, or to the portal\'s /login/oidc' }, 404: errorSchema, 429: errorSchema };

  app.get('/api/auth/oidc/start', {
    schema: { tags: ['auth'], summary: 'Begin a sign-in through the national single sign-on: a redirect to the provider', response: redirectSchema },
    config: limitPerMinute(limits.lookupsPerMinute),
  }, async (request, reply) => {
    if (!oidc || !provider || !cookieOptions) throw off();
    const pkce = pkcePair();
    const pending: PendingSignIn = { state: randomToken(), nonce: randomToken(), verifier: pkce.verifier };
    let target: string;
    try {
      target = await provider.authorizationUrl({ state: pending.state, nonce: pending.nonce, codeChallenge: pkce.challenge });
    } catch (err) {
      request.log.warn({ err }, 'the OIDC provider could not be reached for a sign-in');
      return refuse(reply, 'provider_unavailable');
    }
    const sealed = sealer.seal(pending, Date.now() + SIGN_IN_SECONDS * 1000);
    reply.header('set-cookie', setCookieHeader(oidcCookieName(pending.state), sealed, { ...cookieOptions, maxAgeSeconds: SIGN_IN_SECONDS }));
    return reply.redirect(target, 302);
  });

  /** The sign-in this browser started with `state`, from its cookie. */
  const pendingOf = (request: FastifyRequest, state: string | undefined): PendingSignIn => {
    if (!state || !STATE.test(state)) throw new Refused('bad_state', 'the callback carries no state of ours');
    const cookie = cookieOf(request.headers.cookie, oidcCookieName(state));
    if (!cookie) throw new Refused('bad_state', 'no sign-in was started in this browser with this state (or its cookie has expired)');
    const opened = sealer.open<PendingSignIn>(cookie, Date.now());
    if (!opened.ok) throw new Refused(opened.reason === 'expired' ? 'expired' : 'bad_state', `the sign-in cookie is ${opened.reason}`);
    if (!sameText(opened.value.state, state)) throw new Refused('bad_state', 'the state does not match the sign-in cookie');
    return opened.value;
  };

  const complete = async (request: FastifyRequest<{ Querystring: CallbackQuery }>): Promise<string> => {
    const query = request.query;
    const pending = pendingOf(request, text(query.state));
    const providerError = text(query.error);
    if (providerError) throw new Refused('provider_error', 'the provider ended the sign-in with an error', { providerError: providerError.slice(0, 100) });
    // RFC 9207: an authorization response naming another issuer was meant for another client's provider
    if (query.iss !== undefined && query.iss !== oidc!.issuer) throw new Refused('provider_error', 'the authorization response names another issuer', { problem: 'iss' });
    const code = text(query.code);
    if (!code) throw new Refused('provider_error', 'the provider sent no authorization code', { problem: 'no_code' });

    let idToken: string;
    try {
      idToken = await provider!.exchangeCode(code, pending.verifier);
    } catch (err) {
      if (!(err instanceof ProviderFailure)) throw err;
      throw new Refused('token_failed', err.message, { step: err.step, ...(err.providerError ? { providerError: err.providerError } : {}) });
    }
    let claims;
    try {
      claims = await verifyIdToken(idToken, { issuer: oidc!.issuer, clientId: oidc!.clientId, nonce: pending.nonce, now: Date.now() }, provider!.keys);
    } catch (err) {
      if (err instanceof IdTokenRefused) throw new Refused('id_token_invalid', err.message, { problem: err.problem });
      if (err instanceof ProviderFailure) throw new Refused('token_failed', err.message, { step: err.step });
      throw err;
    }

    const identity = await userForIdentity(db, claims, oidc!);
    const who = { issuer: claims.iss, subject: claims.sub };
    if (!identity.ok) throw new Refused(identity.reason, `the identity maps to no account that may sign in (${identity.reason})`, who, identity.username);
    if (identity.provisioned) {
      await appendAudit(db, { actor: identity.username, action: 'user.created', entityType: 'user', entityId: identity.username, details: { role: 'applicant', via: 'oidc', ...who } });
    }
    await appendAudit(db, { actor: identity.username, action: 'auth.oidc.signed_in', entityType: 'user', entityId: identity.username, details: { ...who, provisioned: identity.provisioned } });
    return app.jwt.sign({ sub: identity.userId });
  };

  app.get<{ Querystring: CallbackQuery }>('/api/auth/oidc/callback', {
    schema: {
      tags: ['auth'], summary: 'The provider\'s redirect back: signs in and sends the browser to the portal with a bearer token in the URL fragment',
      querystring: { type: 'object', properties: { code: { type: 'string' }, state: { type: 'string' }, error: { type: 'string' }, iss: { type: 'string' } } },
      response: redirectSchema,
    },
    config: limitPerMinute(limits.lookupsPerMinute),
  }, async (request, reply) => {
    if (!oidc || !cookieOptions) throw off();
    const state = text(request.query.state);
    // the sign-in is over, however it ends: its cookie goes
    if (state && STATE.test(state)) reply.header('set-cookie', setCookieHeader(oidcCookieName(state), '', { ...cookieOptions, maxAgeSeconds: 0 }));
    try {
      const token = await complete(request);
      return reply.redirect(`${PORTAL_LANDING}#token=${token}`, 302);
    } catch (err) {
      const refusal = err instanceof Refused ? err : new Refused('failed', 'the sign-in failed unexpectedly');
      if (err instanceof Refused) request.log.warn({ reason: refusal.reason, ...refusal.details }, `OIDC sign-in refused: ${refusal.message}`);
      else request.log.error({ err }, 'OIDC sign-in failed');
      await appendAudit(db, {
        actor: refusal.username ?? 'anonymous', action: 'auth.oidc.refused', entityType: 'user', entityId: refusal.username ?? '-',
        details: { reason: refusal.reason, ...refusal.details },
      }).catch((auditErr: unknown) => request.log.error({ err: auditErr }, 'the refused OIDC sign-in could not be audited'));
      return refuse(reply, refusal.reason);
    }
  });
}
