import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { EngineClient } from '../engine/engine-client';
import { actorOf, authenticate, userOf } from '../plugins/auth';
import { forbidden, notFound } from '../plugins/errors';
import { canSeeTask, canWorkOn } from '../services/access';
import { rejectionToHttp } from '../services/engine-errors';
import { requireValidSubmission } from '../services/form-submission';
import { listApplicationDocuments } from '../documents/document-view';
import type { FormSchema } from '../../../workflows/graph/types';
import { bearer, errorSchema, formValues } from '../schemas/common';

export const taskIdParam = {
  type: 'object',
  // <tracking>[.<call activity>-<n>…]:<element>:<activation>; the dotted part names a called process's instance
  properties: { taskId: { type: 'string', maxLength: 1000, pattern: '^[A-Z]{2,4}-[0-9]{8}-[0-9A-Z]{6}(\\.[A-Za-z_][\\w.-]{0,254}-[0-9]{1,6}){0,8}:[A-Za-z_][\\w.-]{0,254}:[0-9]{1,6}$' } },
  required: ['taskId'],
} as const;

type TaskRow = NonNullable<Awaited<ReturnType<Db['task']['findUnique']>>>;

function present(t: TaskRow & { application?: { trackingNumber: string; processKey: string } }) {
  const json = (s: string | null) => (s ? JSON.parse(s) : null);
  return {
    ...t,
    candidateGroups: t.candidateGroups ? t.candidateGroups.split(',') : [],
    candidateUsers: t.candidateUsers ? t.candidateUsers.split(',') : [],
    form: json(t.form),
    prefill: json(t.prefill),
    output: json(t.output),
  };
}

export async function taskRoutes(app: FastifyInstance, { db, engine }: { db: Db; engine: EngineClient }): Promise<void> {
  app.get<{ Querystring: { status?: 'open' | 'completed' } }>('/api/tasks', {
    schema: {
      tags: ['tasks'], summary: 'My tasks: assigned to me or offered to one of my groups', security: bearer,
      querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['open', 'completed'] } } },
    },
    preHandler: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const status = request.query.status ?? 'open';
    const rows = await db.task.findMany({
      where: status === 'open' ? { status } : { status, completedBy: user.username },
      orderBy: { createdAt: 'asc' },
      take: 1000,
      include: { application: { select: { trackingNumber: true, processKey: true } } },
    });
    return rows.filter((t) => status === 'completed' || canWorkOn(user, t)).map(present);
  });

  app.get<{ Params: { taskId: string } }>('/api/tasks/:taskId', {
    schema: { tags: ['tasks'], summary: 'One task with its form and prefilled values, what was applied for, and the application\'s documents', security: bearer, params: taskIdParam, response: { 404: errorSchema } },
    preHandler: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const task = await db.task.findUnique({ where: { id: request.params.taskId }, include: { application: { select: { trackingNumber: true, processKey: true, submittedData: true } } } });
    if (!task) throw notFound(`no task ${request.params.taskId}`);
    if (!canSeeTask(user, task)) throw forbidden('this task is not yours');
    // whoever may see the task may read the application's documents (canReadDocument), and needs them to work on it
    return {
      ...present(task),
      application: { ...task.application, submittedData: JSON.parse(task.application.submittedData) as unknown },
      documents: await listApplicationDocuments(db, task.applicationId),
    };
  });

  app.post<{ Params: { taskId: string }; Body: { values: Record<string, unknown> } }>('/api/tasks/:taskId/complete', {
    schema: {
      tags: ['tasks'], summary: 'Complete a task with its form values (validated by the running process)', security: bearer,
      params: taskIdParam,
      body: { type: 'object', additionalProperties: false, required: ['values'], properties: { values: formValues } },
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    preHandler: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const trackingNumber = request.params.taskId.split(':')[0];
    // a task the engine has not recorded yet has no form here: the engine answers for it, and the
    // closeUserTask activity attaches only the completer's own uploads in any case
    const task = await db.task.findUnique({ where: { id: request.params.taskId } });
    if (task && task.status === 'open' && !canWorkOn(user, task)) throw forbidden(`${user.username} may not complete task ${task.id}`);
    if (task?.status === 'open' && task.form) await requireValidSubmission(db, user, JSON.parse(task.form) as FormSchema, request.body.values, { applicationId: task.applicationId, prefill: task.prefill ? (JSON.parse(task.prefill) as Record<string, unknown>) : {} });
    try {
      return await engine.completeTask(trackingNumber, { taskId: request.params.taskId, actor: actorOf(user), values: request.body.values });
    } catch (err) {
      throw rejectionToHttp(err);
    }
  });

  for (const action of ['claim', 'unclaim'] as const) {
    app.post<{ Params: { taskId: string } }>(`/api/tasks/:taskId/${action}`, {
      schema: {
        tags: ['tasks'],
        summary: action === 'claim' ? 'Take a task offered to your group: it becomes yours alone' : 'Give a claimed task back to its candidates',
        security: bearer,
        params: taskIdParam,
        response: { 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
      preHandler: authenticate(db),
    }, async (request) => {
      const user = userOf(request);
      const trackingNumber = request.params.taskId.split(':')[0];
      try {
        await engine.claimTask(trackingNumber, { taskId: request.params.taskId, actor: actorOf(user) }, action === 'claim');
      } catch (err) {
        throw rejectionToHttp(err);
      }
      return { taskId: request.params.taskId, assignee: action === 'claim' ? user.username : null };
    });
  }
}
