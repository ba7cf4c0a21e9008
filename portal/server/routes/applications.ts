import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { EngineClient } from '../engine/engine-client';
import { actorOf, authenticate, requireRole, userOf } from '../plugins/auth';
import { badRequest, HttpError, notFound } from '../plugins/errors';
import { applicationScopeFor } from '../services/access';
import { isAgent, requireAgentFor, type AgentStamp } from '../services/agents';
import { listApplicationDocuments } from '../documents/document-view';
import { rejectionToHttp } from '../services/engine-errors';
import { findDefinition, startApplication } from '../services/start-application';
import { requireReason } from '../services/hostile-text';
import { appendAudit } from '../../../activities/audit/audit-log';
import type { ProcessGraph } from '../../../workflows/graph/types';
import { bearer, errorSchema, formValues, trackingNumberParam } from '../schemas/common';
import { decisionTimeOf } from '../services/decision-date';
import { clockedFeesOf, clockedFeesOfOne } from '../../../activities/deadlines/clocked-fees';
import { appealStateOf } from '../services/appeals';
import { graphOf } from '../services/process-graphs';
import type { PaymentService } from '../services/payments/payment-service';

/** 201: the workflow runs; 202: recorded while the engine was down, started as soon as it answers. */
const startedSchema = { type: 'object', properties: { trackingNumber: { type: 'string' }, processKey: { type: 'string' }, processVersion: { type: 'integer' }, started: { type: 'boolean' } } } as const;

/** Statuses of an application that is over: nothing left to cancel. */
const FINISHED = new Set(['completed', 'cancelled', 'failed', 'terminated']);

function parseJson(text: string | null): unknown {
  return text ? JSON.parse(text) : null;
}

/**
 * Every step an agent of a counter office took names the agent, its office and contract number
 * (`agent`): the API's own entries carry it in their details; a task the agent completed gets it
 * from the `agent.acted` entry the API wrote beside the engine's `task.completed`.
 */
function withAgentStamps<T extends { action: string; actorRole: string | null; entityId: string; details: Record<string, unknown> }>(history: T[]): (T & { agent: unknown })[] {
  const byTask = new Map(history.filter((h) => h.action === 'agent.acted').map((h) => [h.entityId, h.details.agent]));
  return history.map((h) => ({ ...h, agent: h.details.agent ?? (h.action === 'task.completed' && h.actorRole === 'agent' ? byTask.get(h.entityId) ?? null : null) }));
}

async function applicationOr404(db: Db, trackingNumber: string) {
  const row = await db.application.findUnique({ where: { trackingNumber } });
  if (!row) throw notFound(`no application ${trackingNumber}`);
  return row;
}

