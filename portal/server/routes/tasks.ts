import type { FastifyInstance } from 'fastify';
import { isReviewedDecisionMaker } from '../services/appeals';
import type { Db } from '../../../prisma/client';
import type { EngineClient } from '../engine/engine-client';
import { actorOf, authenticate, userOf } from '../plugins/auth';
import { HttpError, forbidden, notFound } from '../plugins/errors';
import { canSeeTask, canWorkOn, workableTasksWhere } from '../services/access';
import { rejectionToHttp } from '../services/engine-errors';
import { untilRowShows, whileEngineCatchesUp } from '../services/engine-catch-up';
import { requireValidSubmission } from '../services/form-submission';
import { listApplicationDocuments } from '../documents/document-view';
import type { FormSchema } from '../../../workflows/graph/types';
import { bearer, errorSchema, formValues } from '../schemas/common';
import { agentOnTask, companiesOfAgent, isAgent } from '../services/agents';
import { appendAudit } from '../../../activities/audit/audit-log';
import { filterTasks, queueApplicationSelect, queueNeedsApplication, queueSchema, queueTaskSelect, sortTasks, taskApplicationSelect, taskQuerySchema, type TaskQuery } from '../services/task-queue';
import { fallbackTaskGroup } from '../../../activities/definition-data';

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

/** A queue row: the task with its application's number, family (key, version, name) and company. */
function presentRow(t: TaskRow & { application: { trackingNumber: string; processKey: string; processVersion: number; definition: { name: string | null }; organisation: { nameFa: string; nameEn: string | null } | null; organisationId: string; applicant: { username: string } } }) {
  // organisationId and applicant are read for agents' queues, not shown
  const { definition, organisationId: _organisationId, applicant: _applicant, ...application } = t.application;
  return { ...present(t), application: { ...application, processName: definition.name } };
}

/** A queue row read with what an agent's rule needs of its application. */
const hasAgentFacts = (t: object): t is { application: { organisationId: string; applicant: { username: string } } } => 'application' in t;

/** The most tasks one answer holds (the whole list without page parameters; completed tasks, newest first). */
const MAX_TASKS_ANSWERED = 1000;

