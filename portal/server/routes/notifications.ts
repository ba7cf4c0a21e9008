import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, userOf } from '../plugins/auth';
import { bearer } from '../schemas/common';

export async function notificationRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: 'My inbox, newest first', security: bearer },
    preHandler: authenticate(db),
  }, async (request) => db.notification.findMany({ where: { userId: userOf(request).id }, orderBy: { createdAt: 'desc' }, take: 200 }));
}
