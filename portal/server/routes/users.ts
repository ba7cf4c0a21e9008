/**
 * User accounts (administrators): the list with roles, groups and organisation; creating a company
 * (applicant) account with its organisation, a counter office's agent (role `agent`, the office's
 * organisation: routes/counter-offices.ts), a reviewer or an administrator; setting roles and
 * groups; disabling and enabling (a disabled account cannot log in, and its tokens stop working at
 * once: plugins/auth.ts reloads the user on every request); resetting a password. Password hashes
 * never leave the server. Every change is written to the audit log.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { authenticate, requireRole, userOf, type CurrentUser } from '../plugins/auth';
import { badRequest, conflict, notFound } from '../plugins/errors';
import { isValidLegalEntityId, normaliseLegalEntityId } from '../services/legal-entity-id';
import { hashPassword } from '../services/passwords';
import { optionalCleanText, requireCleanText } from '../services/hostile-text';
import { bearer, errorSchema } from '../schemas/common';

export const ROLES = ['applicant', 'reviewer', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const USERNAME = { type: 'string', pattern: '^[a-z][a-z0-9._-]{2,39}$', description: 'lower-case letters, digits, . _ -; 3 to 40 characters, starting with a letter' } as const;
const PASSWORD = { type: 'string', minLength: 8, maxLength: 200 } as const;
const DISPLAY_NAME = { type: 'string', minLength: 2, maxLength: 200, pattern: '\\S' } as const;
const REASON = { type: 'string', minLength: 3, maxLength: 500, pattern: '\\S' } as const;
const userIdParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 40 } } } as const;

export const userViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    groups: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, nameFa: { type: 'string' }, nameEn: { type: 'string' } } } },
    organisation: { type: ['object', 'null'], properties: { id: { type: 'string' }, nationalId: { type: 'string' }, nameFa: { type: 'string' }, nameEn: { type: ['string', 'null'] } } },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const USER_INCLUDE = {
  roles: true,
  groups: { include: { group: true } },
  organisation: { select: { id: true, nationalId: true, nameFa: true, nameEn: true } },
} as const;

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserRow>>>;

function findUserRow(db: Db, id: string) {
  return db.user.findUnique({ where: { id }, include: USER_INCLUDE });
}

/** What the API says of a user: never the password hash. */
export function userView(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles.map((r) => r.role).sort(),
    groups: row.groups.map((g) => ({ id: g.group.id, nameFa: g.group.nameFa, nameEn: g.group.nameEn })).sort((a, b) => a.id.localeCompare(b.id)),
    organisation: row.organisation,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

async function userOr404(db: Db, id: string): Promise<UserRow> {
  const row = await findUserRow(db, id);
  if (!row) throw notFound(`no user with id "${id}"`);
  return row;
}

/** Refuses a change that would leave no active administrator (nobody could manage accounts again). */
async function keepAnAdministrator(db: Db, without: string): Promise<void> {
  const others = await db.user.count({ where: { active: true, id: { not: without }, roles: { some: { role: 'admin' } } } });
  if (others === 0) throw conflict('this is the last active administrator: make another administrator first');
}

const audit = (db: Db, actor: CurrentUser, action: string, user: { username: string }, details: Record<string, unknown>) =>
  appendAudit(db, { actor: actor.username, actorRole: 'admin', action, entityType: 'user', entityId: user.username, details });

interface CreateUserBody {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  organisation?: { nationalId: string; nameFa?: string; nameEn?: string };
  groups?: string[];
}

export async function userRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const admin = [authenticate(db), requireRole('admin')];

  app.get<{ Querystring: { q?: string; role?: Role; group?: string; active?: boolean } }>('/api/users', {
    schema: {
      tags: ['users'], summary: 'User accounts with their roles, groups and organisation (administrators); at most 2,000, by user name', security: bearer,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          q: { type: 'string', minLength: 1, maxLength: 100 },
          role: { type: 'string', enum: [...ROLES] },
          group: { type: 'string', maxLength: 100 },
          active: { type: 'boolean' },
        },
      },
      response: { 200: { type: 'array', items: userViewSchema }, 401: errorSchema, 403: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const { q, role, group, active } = request.query;
    const rows = await db.user.findMany({
      where: {
        ...(role ? { roles: { some: { role } } } : {}),
        ...(group ? { groups: { some: { groupId: group } } } : {}),
        ...(active !== undefined ? { active } : {}),
        ...(q ? { OR: [{ username: { contains: q } }, { displayName: { contains: q } }, { organisation: { is: { OR: [{ nationalId: { contains: q } }, { nameFa: { contains: q } }, { nameEn: { contains: q } }] } } }] } : {}),
      },
      include: USER_INCLUDE,
      orderBy: { username: 'asc' },
      take: 2000,
    });
    return rows.map(userView);
  });

  app.get<{ Params: { id: string } }>('/api/users/:id', {
    schema: { tags: ['users'], summary: 'One user account (administrators)', security: bearer, params: userIdParam, response: { 200: userViewSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    onRequest: admin,
  }, async (request) => userView(await userOr404(db, request.params.id)));

  app.post<{ Body: CreateUserBody }>('/api/users', {
    schema: {
      tags: ['users'],
      summary: "Create an account (administrators): a company (applicant) account with its organisation (an existing one by national ID, or a new one with its Persian name), a counter office's agent (role agent, the office's national ID), a reviewer (with groups) or an administrator",
      security: bearer,
      body: {
        type: 'object', additionalProperties: false, required: ['username', 'displayName', 'password', 'role'],
        properties: {
          username: USERNAME,
          displayName: DISPLAY_NAME,
          password: PASSWORD,
          role: { type: 'string', enum: [...ROLES] },
          organisation: {
            type: 'object', additionalProperties: false, required: ['nationalId'],
            properties: {
              nationalId: { type: 'string', minLength: 11, maxLength: 20 },
              nameFa: { type: 'string', minLength: 2, maxLength: 200, pattern: '\\S' },
              nameEn: { type: 'string', minLength: 2, maxLength: 200, pattern: '\\S' },
            },
          },
          groups: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
      response: { 201: userViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
    },
    onRequest: admin,
  }, async (request, reply) => {
    const actor = userOf(request);
    // names are shown to officials, printed on certificates and published: the text policy, stored normalised
    const names = requireCleanText(
      { displayName: request.body.displayName, 'organisation.nameFa': request.body.organisation?.nameFa, 'organisation.nameEn': request.body.organisation?.nameEn },
      { singleLine: ['displayName', 'organisation.nameFa', 'organisation.nameEn'] },
    );
    const body: CreateUserBody = {
      ...request.body,
      displayName: names.displayName,
      ...(request.body.organisation ? { organisation: { ...request.body.organisation, nameFa: names['organisation.nameFa'], nameEn: names['organisation.nameEn'] } } : {}),
    };
    const groups = body.groups ?? [];
    const ofOrganisation = body.role === 'applicant' || body.role === 'agent';
    if (body.role === 'applicant' && !body.organisation) throw badRequest('a company account needs its organisation', { organisation: 'give the company\'s national ID (11 digits)' });
    if (body.role === 'agent' && !body.organisation) throw badRequest('an agent belongs to a counter office', { organisation: 'give the counter office\'s national ID (11 digits)' });
    if (!ofOrganisation && body.organisation) throw badRequest('only company (applicant) and counter-office (agent) accounts belong to an organisation', { organisation: 'leave it out for reviewers and administrators' });
    if (ofOrganisation && groups.length) throw badRequest('company and agent accounts are not put in reviewer groups', { groups: 'leave it out for company and agent accounts' });
    if (await db.user.findUnique({ where: { username: body.username } })) throw conflict(`the user name "${body.username}" is taken`);
    await checkGroups(db, groups);

    let organisationId: string | null = null;
    let organisationCreated = false;
    if (body.organisation && body.role === 'agent') {
      organisationId = await counterOfficeOf(db, body.organisation);
    } else if (body.organisation) {
      const nationalId = normaliseLegalEntityId(body.organisation.nationalId);
      const existing = await db.organisation.findUnique({ where: { nationalId } });
      if (existing && (await db.counterOffice.findUnique({ where: { organisationId: existing.id } }))) {
        throw badRequest('this organisation is a counter office: its accounts are agents, not company accounts', { 'organisation.nationalId': 'is a counter office\'s national ID' });
      }
      if (existing) organisationId = existing.id;
      else {
        if (!isValidLegalEntityId(nationalId)) throw badRequest('the national ID is not a valid legal person\'s national ID', { 'organisation.nationalId': 'eleven digits whose last is the check digit' });
        const nameFa = body.organisation.nameFa;
        if (!nameFa) throw badRequest('a new organisation needs its Persian name', { 'organisation.nameFa': 'required for an organisation not yet registered' });
        const created = await db.organisation.create({ data: { nationalId, nameFa, nameEn: body.organisation.nameEn ?? null } });
        organisationId = created.id;
        organisationCreated = true;
      }
    }
    const row = await db.user.create({
      data: {
        username: body.username,
        displayName: body.displayName,
        passwordHash: await hashPassword(body.password),
        organisationId,
        roles: { create: [{ role: body.role }] },
        groups: { create: groups.map((groupId) => ({ groupId })) },
      },
      include: USER_INCLUDE,
    });
    await audit(db, actor, 'user.created', row, { role: body.role, groups, organisation: row.organisation?.nationalId ?? null, organisationCreated });
    return reply.status(201).send(userView(row));
  });

  app.put<{ Params: { id: string }; Body: { roles: Role[] } }>('/api/users/:id/roles', {
    schema: {
      tags: ['users'], summary: 'Set a user\'s roles (administrators); the applicant role needs an organisation, the agent role a counter office\'s', security: bearer, params: userIdParam,
      body: { type: 'object', additionalProperties: false, required: ['roles'], properties: { roles: { type: 'array', minItems: 1, maxItems: ROLES.length, uniqueItems: true, items: { type: 'string', enum: [...ROLES] } } } },
      response: { 200: userViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const actor = userOf(request);
    const row = await userOr404(db, request.params.id);
    const roles = [...new Set(request.body.roles)].sort();
    if (roles.includes('applicant') && !row.organisationId) throw badRequest('the applicant role needs an organisation, and this account has none', { roles: 'an applicant acts for its company' });
    const isOffice = !!row.organisationId && !!(await db.counterOffice.findUnique({ where: { organisationId: row.organisationId } }));
    if (roles.includes('agent') && !isOffice) throw badRequest('the agent role needs a counter office, and this account belongs to none', { roles: 'an agent acts for the counter office it belongs to' });
    if (roles.includes('applicant') && isOffice) throw badRequest('a counter office\'s account is an agent, not a company account', { roles: 'give the agent role instead of applicant' });
    const before = row.roles.map((r) => r.role).sort();
    if (before.includes('admin') && !roles.includes('admin')) {
      if (row.id === actor.id) throw conflict('you cannot take the administrator role from yourself');
      if (row.active) await keepAnAdministrator(db, row.id);
    }
    await db.$transaction([
      db.userRole.deleteMany({ where: { userId: row.id, role: { notIn: roles } } }),
      ...roles.filter((r) => !before.includes(r)).map((role) => db.userRole.create({ data: { userId: row.id, role } })),
    ]);
    if (before.join() !== roles.join()) await audit(db, actor, 'user.roles-set', row, { from: before, to: roles });
    return userView(await userOr404(db, row.id));
  });

  app.put<{ Params: { id: string }; Body: { active: boolean; reason?: string } }>('/api/users/:id/active', {
    schema: {
      tags: ['users'], summary: 'Disable or enable an account (administrators): a disabled account cannot log in and its tokens stop working', security: bearer, params: userIdParam,
      body: { type: 'object', additionalProperties: false, required: ['active'], properties: { active: { type: 'boolean' }, reason: REASON } },
      response: { 200: userViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const actor = userOf(request);
    const row = await userOr404(db, request.params.id);
    const { active, reason } = request.body;
    if (row.active === active) return userView(row);
    if (!active) {
      if (row.id === actor.id) throw conflict('you cannot disable your own account');
      if (row.roles.some((r) => r.role === 'admin')) await keepAnAdministrator(db, row.id);
    }
    await db.user.update({ where: { id: row.id }, data: { active } });
    await audit(db, actor, active ? 'user.enabled' : 'user.disabled', row, { reason: optionalCleanText('reason', reason) ?? null });
    return userView(await userOr404(db, row.id));
  });

  app.put<{ Params: { id: string }; Body: { password: string } }>('/api/users/:id/password', {
    schema: {
      tags: ['users'], summary: 'Reset a user\'s password (administrators); the new password is not kept anywhere but as its hash', security: bearer, params: userIdParam,
      body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: PASSWORD } },
      response: { 204: { type: 'null' }, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request, reply) => {
    const actor = userOf(request);
    const row = await userOr404(db, request.params.id);
    await db.user.update({ where: { id: row.id }, data: { passwordHash: await hashPassword(request.body.password) } });
    await audit(db, actor, 'user.password-reset', row, {});
    return reply.status(204).send();
  });
}

/** The organisation id of the counter office an agent is made for (by its national ID); 400 when it is none. */
async function counterOfficeOf(db: Db, organisation: { nationalId: string; nameFa?: string; nameEn?: string }): Promise<string> {
  if (organisation.nameFa !== undefined || organisation.nameEn !== undefined) {
    throw badRequest('an agent joins a registered counter office: its names are not given here', { organisation: 'give only the office\'s national ID (register new offices on the counter offices page)' });
  }
  const nationalId = normaliseLegalEntityId(organisation.nationalId);
  const org = await db.organisation.findUnique({ where: { nationalId }, select: { id: true } });
  const office = org && (await db.counterOffice.findUnique({ where: { organisationId: org.id } }));
  if (!org || !office) throw badRequest(`no counter office with national ID ${nationalId}`, { 'organisation.nationalId': 'must be a registered counter office\'s national ID' });
  return org.id;
}

/** Every group id must exist (groups are seeded from definitions/groups.json). */
export async function checkGroups(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = new Set((await db.group.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((g) => g.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw badRequest(`no group ${missing.map((m) => `"${m}"`).join(', ')}`, { groups: `unknown: ${missing.join(', ')}` });
}
