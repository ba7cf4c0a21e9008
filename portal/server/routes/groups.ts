/**
 * Candidate groups (administrators): the groups user tasks are offered to (seeded from
 * definitions/groups.json), with their members; adding a user to a group and removing one. A
 * reviewer sees a group's tasks from the next request on (plugins/auth.ts reloads groups each time).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { badRequest, notFound } from '../plugins/errors';
import { bearer, errorSchema } from '../schemas/common';

const memberSchema = { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' }, active: { type: 'boolean' } } } as const;

const groupSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, nameFa: { type: 'string' }, nameEn: { type: 'string' },
    memberCount: { type: 'integer' },
    members: { type: 'array', items: memberSchema },
  },
} as const;

const memberParams = {
  type: 'object', required: ['id', 'userId'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 }, userId: { type: 'string', minLength: 1, maxLength: 40 } },
} as const;

async function groupView(db: Db, where: { id?: string } = {}) {
  const rows = await db.group.findMany({
    where,
    include: { members: { include: { user: { select: { id: true, username: true, displayName: true, active: true } } } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((g) => ({
    id: g.id, nameFa: g.nameFa, nameEn: g.nameEn,
    memberCount: g.members.length,
    members: g.members.map((m) => m.user).sort((a, b) => a.username.localeCompare(b.username)),
  }));
}

export async function groupRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const admin = [authenticate(db), requireRole('admin')];

  app.get('/api/groups', {
    schema: { tags: ['groups'], summary: 'Candidate groups with their members (administrators)', security: bearer, response: { 200: { type: 'array', items: groupSchema }, 401: errorSchema, 403: errorSchema } },
    onRequest: admin,
  }, async () => groupView(db));

  app.get<{ Params: { id: string } }>('/api/groups/:id', {
    schema: {
      tags: ['groups'], summary: 'One candidate group with its members (administrators)', security: bearer,
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } },
      response: { 200: groupSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const [group] = await groupView(db, { id: request.params.id });
    if (!group) throw notFound(`no group "${request.params.id}"`);
    return group;
  });

  const memberOf = async (groupId: string, userId: string) => {
    const [group, user] = await Promise.all([
      db.group.findUnique({ where: { id: groupId } }),
      db.user.findUnique({ where: { id: userId }, include: { roles: true } }),
    ]);
    if (!group) throw notFound(`no group "${groupId}"`);
    if (!user) throw notFound(`no user with id "${userId}"`);
    return { group, user };
  };

  app.put<{ Params: { id: string; userId: string } }>('/api/groups/:id/members/:userId', {
    schema: {
      tags: ['groups'], summary: 'Add a reviewer or administrator to a group (administrators); adding a member twice changes nothing', security: bearer, params: memberParams,
      response: { 200: groupSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const { group, user } = await memberOf(request.params.id, request.params.userId);
    if (!user.roles.some((r) => r.role === 'reviewer' || r.role === 'admin')) {
      throw badRequest(`${user.username} is not a reviewer: give the reviewer role first (company accounts reach tasks through their organisation)`);
    }
    const existing = await db.groupMember.findUnique({ where: { userId_groupId: { userId: user.id, groupId: group.id } } });
    if (!existing) {
      await db.groupMember.create({ data: { userId: user.id, groupId: group.id } });
      await appendAudit(db, { actor: userOf(request).username, actorRole: 'admin', action: 'group.member-added', entityType: 'group', entityId: group.id, details: { username: user.username } });
    }
    return (await groupView(db, { id: group.id }))[0];
  });

  app.delete<{ Params: { id: string; userId: string } }>('/api/groups/:id/members/:userId', {
    schema: {
      tags: ['groups'], summary: 'Remove a user from a group (administrators); the tasks already claimed stay with the user', security: bearer, params: memberParams,
      response: { 200: groupSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const { group, user } = await memberOf(request.params.id, request.params.userId);
    const removed = await db.groupMember.deleteMany({ where: { userId: user.id, groupId: group.id } });
    if (removed.count) {
      await appendAudit(db, { actor: userOf(request).username, actorRole: 'admin', action: 'group.member-removed', entityType: 'group', entityId: group.id, details: { username: user.username } });
    }
    return (await groupView(db, { id: group.id }))[0];
  });
}
