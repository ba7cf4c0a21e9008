/**
 * Authentication (JWT bearer tokens, issued by POST /api/auth/login) and role checks.
 * Each request reloads the user, so a deactivated account or a changed group takes effect at once.
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { Actor } from '../../../workflows/messages';
import { HttpError, forbidden } from './errors';

export interface CurrentUser extends Actor {
  id: string;
  displayName: string;
  organisationId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    currentUser?: CurrentUser;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
  }
}

export const TOKEN_LIFETIME = '8h';

/**
 * The candidate group every user of an organisation belongs to, e.g. `org:10320000001`: a process
 * hands a task to an outside organisation (the evaluation lab or audit body an applicant chose) with
 * `candidateGroups="=\"org:\" + evaluationLab"`.
 */
export const organisationGroup = (nationalId: string): string => `org:${nationalId}`;

export async function loadCurrentUser(db: Db, userId: string): Promise<CurrentUser | undefined> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { roles: true, groups: true, organisation: { select: { nationalId: true } } } });
  if (!user || !user.active) return undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    organisationId: user.organisationId,
    roles: user.roles.map((r) => r.role),
    groups: [...user.groups.map((g) => g.groupId), ...(user.organisation ? [organisationGroup(user.organisation.nationalId)] : [])],
  };
}

export async function registerAuth(app: FastifyInstance, db: Db, secret: string): Promise<void> {
  await app.register(fastifyJwt, {
    secret,
    sign: { algorithm: 'HS256', expiresIn: TOKEN_LIFETIME },
    // a token without an expiry would be good for ever: refused, as is any other algorithm
    verify: { algorithms: ['HS256'], requiredClaims: ['exp'] },
  });
}

/**
 * onRequest hook: the caller must present a valid token of an active user. It runs before the body
 * is parsed and validated, so an anonymous caller learns nothing of a route's schema (401, not 400)
 * and never makes the API parse its body.
 */
export function authenticate(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    let payload: { sub: string };
    try {
      payload = await request.jwtVerify<{ sub: string }>();
    } catch {
      throw new HttpError(401, 'unauthorised', 'a valid bearer token is required (POST /api/auth/login)');
    }
    const user = await loadCurrentUser(db, payload.sub);
    if (!user) throw new HttpError(401, 'unauthorised', 'the account of this token no longer exists or is inactive');
    request.currentUser = user;
  };
}

/** onRequest hook (after authenticate): the caller must hold one of the roles. */
export function requireRole(...roles: string[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const user = request.currentUser;
    if (!user || !roles.some((r) => user.roles.includes(r))) throw forbidden(`this action needs the role ${roles.join(' or ')}`);
  };
}

export function userOf(request: FastifyRequest): CurrentUser {
  if (!request.currentUser) throw new HttpError(401, 'unauthorised', 'not authenticated');
  return request.currentUser;
}

/** The identity passed to the workflow: only what its rules need (recorded in history). */
export function actorOf(user: CurrentUser): Actor {
  return { username: user.username, roles: user.roles, groups: user.groups };
}
