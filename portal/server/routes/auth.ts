import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, loadCurrentUser, userOf } from '../plugins/auth';
import { HttpError, RetryLater } from '../plugins/errors';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle, createLoginThrottle } from '../services/login-throttle';
import { PasswordCheck, dummyPasswordHash, verifyPassword } from '../services/passwords';
import { bearer, errorSchema } from '../schemas/common';

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' },
    organisationId: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } }, groups: { type: 'array', items: { type: 'string' } },
  },
} as const;

export interface LoginOptions {
  /** Failed sign-ins per address and user name; by default DEFAULT_LOGIN_LIMITS on the wall clock, counted in this database. */
  throttle?: LoginThrottle;
  /** The password check (tests count its calls). */
  checkPassword?: PasswordCheck;
  /** How long a refused attempt is held before its 429 (DEFAULT_REFUSAL_PAUSE_MS). */
  refusalPauseMs?: number;
}

/**
 * A refused sign-in is answered after a pause. A guesser that waits for each answer before the next
 * (a script on a few connections) then gets a few answers a second per connection, instead of
 * thousands that take the API's event loop from everyone else; a held connection costs a timer.
 * Measured with bench:load's flood (20 connections of wrong passwords).
 */
export const DEFAULT_REFUSAL_PAUSE_MS = 500;

export async function authRoutes(app: FastifyInstance, { db, login = {} }: { db: Db; login?: LoginOptions }): Promise<void> {
  const throttle = login.throttle ?? createLoginThrottle(db, DEFAULT_LOGIN_LIMITS);
  const checkPassword = login.checkPassword ?? verifyPassword;
  const refusalPauseMs = login.refusalPauseMs ?? DEFAULT_REFUSAL_PAUSE_MS;

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    schema: {
      tags: ['auth'], summary: 'Log in with user name and password; returns a bearer token',
      body: {
        type: 'object', additionalProperties: false, required: ['username', 'password'],
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: { 200: { type: 'object', properties: { token: { type: 'string' }, user: userSchema } }, 401: errorSchema, 429: errorSchema },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const admission = await throttle.admit(request.ip, username);
    if (!admission.admitted) {
      await new Promise((resolve) => setTimeout(resolve, refusalPauseMs));
      throw new RetryLater(429, 'too_many_attempts', `too many failed sign-ins; try again in ${admission.retryAfterSeconds} s`, admission.retryAfterSeconds);
    }
    const row = await db.user.findUnique({ where: { username } });
    // an unknown name is checked against a dummy hash of the same cost: the time taken does not tell which names exist
    const passwordMatches = await checkPassword(password, row?.passwordHash ?? (await dummyPasswordHash()));
    if (!row || !row.active || !passwordMatches) throw new HttpError(401, 'invalid_credentials', 'wrong user name or password');
    await admission.succeeded();
    const user = (await loadCurrentUser(db, row.id))!;
    return { token: app.jwt.sign({ sub: row.id }), user };
  });

  app.get('/api/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user', security: bearer, response: { 200: userSchema, 401: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => userOf(request));
}
