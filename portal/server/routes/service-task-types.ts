/**
 * The service-task types the engine runs, described for the process editor: what each does, the
 * headers it needs, the variables it reads and sets, the BPMN errors it may throw.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { SERVICE_TASK_TYPES } from '../../../activities/service-tasks/catalogue';
import { authenticate, requireRole } from '../plugins/auth';
import { bearer } from '../schemas/common';

export async function serviceTaskTypeRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/api/service-task-types', {
    schema: { tags: ['definitions'], summary: 'The service-task types this engine runs, with their headers and variables', security: bearer },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async () => SERVICE_TASK_TYPES);
}
