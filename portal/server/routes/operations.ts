/**
 * Operations (administrators), in the manner of Camunda Operate: every process instance with
 * server-side filters, counts per state and paging; one instance with what its diagram needs (the
 * completed path, the active tokens, the incidents with their stack traces), its variables, open
 * tasks and history; where its workflow can be seen in the Temporal Web UI.
 *
 * The actions on an instance (retry an incident, cancel, migrate) are the application routes'
 * (routes/applications.ts); these routes only read.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { TemporalConfig } from '../../../config';
import type { ProcessGraph } from '../../../workflows/graph/types';
import type { InstanceState } from '../../../workflows/state';
import type { EngineClient } from '../engine/engine-client';
import { authenticate, requireRole } from '../plugins/auth';
import { badRequest, notFound } from '../plugins/errors';
import { graphOf } from '../services/process-graphs';
import { bearer, errorSchema, trackingNumberParam } from '../schemas/common';

/** The states an operator filters by; `running` includes applications submitted and not yet started. */
export const INSTANCE_STATES = ['running', 'incident', 'completed', 'cancelled', 'terminated', 'failed'] as const;
export type InstanceStateFilter = (typeof INSTANCE_STATES)[number];

const STATUSES_OF: Record<InstanceStateFilter, string[]> = {
  running: ['running', 'submitted'],
  incident: ['incident'],
  completed: ['completed'],
  cancelled: ['cancelled'],
  terminated: ['terminated'],
  failed: ['failed'],
};

const stateOfStatus = (status: string): InstanceStateFilter | undefined =>
  INSTANCE_STATES.find((s) => STATUSES_OF[s].includes(status));

const SORT_FIELDS = ['createdAt', 'updatedAt', 'completedAt', 'trackingNumber', 'processKey', 'processVersion', 'status'] as const;
type SortField = (typeof SORT_FIELDS)[number];

export interface InstanceQuery {
  state?: InstanceStateFilter;
  processKey?: string;
  version?: number;
  family?: string;
  startedFrom?: string;
  startedTo?: string;
  q?: string;
  sort?: SortField;
  order?: 'ASC' | 'DESC';
  page?: number;
  perPage?: number;
}