/** Whole task rows with their queue application, in the order of `ids` (read in chunks: SQLite takes at most 999 parameters). */
async function wholeRows(db: Db, ids: string[]) {
  const chunks = Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => ids.slice(i * 500, (i + 1) * 500));
  const found = (await Promise.all(chunks.map((chunk) => db.task.findMany({ where: { id: { in: chunk } }, include: { application: { select: taskApplicationSelect } } })))).flat();
  const byId = new Map(found.map((t) => [t.id, t]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function taskRoutes(app: FastifyInstance, { db, engine }: { db: Db; engine: EngineClient }): Promise<void> {
  const rowStillOpen = (taskId: string) => async () => (await db.task.findUnique({ where: { id: taskId }, select: { status: true } }))?.status === 'open';

  app.get<{ Querystring: TaskQuery }>('/api/tasks', {
    schema: {
      tags: ['tasks'],
      summary: 'My tasks: assigned to me or offered to me or one of my groups, filtered and sorted here. Without page/perPage the answer is the whole list (at most 1000; completed tasks: the newest 1000); with either, `{data, total}` of that page',
      security: bearer,
      querystring: taskQuerySchema,
      response: { 400: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const query = request.query;
    const status = query.status ?? 'open';
    // an agent's queue: the tasks waiting for the applicants of the companies that authorised its office
    const companies = isAgent(user) ? new Set(await companiesOfAgent(db, user)) : undefined;
    const agentRows = companies ? [{ candidateGroups: '', application: { organisationId: { in: [...companies] } } }] : [];
    // the queue is chosen on light rows (a task's own columns; the application only when a search,
    // the company sort or an agent's rule needs it), so every task the caller may work on takes part
    // however many there are; only the rows answered are read whole
    const where = {
      AND: [
        status === 'open' ? workableTasksWhere(user, agentRows) : { status, completedBy: user.username },
        query.processKey ? { application: { processKey: query.processKey } } : {},
      ],
    };
    const newestCompleted: { orderBy?: { completedAt: 'desc' }; take?: number } = status === 'completed' ? { orderBy: { completedAt: 'desc' }, take: MAX_TASKS_ANSWERED } : {};
    const rows = queueNeedsApplication(query) || companies
      ? await db.task.findMany({ where, ...newestCompleted, select: { ...queueTaskSelect, application: { select: { ...queueApplicationSelect, organisationId: true, applicant: { select: { username: true } } } } } })
      : await db.task.findMany({ where, ...newestCompleted, select: queueTaskSelect });
    const forAgent = (t: (typeof rows)[number]) =>
      companies !== undefined && hasAgentFacts(t) && companies.has(t.application.organisationId) && t.candidateGroups === '' && t.assignee === t.application.applicant.username;
    const mine = rows.filter((t) => status === 'completed' || canWorkOn(user, t) || forAgent(t));
    const chosen = sortTasks(filterTasks(mine, query, user.username, new Date()), query);
    const wholeList = query.page === undefined && query.perPage === undefined;
    const perPage = query.perPage ?? 25;
    const page = query.page ?? 1;
    const answered = wholeList ? chosen.slice(0, MAX_TASKS_ANSWERED) : chosen.slice((page - 1) * perPage, page * perPage);
    const presented = (await wholeRows(db, answered.map((t) => t.id))).map(presentRow);
    return wholeList ? presented : { data: presented, total: chosen.length };
  });

  app.get('/api/tasks/queues', {
    schema: {
      tags: ['tasks'],
      summary: 'My queues: each of my candidate groups with its Persian and English name and how many open tasks I may work on are offered to it (all, unassigned, overdue)',
      security: bearer,
      response: { 200: { type: 'array', items: queueSchema } },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const rows = await db.task.findMany({ where: workableTasksWhere(user), select: { assignee: true, candidateGroups: true, candidateUsers: true, dueDate: true } });
    const workable = rows.filter((t) => canWorkOn(user, t));
    const names = new Map((await db.group.findMany({ where: { id: { in: user.groups } }, select: { id: true, nameFa: true, nameEn: true } })).map((g) => [g.id, g]));
    const now = Date.now();
    const fallback = fallbackTaskGroup();
    return user.groups.map((group) => {
      const offered = workable.filter((t) => t.candidateGroups.split(',').includes(group));
      const named = names.get(group);
      const organisation = group.startsWith('org:');
      return {
        group,
        nameFa: named?.nameFa ?? (organisation ? 'سازمان شما' : group),
        nameEn: named?.nameEn ?? (organisation ? 'Your organisation' : group),
        open: offered.length,
        unassigned: offered.filter((t) => !t.assignee).length,
        overdue: offered.filter((t) => t.dueDate && t.dueDate.getTime() < now).length,
        fallback: group === fallback,
      };
    });
  });

  app.get<{ Params: { taskId: string } }>('/api/tasks/:taskId', {
    schema: { tags: ['tasks'], summary: 'One task with its form and prefilled values, what was applied for, and the application\'s documents', security: bearer, params: taskIdParam, response: { 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const task = await db.task.findUnique({ where: { id: request.params.taskId }, include: { application: { select: { ...taskApplicationSelect, submittedData: true } } } });
    if (!task) throw notFound(`no task ${request.params.taskId}`);
    if (!canSeeTask(user, task) && !(await agentOnTask(db, user, task))) throw forbidden('this task is not yours');
    // whoever may see the task may read the application's documents (canReadDocument), and needs them to work on it
    const row = presentRow(task);
    return {
      ...row,
      application: { ...row.application, submittedData: JSON.parse(task.application.submittedData) as unknown },
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
    onRequest: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const trackingNumber = request.params.taskId.split(':')[0];
    // a task the engine has not recorded yet has no form here: the engine answers for it, and the
    // closeUserTask activity attaches only the completer's own uploads in any case
    const task = await db.task.findUnique({ where: { id: request.params.taskId } });
    // a counter office's agent completes the company applicant's task for it, stamped with its contract
    const agent = task && task.status === 'open' && !canWorkOn(user, task) ? await agentOnTask(db, user, task) : undefined;
    if (task && task.status === 'open' && !canWorkOn(user, task) && !agent) throw forbidden(`${user.username} may not complete task ${task.id}`);
    if (task?.status === 'open') await refuseReviewedDecisionMaker(db, task.applicationId, user.username);
    // the engine gets the text as stored (NFC, trimmed); it checks the submission again, hidden fields and all
    const checked = task?.status === 'open' && task.form ? await requireValidSubmission(db, user, JSON.parse(task.form) as FormSchema, request.body.values, { applicationId: task.applicationId, prefill: task.prefill ? (JSON.parse(task.prefill) as Record<string, unknown>) : {} }) : {};
    const values = { ...request.body.values, ...checked };
    let result;
    try {
      const args = { taskId: request.params.taskId, actor: { ...actorOf(user), ...(agent ? { onBehalfOf: agent.onBehalfOf } : {}) }, values };
      result = await whileEngineCatchesUp(() => engine.completeTask(trackingNumber, args), rowStillOpen(request.params.taskId));
    } catch (err) {
      throw rejectionToHttp(err);
    }
    // the row is closed by an activity scheduled once the workflow has saved the completion: the
    // answer waits for it, so the caller's next read (the queue, the task) does not show it open
    await untilRowShows(async () => !(await rowStillOpen(request.params.taskId)()));
    if (agent && task) {
      await appendAudit(db, {
        actor: user.username,
        actorRole: 'agent',
        action: 'agent.acted',
        applicationId: task.applicationId,
        entityType: 'task',
        entityId: task.id,
        details: { elementId: task.elementId, onBehalfOf: agent.onBehalfOf, agent: agent.stamp },
        dedupeKey: `agent.acted:${task.id}`,
      });
    }
    return result;
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
      onRequest: authenticate(db),
    }, async (request) => {
      const user = userOf(request);
      const trackingNumber = request.params.taskId.split(':')[0];
      if (action === 'claim') {
        const task = await db.task.findUnique({ where: { id: request.params.taskId }, select: { status: true, applicationId: true } });
        // taken, the task would be kept from the members who may decide it
        if (task?.status === 'open') await refuseReviewedDecisionMaker(db, task.applicationId, user.username);
      }
      try {
        const args = { taskId: request.params.taskId, actor: actorOf(user) };
        await whileEngineCatchesUp(() => engine.claimTask(trackingNumber, args, action === 'claim'), rowStillOpen(request.params.taskId));
      } catch (err) {
        throw rejectionToHttp(err);
      }
      // the claim and unclaim updates answer once their row is written (the workflow's handler waits for it)
      return { taskId: request.params.taskId, assignee: action === 'claim' ? user.username : null };
    });
  }
}

/**
 * Four eyes across processes, per person: whoever made the decision a ruling reviews (an appeal's
 * rejecting reviewer) may neither take nor complete the ruling's task, even as a member of its group.
 */
async function refuseReviewedDecisionMaker(db: Db, applicationId: string, username: string): Promise<void> {
  if (await isReviewedDecisionMaker(db, applicationId, username)) {
    throw new HttpError(403, 'four_eyes', `four eyes: ${username} made the decision under review and may not rule on it; another member of the group decides`);
  }
}
