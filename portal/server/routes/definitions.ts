import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { notFound } from '../plugins/errors';
import { checkDefinition, deployDefinition } from '../services/deploy-definition';
import { syncTimerStartSchedules } from '../../../activities/messaging/timer-start-schedules';
import type { EngineClient } from '../engine/engine-client';
import type { ProcessGraph } from '../../../workflows/graph/types';
import { bearer, errorSchema } from '../schemas/common';
import { findDefinition, startFormOf } from '../services/start-application';
import { rejectionConditionsOf } from '../../../activities/definition-data';
import type { CompileLimitsConfig } from '../../../config';
import { CompileBusy, CompilePool, DEFAULT_COMPILE_LIMITS } from '../services/compile/compile-pool';
import { isolatedCompiler } from '../services/compile/definition-compiler';

export const MAX_BPMN_BYTES = 5 * 1024 * 1024;

const problemSchema = {
  type: 'object',
  properties: { elementId: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' }, severity: { type: 'string' } },
} as const;

/** Who starts instances of a version (ito:startedBy), read from its graph once: versions never change. */
const startedByVersion = new Map<string, 'applicant' | 'regulator'>();
async function startedByOf(db: Db, definitionId: string): Promise<'applicant' | 'regulator'> {
  let who = startedByVersion.get(definitionId);
  if (!who) {
    const { graph } = await db.processDefinition.findUniqueOrThrow({ where: { id: definitionId }, select: { graph: true } });
    who = (JSON.parse(graph) as ProcessGraph).startedBy ?? 'applicant';
    startedByVersion.set(definitionId, who);
  }
  return who;
}

/** The answers of a compile refused or stopped by its limits (services/compile/). */
const compileLimitResponses = {
  413: { description: 'compile_out_of_memory: the compile needed more than its heap limit and was stopped', ...errorSchema },
  422: { description: 'too_many_elements (more than the element limit, which `limit` names) or compile_timeout', ...errorSchema, properties: { ...errorSchema.properties, limit: { type: 'integer' } } },
  503: { description: 'compile_busy: every compile thread is busy and the queue is full; see Retry-After', ...errorSchema },
} as const;

const definitionBody = { type: 'object', additionalProperties: false, required: ['xml'], properties: { xml: { type: 'string', minLength: 1 } } } as const;

/** A compile refused for lack of a free thread says when to come back. */
export async function definitionRoutes(app: FastifyInstance, { db, engine, definitionsDir, compileLimits }: { db: Db; engine: EngineClient; definitionsDir?: string; compileLimits?: CompileLimitsConfig }): Promise<void> {
  // uploaded and edited files are untrusted: compiled in worker threads, with limits (issue 13)
  const pool = new CompilePool({ ...DEFAULT_COMPILE_LIMITS, ...compileLimits });
  app.addHook('onClose', () => pool.close());
  const compiler = isolatedCompiler(pool);

  // BPMN may be posted as the raw XML document as well as JSON { xml }.
  for (const type of ['application/xml', 'text/xml', 'application/bpmn+xml', 'application/dmn+xml']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: MAX_BPMN_BYTES }, (_req, body, done) => done(null, { xml: body }));
  }

  app.post<{ Body: { xml: string } }>('/api/definitions', {
    bodyLimit: MAX_BPMN_BYTES + 1024,
    schema: {
      tags: ['definitions'], summary: 'Deploy BPMN or DMN: every executable process or decision in the file becomes a new immutable version', security: bearer,
      body: definitionBody,
      response: {
        201: {
          type: 'object',
          properties: {
            versions: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer' }, versionTag: { type: ['string', 'null'] }, sha256: { type: 'string' }, created: { type: 'boolean' } } } },
            decisions: { type: 'array', items: { type: 'object', properties: { decisionId: { type: 'string' }, version: { type: 'integer' }, created: { type: 'boolean' } } } },
            warnings: { type: 'array', items: problemSchema },
          },
        },
        400: { ...errorSchema, properties: { ...errorSchema.properties, problems: { type: 'array', items: problemSchema } } },
        ...compileLimitResponses,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request, reply) => {
    const user = userOf(request);
    const result = await deployDefinition(db, request.body.xml, { id: user.id, username: user.username }, { definitionsDir, compiler });
    if (result.versions.some((v) => v.created)) await syncTimerStartSchedules(db, engine.temporal, engine.queue);
    return reply.status(201).send(result);
  });

  app.post<{ Body: { xml: string } }>('/api/definitions/check', {
    bodyLimit: MAX_BPMN_BYTES + 1024,
    schema: {
      tags: ['definitions'],
      summary: 'Validate BPMN or DMN without deploying: the problems deploying would report (errors) plus warnings, as the process editor shows them',
      security: bearer,
      body: definitionBody,
      response: {
        200: {
          type: 'object',
          properties: { deployable: { type: 'boolean' }, ids: { type: 'array', items: { type: 'string' } }, problems: { type: 'array', items: problemSchema } },
        },
        ...compileLimitResponses,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => checkDefinition(db, request.body.xml, { definitionsDir, compiler }));

  app.get('/api/definitions', {
    schema: { tags: ['definitions'], summary: 'Process definitions: the newest version of each key, who deployed it, how many versions the key has, and who starts its instances (startedBy: applicant | regulator)', security: bearer },
    onRequest: authenticate(db),
  }, async () => {
    const rows = await db.processDefinition.findMany({
      select: { id: true, key: true, version: true, versionTag: true, name: true, sha256: true, deployedAt: true, deployedBy: { select: { username: true } } },
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
    });
    const latest = new Map<string, (typeof rows)[number] & { versions: number }>();
    for (const r of rows) {
      const seen = latest.get(r.key);
      if (seen) seen.versions++;
      else latest.set(r.key, { ...r, versions: 1 });
    }
    return Promise.all([...latest.values()].map(async ({ id, ...row }) => ({ ...row, startedBy: await startedByOf(db, id) })));
  });

  app.get<{ Params: { key: string } }>('/api/definitions/:key/versions', {
    schema: { tags: ['definitions'], summary: 'All versions of one process', security: bearer, params: { type: 'object', properties: { key: { type: 'string', maxLength: 200 } } } },
    onRequest: authenticate(db),
  }, async (request) => {
    const rows = await db.processDefinition.findMany({
      where: { key: request.params.key },
      select: { key: true, version: true, versionTag: true, name: true, sha256: true, deployedAt: true, deployedBy: { select: { username: true } } },
      orderBy: { version: 'desc' },
    });
    if (!rows.length) throw notFound(`no process definition with key ${request.params.key}`);
    return rows;
  });

  app.get<{ Params: { key: string; version: number } }>('/api/definitions/:key/versions/:version', {
    schema: {
      tags: ['definitions'], summary: 'One version with its BPMN XML and compiled graph', security: bearer,
      params: { type: 'object', properties: { key: { type: 'string', maxLength: 200 }, version: { type: 'integer', minimum: 1 } } },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const { key, version } = request.params;
    const row = await db.processDefinition.findUnique({ where: { key_version: { key, version } } });
    if (!row) throw notFound(`process ${key} has no version ${version}`);
    return { ...row, graph: JSON.parse(row.graph) };
  });

  app.get<{ Params: { key: string }; Querystring: { version?: number } }>('/api/definitions/:key/start-form', {
    schema: {
      tags: ['definitions'],
      summary: 'What applying for a process takes: its start form as the applicant sees it now (register lists of qualified labs and audit bodies filled in), its published decision time and the named conditions a rejection cites',
      security: bearer,
      params: { type: 'object', properties: { key: { type: 'string', maxLength: 200 } } },
      querystring: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
      response: { 404: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const def = await findDefinition(db, request.params.key, request.query.version);
    const graph = JSON.parse(def.graph) as ProcessGraph;
    return {
      key: def.key,
      version: def.version,
      versionTag: def.versionTag,
      name: def.name,
      startedBy: graph.startedBy ?? 'applicant',
      form: (await startFormOf(db, graph)) ?? null,
      decisionTime: graph.decisionTime ?? null,
      rejectionConditions: rejectionConditionsOf(def.key),
    };
  });
}