/** Tehran has kept +03:30 all year since 2022: a date the operator picks is a Tehran day. */
const TEHRAN_OFFSET = '+03:30';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `startedFrom`: the start of that day (or that instant); `startedTo`: the end of that day (or that instant). */
function boundOf(value: string, end: boolean, name: string): Date {
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00${TEHRAN_OFFSET}`);
    if (Number.isNaN(day.getTime())) throw badRequest(`${name} is not a date`, { [name]: 'not a date' });
    return end ? new Date(day.getTime() + 86_400_000) : day;
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw badRequest(`${name} is not a date`, { [name]: 'not a date' });
  return end ? new Date(at.getTime() + 1) : at;
}

/** The where-clause of every filter except `state` (the counts per state use it as it is). */
function whereOf(query: InstanceQuery) {
  const and: Record<string, unknown>[] = [];
  if (query.processKey) and.push({ processKey: query.processKey });
  if (query.version) and.push({ processVersion: query.version });
  if (query.family) and.push({ trackingNumber: { startsWith: `${query.family.toUpperCase()}-` } });
  if (query.startedFrom || query.startedTo) {
    const createdAt: Record<string, Date> = {};
    if (query.startedFrom) createdAt.gte = boundOf(query.startedFrom, false, 'startedFrom');
    if (query.startedTo) createdAt.lt = boundOf(query.startedTo, true, 'startedTo');
    if (createdAt.gte && createdAt.lt && createdAt.gte >= createdAt.lt) throw badRequest('startedFrom is after startedTo', { startedFrom: 'after startedTo' });
    and.push({ createdAt });
  }
  const q = query.q?.trim();
  if (q) {
    and.push({
      OR: [
        { trackingNumber: { contains: q.toUpperCase() } },
        { organisation: { nameFa: { contains: q } } },
        { organisation: { nameEn: { contains: q } } },
        { organisation: { nationalId: { contains: q } } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

const instanceRow = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    trackingNumber: { type: 'string' },
    processKey: { type: 'string' },
    processVersion: { type: 'integer' },
    processName: { type: ['string', 'null'] },
    versionTag: { type: ['string', 'null'] },
    family: { type: 'string' },
    status: { type: 'string' },
    state: { type: 'string' },
    outcome: { type: ['string', 'null'] },
    organisation: { type: 'object', properties: { nameFa: { type: 'string' }, nameEn: { type: ['string', 'null'] }, nationalId: { type: 'string' } } },
    applicant: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    completedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const countsSchema = {
  type: 'object',
  properties: Object.fromEntries(INSTANCE_STATES.map((s) => [s, { type: 'integer' }])),
} as const;

const anyObject = { type: 'object', additionalProperties: true } as const;

const incidentSchema = {
  type: 'object',
  properties: { incidentId: { type: 'string' }, elementId: { type: 'string' }, message: { type: 'string' }, at: { type: 'string' }, stack: { type: 'string' } },
} as const;

const detailSchema = {
  type: 'object',
  properties: {
    ...instanceRow.properties,
    submittedData: anyObject,
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, elementId: { type: 'string' }, name: { type: ['string', 'null'] }, status: { type: 'string' },
          assignee: { type: ['string', 'null'] }, candidateGroups: { type: 'array', items: { type: 'string' } }, candidateUsers: { type: 'array', items: { type: 'string' } },
          completedBy: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' }, completedAt: { type: ['string', 'null'], format: 'date-time' },
          dueDate: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'string' }, actorRole: { type: ['string', 'null'] }, action: { type: 'string' }, details: anyObject },
      },
    },
    live: {
      type: ['object', 'null'],
      properties: {
        status: { type: 'string' },
        outcome: { type: 'string' },
        activeElements: { type: 'array', items: { type: 'string' } },
        openTasks: { type: 'array', items: { type: 'object', properties: { taskId: { type: 'string' }, elementId: { type: 'string' }, name: { type: 'string' }, assignee: { type: 'string' }, candidateGroups: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'string' }, dueDate: { type: 'string' } } } },
        waits: { type: 'array', items: anyObject },
        clock: { type: 'string' },
        incidents: { type: 'array', items: incidentSchema },
        completed: { type: 'array', items: { type: 'object', properties: { elementId: { type: 'string' }, at: { type: 'string' } } } },
        takenFlows: { type: 'array', items: { type: 'string' } },
        variables: anyObject,
        continuations: { type: 'integer' },
      },
    },
    liveError: { type: ['string', 'null'] },
    diagram: {
      type: 'object',
      properties: {
        completed: { type: 'array', items: { type: 'string' } },
        flows: { type: 'array', items: { type: 'string' } },
        active: { type: 'object', additionalProperties: { type: 'integer' } },
        incidents: { type: 'array', items: { type: 'string' } },
      },
    },
    versions: {
      type: 'array',
      items: { type: 'object', properties: { version: { type: 'integer' }, versionTag: { type: ['string', 'null'] }, name: { type: ['string', 'null'] }, deployedAt: { type: 'string', format: 'date-time' } } },
    },
  },
} as const;

/** What the Web UI link needs; null when the server is not the embedded one and none is configured. */
export interface TemporalUiInfo {
  temporalUiUrl: string | null;
  namespace: string;
}

/** The embedded dev server's UI on its port, or the configured URL (TEMPORAL_UI_URL) of a cluster's. */
export function temporalUiOf(temporal: Pick<TemporalConfig, 'namespace' | 'embedded' | 'uiUrl'>): TemporalUiInfo {
  const url = temporal.uiUrl?.trim() || (temporal.embedded ? `http://localhost:${temporal.embedded.uiPort}` : '');
  return { temporalUiUrl: url ? url.replace(/\/$/, '') : null, namespace: temporal.namespace };
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const splitList = (text: string): string[] => (text ? text.split(',').filter(Boolean) : []);

interface HistoryEntry { action: string; details: unknown }

/**
 * Where the diagram marks the instance: elements completed (the live state's steps, and the tasks
 * the history shows completed — all that is left once Temporal no longer has the workflow), the
 * sequence flows taken (the completed path), tokens per active element, and elements with an open
 * incident. Without the live state's flows (history only, or an older worker answered), the path is
 * the flows of `graph` whose source and target both completed.
 */
export function diagramMarks(live: InstanceState | undefined, history: HistoryEntry[], status: string, graph?: Pick<ProcessGraph, 'flows'>) {
  const completed = new Set<string>(live?.completed.map((s) => s.elementId) ?? []);
  for (const h of history) {
    const elementId = (h.details as { elementId?: unknown } | null)?.elementId;
    if (typeof elementId !== 'string') continue;
    if (h.action === 'task.completed') completed.add(elementId);
    if (h.action === 'application.completed') completed.add(elementId);
  }
  const flows = live?.takenFlows ?? (graph ? flowsBetween(completed, graph) : []);
  const active: Record<string, number> = {};
  for (const id of live?.activeElements ?? []) active[id] = (active[id] ?? 0) + 1;
  let incidents = [...new Set(live?.incidents.map((i) => i.elementId) ?? [])];
  if (!live && status === 'incident') {
    // no live state: the newest incident the history recorded
    const last = [...history].reverse().find((h) => h.action === 'application.incident');
    const elementId = (last?.details as { elementId?: unknown } | null)?.elementId;
    if (typeof elementId === 'string') incidents = [elementId];
  }
  return { completed: [...completed], flows, active, incidents };
}

/** The flows whose source and target both completed: the path as far as completed elements tell it. */
function flowsBetween(completed: Set<string>, graph: Pick<ProcessGraph, 'flows'>): string[] {
  return Object.values(graph.flows).filter((f) => completed.has(f.sourceRef) && completed.has(f.targetRef)).map((f) => f.id);
}

export async function operationsRoutes(app: FastifyInstance, { db, engine, temporalUi }: { db: Db; engine: EngineClient; temporalUi: TemporalUiInfo }): Promise<void> {
  const admin = [authenticate(db), requireRole('admin')];

  app.get<{ Querystring: InstanceQuery }>('/api/operations/instances', {
    schema: {
      tags: ['operations'],
      summary: 'Process instances (administrators): filtered by state, process, version, family, start date and tracking number or company; sorted and paged, with the number of instances in each state under the other filters',
      security: bearer,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          state: { type: 'string', enum: [...INSTANCE_STATES] },
          processKey: { type: 'string', minLength: 1, maxLength: 200 },
          version: { type: 'integer', minimum: 1 },
          family: { type: 'string', pattern: '^[A-Za-z]{2,4}$' },
          startedFrom: { type: 'string', minLength: 10, maxLength: 40 },
          startedTo: { type: 'string', minLength: 10, maxLength: 40 },
          q: { type: 'string', maxLength: 200 },
          sort: { type: 'string', enum: [...SORT_FIELDS] },
          order: { type: 'string', enum: ['ASC', 'DESC'] },
          page: { type: 'integer', minimum: 1, maximum: 100_000 },
          perPage: { type: 'integer', minimum: 1, maximum: 200 },
        },
      },
      response: {
        200: { type: 'object', properties: { data: { type: 'array', items: instanceRow }, total: { type: 'integer' }, page: { type: 'integer' }, perPage: { type: 'integer' }, counts: countsSchema } },
        400: errorSchema,
        401: errorSchema,
        403: errorSchema,
      },
    },
    onRequest: admin,
  }, async (request) => {
    const query = request.query;
    const others = whereOf(query);
    const where = query.state ? { AND: [others, { status: { in: STATUSES_OF[query.state] } }] } : others;
    const page = query.page ?? 1;
    const perPage = query.perPage ?? 25;
    const sort = query.sort ?? 'createdAt';
    const order = query.order === 'ASC' ? 'asc' : 'desc';
    const [rows, total, grouped] = await Promise.all([
      db.application.findMany({
        where,
        orderBy: [{ [sort]: order }, { trackingNumber: order }],
        skip: (page - 1) * perPage,
        take: perPage,
        include: { organisation: { select: { nameFa: true, nameEn: true, nationalId: true } }, applicant: { select: { username: true } }, definition: { select: { name: true, versionTag: true } } },
      }),
      db.application.count({ where }),
      db.application.groupBy({ by: ['status'], where: others, _count: { _all: true } }),
    ]);
    const counts = Object.fromEntries(INSTANCE_STATES.map((s) => [s, 0])) as Record<InstanceStateFilter, number>;
    for (const g of grouped) {
      const state = stateOfStatus(g.status);
      if (state) counts[state] += g._count._all;
    }
    return {
      data: rows.map(({ organisation, applicant, definition, submittedData: _submitted, ...r }) => ({
        ...r,
        id: r.trackingNumber,
        family: r.trackingNumber.split('-')[0],
        state: stateOfStatus(r.status) ?? r.status,
        processName: definition.name,
        versionTag: definition.versionTag,
        organisation,
        applicant: applicant.username,
      })),
      total,
      page,
      perPage,
      counts,
    };
  });

  app.get<{ Params: { trackingNumber: string } }>('/api/operations/instances/:trackingNumber', {
    schema: {
      tags: ['operations'],
      summary: 'One process instance for operators: the live state (tokens, incidents with stack traces, variables, waits), the marks its diagram needs, its tasks and history, and the versions it may migrate to',
      security: bearer,
      params: trackingNumberParam,
      response: { 200: detailSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: admin,
  }, async (request) => {
    const found = await db.application.findUnique({
      where: { trackingNumber: request.params.trackingNumber },
      include: {
        organisation: { select: { nameFa: true, nameEn: true, nationalId: true } },
        applicant: { select: { username: true } },
        definition: { select: { name: true, versionTag: true } },
        tasks: { orderBy: { createdAt: 'asc' } },
      },
    });
    if (!found) throw notFound(`no application ${request.params.trackingNumber}`);
    const { organisation, applicant, definition, tasks, ...row } = found;
    const [auditRows, versions] = await Promise.all([
      db.auditLog.findMany({ where: { applicationId: row.id }, orderBy: { id: 'asc' } }),
      db.processDefinition.findMany({ where: { key: row.processKey }, select: { version: true, versionTag: true, name: true, deployedAt: true }, orderBy: { version: 'desc' } }),
    ]);
    const history = auditRows.map((h) => ({ id: h.id, at: h.at, actor: h.actor, actorRole: h.actorRole, action: h.action, details: parseJson(h.details) ?? {} }));
    let live: InstanceState | undefined;
    let liveError: string | null = null;
    try {
      live = await engine.state(row.trackingNumber);
      if (!live) liveError = 'Temporal no longer has this workflow';
    } catch (err) {
      liveError = err instanceof Error ? err.message : String(err);
    }
    // the path from completed elements needs the version's flows only when the live state has none
    const graph = live?.takenFlows ? undefined : await graphOf(db, row.definitionId);
    return {
      ...row,
      id: row.trackingNumber,
      family: row.trackingNumber.split('-')[0],
      state: stateOfStatus(row.status) ?? row.status,
      processName: definition.name,
      versionTag: definition.versionTag,
      organisation,
      applicant: applicant.username,
      submittedData: parseJson(row.submittedData) ?? {},
      tasks: tasks.map((t) => ({
        id: t.id, elementId: t.elementId, name: t.name, status: t.status, assignee: t.assignee,
        candidateGroups: splitList(t.candidateGroups), candidateUsers: splitList(t.candidateUsers),
        completedBy: t.completedBy, createdAt: t.createdAt, completedAt: t.completedAt, dueDate: t.dueDate,
      })),
      history,
      live: live ?? null,
      liveError,
      diagram: diagramMarks(live, history, row.status, graph),
      versions,
    };
  });

  app.get('/api/operations/info', {
    schema: {
      tags: ['operations'],
      summary: 'Where operators see workflows in the Temporal Web UI: its base URL (null when there is none to link to) and the namespace; a workflow is at <temporalUiUrl>/namespaces/<namespace>/workflows/<tracking number>',
      security: bearer,
      response: { 200: { type: 'object', properties: { temporalUiUrl: { type: ['string', 'null'] }, namespace: { type: 'string' } } }, 401: errorSchema, 403: errorSchema },
    },
    onRequest: admin,
  }, async () => temporalUi);
}
