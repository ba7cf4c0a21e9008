import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, loadCurrentUser, userOf } from '../plugins/auth';
import { HttpError } from '../plugins/errors';
import { verifyPassword } from '../services/passwords';
import { bearer, errorSchema } from '../schemas/common';

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, username: { type: 'string' }, displayName: { type: 'string' },
    organisationId: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } }, groups: { type: 'array', items: { type: 'string' } },
  },
} as const;

export async function authRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    schema: {
      tags: ['auth'], summary: 'Log in with user name and password; returns a bearer token',
      body: {
        type: 'object', additionalProperties: false, required: ['username', 'password'],
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: { 200: { type: 'object', properties: { token: { type: 'string' }, user: userSchema } }, 401: errorSchema },
    },
  }, async (request) => {
    const { username, password } = request.body;
    const row = await db.user.findUnique({ where: { username } });
    if (!row || !row.active || !verifyPassword(password, row.passwordHash)) throw new HttpError(401, 'invalid_credentials', 'wrong user name or password');
    const user = (await loadCurrentUser(db, row.id))!;
    return { token: app.jwt.sign({ sub: row.id }), user };
  });

  app.get('/api/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user', security: bearer, response: { 200: userSchema, 401: errorSchema } },
    preHandler: authenticate(db),
  }, async (request) => userOf(request));
}
