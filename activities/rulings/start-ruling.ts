/**
 * A ruling is a separate process that decides an earlier application after its own workflow could
 * not: `legal-deadline` (the legal time passed without a decision) and `appeal` (the applicant
 * appeals a rejection). It runs as its own application record of the same organisation and
 * applicant, started with the ruled application's data, and issues the certificate FOR the ruled
 * application (variable `ruledTrackingNumber`, read by issue-certificate and application.rule).
 */
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { ProcessGraph } from '../../workflows/graph/types';
import { getStateQuery } from '../../workflows/messages';
import { upgradeGraph } from '../../workflows/graph/upgrade';
import type { ProcessInput } from '../../workflows/state';
import { appendAudit } from '../audit/audit-log';
import { trackingNumberOf } from '../applications/tracking-number';

/** Variables every ruling process starts with. */
export interface RulingVariables extends Record<string, unknown> {
  ruledTrackingNumber: string;
  /** The family the ruled application's process issues (its issue-certificate task's header). */
  certificateFamily: string;
}

function parseObject(text: string | null): Record<string, unknown> {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The `family` header of the first issue-certificate task of a process (the family it issues). */
export function issuedFamilyOf(graph: ProcessGraph): string | undefined {
  for (const node of Object.values(graph.elements)) {
    if (node.kind === 'serviceTask' && node.taskType === 'issue-certificate' && node.headers?.family) return node.headers.family;
  }
  return undefined;
}

/**
 * The ruled application's variables (what the certificate template reads: the subject): its
 * workflow's own, as its state query gives them (computed ones included: grades, granted
 * categories), over what the record holds — its submitted data, then the values of its completed
 * tasks in order — which is all there is once Temporal no longer keeps a closed workflow.
 */
export async function ruledVariablesOf(db: Db, applicationId: string, client?: Client): Promise<Record<string, unknown>> {
  const app = await db.application.findUniqueOrThrow({
    where: { id: applicationId },
    include: { tasks: { where: { status: 'completed' }, orderBy: { completedAt: 'asc' }, select: { output: true } } },
  });
  const recorded = Object.assign({}, parseObject(app.submittedData), ...app.tasks.map((t) => parseObject(t.output))) as Record<string, unknown>;
  const live = client ? await client.workflow.getHandle(app.trackingNumber).query(getStateQuery).catch(() => undefined) : undefined;
  return { ...recorded, ...(live?.variables ?? {}) };
}

export interface RulingRequest {
  processKey: 'legal-deadline' | 'appeal';
  /** The ruled application. */
  ruled: { id: string; trackingNumber: string; organisationId: string; applicantId: string };
  /** Makes the start idempotent: the same key never starts a second ruling. */
  idempotencyKey: string;
  variables: RulingVariables;
  actor: string;
  actorRole?: string;
}

/** Starts (once per idempotency key) the newest version of a ruling process; returns its tracking number. */
export async function startRuling(db: Db, client: Client, taskQueue: string, req: RulingRequest): Promise<string> {
  const def = await db.processDefinition.findFirst({ where: { key: req.processKey }, orderBy: { version: 'desc' } });
  if (!def) throw new Error(`process ${req.processKey} is not deployed`);
  const graph = upgradeGraph(JSON.parse(def.graph) as ProcessGraph);
  // codes of their own: never a family's certificate code (AP is the AFTA product certificate)
  const code = req.processKey === 'appeal' ? 'AR' : 'LD';
  const trackingNumber = trackingNumberOf(code, crypto.createHash('sha256').update(`${req.processKey}\n${req.idempotencyKey}`).digest());
  const existing = await db.application.findUnique({ where: { trackingNumber } });
  const app = existing ?? await db.application.create({
    data: {
      trackingNumber,
      definitionId: def.id,
      processKey: def.key,
      processVersion: def.version,
      organisationId: req.ruled.organisationId,
      applicantId: req.ruled.applicantId,
      status: 'submitted',
      submittedData: JSON.stringify(req.variables),
    },
  });
  const applicant = await db.user.findUniqueOrThrow({ where: { id: app.applicantId }, select: { username: true } });
  const input: ProcessInput = {
    trackingNumber,
    applicationId: app.id,
    definition: { id: def.id, key: def.key, version: def.version, sha256: def.sha256 },
    graph,
    variables: { ...req.variables, applicant: applicant.username, applicantOrgId: app.organisationId, trackingNumber },
  };
  await client.workflow.start('processWorkflow', { workflowId: trackingNumber, taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
  await db.application.updateMany({ where: { id: app.id, status: 'submitted' }, data: { status: 'running' } });
  await appendAudit(db, {
    actor: req.actor,
    actorRole: req.actorRole,
    action: `application.${req.processKey}-started`,
    applicationId: req.ruled.id,
    entityType: 'application',
    entityId: req.ruled.trackingNumber,
    details: { ruling: trackingNumber },
    dedupeKey: `${req.processKey}-started:${trackingNumber}`,
  });
  return trackingNumber;
}