export async function applicationRoutes(app: FastifyInstance, { db, engine, payments, definitionsDir }: { db: Db; engine: EngineClient; payments?: PaymentService; definitionsDir?: string }): Promise<void> {
  app.post<{ Body: { processKey: string; version?: number; versionTag?: string; data: Record<string, unknown>; onBehalfOf?: string } }>('/api/applications', {
    schema: {
      tags: ['applications'],
      summary: 'Apply: start an application of a process (validated against its start form). A counter office\'s agent names the company it applies for in onBehalfOf (its national ID)',
      security: bearer,
      body: {
        type: 'object', additionalProperties: false, required: ['processKey', 'data'],
        properties: {
          processKey: { type: 'string', minLength: 1, maxLength: 200 }, version: { type: 'integer', minimum: 1 }, versionTag: { type: 'string', minLength: 1, maxLength: 100 }, data: formValues,
          onBehalfOf: { type: 'string', pattern: '^[0-9]{10,11}$' },
        },
      },
      response: { 201: startedSchema, 202: startedSchema, 400: errorSchema, 403: errorSchema, 404: errorSchema, 503: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant', 'agent')],
  }, async (request, reply) => {
    const user = userOf(request);
    const { onBehalfOf, ...req } = request.body;
    if (!isAgent(user)) {
      if (onBehalfOf !== undefined) throw badRequest('onBehalfOf is for agents of counter offices', { onBehalfOf: 'only agents act for another company' });
      const started = await startApplication(db, engine, user, req, undefined, { definitionsDir });
      return reply.status(started.started ? 201 : 202).send(started);
    }
    if (onBehalfOf === undefined) throw badRequest('name the company you apply for (its national ID)', { onBehalfOf: 'is required for agents' });
    const company = await db.organisation.findUnique({ where: { nationalId: onBehalfOf } });
    if (!company) throw notFound(`no company with national ID ${onBehalfOf}`);
    const { stamp, grantedById } = await requireAgentFor(db, user, company.id);
    const started = await startApplication(db, engine, user, req, { companyId: company.id, applicantId: grantedById, stamp }, { definitionsDir });
    return reply.status(started.started ? 201 : 202).send(started);
  });

  app.get('/api/applications', {
    schema: {
      tags: ['applications'],
      summary: 'Applications visible to the caller, newest first, each with its open tasks (the next step) and the expected decision date (decisionTime, as on one application)',
      security: bearer,
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const rows = await db.application.findMany({
      where: await applicationScopeFor(db, userOf(request)),
      orderBy: { createdAt: 'desc' },
      take: 500,
      include: {
        organisation: { select: { nameFa: true, nationalId: true } },
        certificates: { select: { number: true, status: true, issuedAt: true, expiresAt: true } },
        applicant: { select: { username: true } },
        // the open tasks (the next step) and every task that may have waited for the applicant (the paused days)
        tasks: {
          where: { OR: [{ status: 'open' }, { candidateGroups: '' }] },
          orderBy: { createdAt: 'asc' },
          select: { id: true, elementId: true, name: true, status: true, assignee: true, candidateGroups: true, createdAt: true, completedAt: true, dueDate: true },
        },
      },
    });
    const fees = await clockedFeesOf(db, rows);
    return Promise.all(rows.map(async ({ applicant, tasks, ...r }) => {
      const graph = await graphOf(db, r.definitionId);
      const decisionTime = await decisionTimeOf(db, graph, { ...r, applicantUsername: applicant.username, tasks, fees: fees.get(r.id) ?? [] }, new Date(), definitionsDir);
      const openTasks = tasks
        .filter((t) => t.status === 'open')
        .map((t) => ({ id: t.id, elementId: t.elementId, name: t.name, dueDate: t.dueDate, createdAt: t.createdAt, forApplicant: t.assignee === applicant.username && t.candidateGroups === '' }));
      return { ...r, submittedData: parseJson(r.submittedData), openTasks, decisionTime };
    }));
  });

  app.get<{ Params: { trackingNumber: string } }>('/api/applications/:trackingNumber', {
    schema: { tags: ['applications'], summary: 'One application with its tasks, documents, history, certificates, live state, legal deadline (decisionTime) and appeal window (appeal)', security: bearer, params: trackingNumberParam, response: { 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => {
    const user = userOf(request);
    const found = await db.application.findFirst({
      where: { trackingNumber: request.params.trackingNumber, ...(await applicationScopeFor(db, user)) },
      include: {
        organisation: { select: { nameFa: true, nameEn: true, nationalId: true } },
        tasks: { orderBy: { createdAt: 'asc' } },
        certificates: { select: { number: true, status: true, issuedAt: true, expiresAt: true, pdfSha256: true } },
        definition: { select: { graph: true } },
        applicant: { select: { username: true } },
      },
    });
    if (!found) throw notFound(`no application ${request.params.trackingNumber}`);
    const { definition, applicant, ...row } = found;
    // what the history shows; the chain's bookkeeping (chainSeq, chainHash) and retry keys stay inside
    const history = await db.auditLog.findMany({
      where: { applicationId: row.id }, orderBy: { id: 'asc' },
      select: { id: true, at: true, actor: true, actorRole: true, action: true, entityType: true, entityId: true, details: true },
    });
    const live = await engine.state(row.trackingNumber).catch(() => undefined);
    // the legal clock runs on the instance's engine time (moved forward in demos and tests)
    const now = live?.clock ? new Date(live.clock) : new Date();
    const decisionTime = await decisionTimeOf(db, JSON.parse(definition.graph) as ProcessGraph, { ...row, applicantUsername: applicant.username, fees: await clockedFeesOfOne(db, row) }, now, definitionsDir);
    return {
      ...row,
      submittedData: parseJson(row.submittedData),
      tasks: row.tasks.map((t) => ({ ...t, form: parseJson(t.form), prefill: parseJson(t.prefill), output: parseJson(t.output) })),
      documents: await listApplicationDocuments(db, row.id),
      history: withAgentStamps(history.map((h) => ({ ...h, details: parseJson(h.details) as Record<string, unknown> }))),
      decisionTime,
      appeal: await appealStateOf(db, row),
      state: live ? { status: live.status, activeElements: live.activeElements, openTasks: live.openTasks.map((t) => t.taskId), incidents: live.incidents.map(({ stack: _stack, ...incident }) => incident), completed: live.completed } : null,
    };
  });

  app.post<{ Params: { trackingNumber: string; incidentId: string } }>('/api/applications/:trackingNumber/incidents/:incidentId/retry', {
    schema: {
      tags: ['applications'], summary: 'Retry the failed step behind an incident', security: bearer,
      params: { type: 'object', properties: { ...trackingNumberParam.properties, incidentId: { type: 'string', maxLength: 300 } } },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const user = userOf(request);
    try {
      await engine.retryIncident(request.params.trackingNumber, { incidentId: request.params.incidentId, actor: actorOf(user) });
    } catch (err) {
      throw rejectionToHttp(err);
    }
    return { retried: request.params.incidentId };
  });

  app.post<{ Params: { trackingNumber: string }; Body: { version: number; mapping?: Record<string, string> } }>('/api/applications/:trackingNumber/migrate', {
    schema: {
      tags: ['applications'], summary: 'Move a waiting application to another version of its process, mapping the elements where tokens wait', security: bearer,
      params: trackingNumberParam,
      body: {
        type: 'object', additionalProperties: false, required: ['version'],
        properties: {
          version: { type: 'integer', minimum: 1 },
          mapping: { type: 'object', maxProperties: 200, additionalProperties: { type: 'string', minLength: 1, maxLength: 255 } },
        },
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const user = userOf(request);
    const app_ = await applicationOr404(db, request.params.trackingNumber);
    const target = await findDefinition(db, app_.processKey, request.body.version);
    try {
      await engine.migrate(app_.trackingNumber, {
        definition: { id: target.id, key: target.key, version: target.version, sha256: target.sha256 },
        graph: JSON.parse(target.graph) as ProcessGraph,
        mapping: request.body.mapping ?? {},
        actor: actorOf(user),
      });
    } catch (err) {
      throw rejectionToHttp(err);
    }
    await db.application.update({ where: { id: app_.id }, data: { definitionId: target.id, processVersion: target.version } });
    await appendAudit(db, {
      actor: user.username,
      actorRole: 'admin',
      action: 'application.migrated',
      applicationId: app_.id,
      entityType: 'application',
      entityId: app_.trackingNumber,
      details: { from: app_.processVersion, to: target.version, mapping: request.body.mapping ?? {} },
    });
    return { trackingNumber: app_.trackingNumber, version: target.version };
  });

  app.post<{ Params: { trackingNumber: string }; Body: { days: number } }>('/api/applications/:trackingNumber/clock', {
    schema: {
      tags: ['applications'],
      summary: 'Move the engine clock of an application forward by some days, firing the timers that fall due (administrators; only applications started with clock control: demo mode and tests)',
      security: bearer,
      params: trackingNumberParam,
      body: { type: 'object', additionalProperties: false, required: ['days'], properties: { days: { type: 'number', exclusiveMinimum: 0, maximum: 3650 } } },
      response: { 200: { type: 'object', properties: { trackingNumber: { type: 'string' }, clock: { type: 'string' } } }, 403: errorSchema, 404: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const user = userOf(request);
    const app_ = await applicationOr404(db, request.params.trackingNumber);
    let clock: string;
    try {
      ({ clock } = await engine.advanceClock(app_.trackingNumber, { byMs: Math.round(request.body.days * 86_400_000), actor: actorOf(user) }));
    } catch (err) {
      throw rejectionToHttp(err);
    }
    await appendAudit(db, {
      actor: user.username,
      actorRole: 'admin',
      action: 'application.clock-advanced',
      applicationId: app_.id,
      entityType: 'application',
      entityId: app_.trackingNumber,
      details: { days: request.body.days, clock },
    });
    return { trackingNumber: app_.trackingNumber, clock };
  });

  const reasonBody = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 3, maxLength: 1000 } } } as const;
  const cancelled = { type: 'object', properties: { trackingNumber: { type: 'string' }, cancelling: { type: 'boolean' } } } as const;

  /** Cancels a running application (its open tasks are withdrawn by the workflow) and records who asked, in which role, and why. */
  async function cancelApplication(
    app_: { id: string; trackingNumber: string; status: string },
    who: { username: string; role: 'admin' | 'applicant' | 'agent' },
    action: 'application.cancel-requested' | 'application.withdrawn',
    reason: string,
    agent?: AgentStamp,
  ) {
    if (FINISHED.has(app_.status)) throw new HttpError(409, 'not_running', `application ${app_.trackingNumber} is ${app_.status}`);
    // recorded first: the workflow's end reads it (a withdrawal ends with outcome `withdrawn`)
    await appendAudit(db, {
      actor: who.username,
      actorRole: who.role,
      action,
      applicationId: app_.id,
      entityType: 'application',
      entityId: app_.trackingNumber,
      details: { reason, ...(agent ? { agent } : {}) },
    });
    try {
      await engine.cancel(app_.trackingNumber);
    } catch (err) {
      throw rejectionToHttp(err);
    }
    return { trackingNumber: app_.trackingNumber, cancelling: true };
  }

  app.post<{ Params: { trackingNumber: string }; Body: { reason: string } }>('/api/applications/:trackingNumber/cancel', {
    schema: {
      tags: ['applications'], summary: 'Cancel a running application: its open tasks are withdrawn and the reason is recorded', security: bearer,
      params: trackingNumberParam,
      body: reasonBody,
      response: { 200: cancelled, 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const user = userOf(request);
    const app_ = await applicationOr404(db, request.params.trackingNumber);
    return cancelApplication(app_, { username: user.username, role: 'admin' }, 'application.cancel-requested', requireReason(request.body.reason, 3));
  });

  app.post<{ Params: { trackingNumber: string }; Body: { reason: string } }>('/api/applications/:trackingNumber/withdraw', {
    schema: {
      tags: ['applications'],
      summary: 'Withdraw an open application of your organisation (applicants): it is cancelled, its open tasks withdrawn, and the reason recorded',
      security: bearer,
      params: trackingNumberParam,
      body: reasonBody,
      response: { 200: cancelled, 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant', 'agent')],
  }, async (request) => {
    const user = userOf(request);
    // another organisation's application is not found, as on reading it (an agent's: one of a company that authorised its office)
    const app_ = await db.application.findFirst({ where: { trackingNumber: request.params.trackingNumber, ...(isAgent(user) ? await applicationScopeFor(db, user) : { organisationId: user.organisationId ?? '__none__' }) } });
    if (!app_) throw notFound(`no application ${request.params.trackingNumber}`);
    const reason = requireReason(request.body.reason, 3);
    const agent = isAgent(user) ? (await requireAgentFor(db, user, app_.organisationId)).stamp : undefined;
    const result = await cancelApplication(app_, { username: user.username, role: agent ? 'agent' : 'applicant' }, 'application.withdrawn', reason, agent);
    // fees not yet paid are cancelled; paid ones follow the family's refund rule
    await payments?.onWithdrawal(app_.id, user.username);
    return result;
  });
}
