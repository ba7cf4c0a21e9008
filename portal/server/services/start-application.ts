/**
 * Starts an application: validate the data against the start form of the chosen definition
 * version, record the application, start its workflow pinned to that version's graph.
 */
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import type { FormSchema, ProcessGraph, StartEventNode } from '../../../workflows/graph/types';
import type { ProcessInput } from '../../../workflows/state';
import type { EngineClient } from '../engine/engine-client';
import { EngineUnavailable } from '../engine/engine-availability';
import { badRequest, forbidden, notFound } from '../plugins/errors';
import type { CurrentUser } from '../plugins/auth';
import { newTrackingNumber, trackingCodeOf } from '../../../activities/applications/tracking-number';
import { serviceData } from '../../../activities/definition-data/services';
import { UNDERTAKING_FIELD, undertakingOf } from '../../../activities/definition-data/undertaking';
import { withRegisterOptions } from './register-options';
import { attachFormDocuments } from './form-documents';
import { requireValidSubmission } from './form-submission';
import { sendReceivedNotice } from './received-notice';
import type { AgentStamp } from './agents';

/**
 * A counter office's agent applying for a company: the company is the applicant organisation, its
 * user who authorised the office is the applicant of record (the process's fix requests and notices
 * go to the company), and the agent's stamp goes into the history.
 */
export interface AgentApplying {
  companyId: string;
  applicantId: string;
  stamp: AgentStamp;
}

export interface StartRequest {
  processKey: string;
  version?: number;
  /** The newest version carrying this zeebe:versionTag (when no version number is given). */
  versionTag?: string;
  data: Record<string, unknown>;
}

/** A version by number, else the newest with the version tag, else the newest of all. */
export async function findDefinition(db: Db, key: string, version?: number, versionTag?: string) {
  const def = version
    ? await db.processDefinition.findUnique({ where: { key_version: { key, version } } })
    : await db.processDefinition.findFirst({ where: versionTag === undefined ? { key } : { key, versionTag }, orderBy: { version: 'desc' } });
  if (!def) {
    throw notFound(version ? `process ${key} has no version ${version}` : versionTag !== undefined ? `process ${key} has no version tagged "${versionTag}"` : `no process definition with key ${key}`);
  }
  return def;
}

/** The start form as the applicant sees it now: register lists (qualified labs, audit bodies) filled in. */
export async function startFormOf(db: Db, graph: ProcessGraph): Promise<FormSchema | undefined> {
  const start = graph.elements[graph.startEventIds[0]] as StartEventNode;
  return start.form ? withRegisterOptions(db, start.form) : undefined;
}

/** Process input for an application row (also used to start applications whose start failed). */
export async function processInputOf(db: Db, applicationId: string): Promise<ProcessInput> {
  const app = await db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { definition: true, applicant: true } });
  return {
    trackingNumber: app.trackingNumber,
    applicationId: app.id,
    definition: { id: app.definition.id, key: app.definition.key, version: app.definition.version, sha256: app.definition.sha256 },
    graph: JSON.parse(app.definition.graph) as ProcessGraph,
    variables: { ...JSON.parse(app.submittedData), applicant: app.applicant.username, applicantOrgId: app.organisationId, trackingNumber: app.trackingNumber },
  };
}

export interface StartOptions {
  /** Where the per-family service files are read (definitions/ by default; tests give another). */
  definitionsDir?: string;
}

/**
 * A registration-based (ثبت‌محور) family issues on registration against the applicant's undertaking:
 * no start without it accepted (the checkbox `undertaking` true), whatever the form says.
 */
function requireUndertaking(processKey: string, values: Record<string, unknown>, definitionsDir?: string) {
  const text = undertakingOf(serviceData(processKey, definitionsDir));
  if (!text) return undefined;
  if (values[UNDERTAKING_FIELD] !== true) {
    throw badRequest(`${processKey} is registration-based: accept the undertaking to apply`, { [UNDERTAKING_FIELD]: `must be accepted (true): ${text.en}` });
  }
  return text;
}

export async function startApplication(db: Db, engine: EngineClient, user: CurrentUser, req: StartRequest, agent?: AgentApplying, options: StartOptions = {}) {
  if (!user.organisationId) throw badRequest('only a user of an applicant organisation can apply');
  const def = await findDefinition(db, req.processKey, req.version, req.versionTag);
  const graph = JSON.parse(def.graph) as ProcessGraph;
  if (graph.startedBy === 'regulator') throw forbidden(`process ${def.key} is started by the regulator's administrators, not by applicants`);
  const form = await startFormOf(db, graph);
  const values = form ? await requireValidSubmission(db, user, form, req.data) : req.data;
  const undertaking = requireUndertaking(def.key, values, options.definitionsDir);
  // with the engine down nothing is recorded: a 503 the applicant may simply repeat
  await engine.availability.require();

  const app = await db.application.create({
    data: {
      trackingNumber: newTrackingNumber(trackingCodeOf(def.key, graph)),
      definitionId: def.id,
      processKey: def.key,
      processVersion: def.version,
      organisationId: agent?.companyId ?? user.organisationId,
      applicantId: agent?.applicantId ?? user.id,
      status: 'submitted',
      submittedData: JSON.stringify(values),
    },
  });
  await appendAudit(db, {
    actor: user.username,
    actorRole: agent ? 'agent' : 'applicant',
    action: 'application.submitted',
    applicationId: app.id,
    entityType: 'application',
    entityId: app.trackingNumber,
    details: { processKey: def.key, version: def.version, ...(agent ? { agent: agent.stamp } : {}) },
  });
  if (undertaking) {
    // what was accepted, by whom and when: the certificate stands on it (the public record says so)
    await appendAudit(db, {
      actor: user.username,
      actorRole: agent ? 'agent' : 'applicant',
      action: 'application.undertaking-given',
      applicationId: app.id,
      entityType: 'application',
      entityId: app.trackingNumber,
      details: { undertaking, acceptedBy: user.username, acceptedAt: app.createdAt.toISOString(), ...(agent ? { onBehalfOf: agent.companyId } : {}) },
    });
  }
  if (form) await attachFormDocuments(db, { form, values, applicationId: app.id, actor: user.username, actorRole: agent ? 'agent' : 'applicant' });
  // the applicant of record is told (for an agent's application, the company's user who authorised the office)
  const recipient = agent ? (await db.user.findUniqueOrThrow({ where: { id: agent.applicantId }, select: { username: true } })).username : user.username;
  await sendReceivedNotice(db, app, recipient);
  const started = await launchUnlessEngineDown(db, engine, app.id);
  return { trackingNumber: app.trackingNumber, processKey: def.key, processVersion: def.version, started };
}

/**
 * The engine went down between recording and starting: the application stays submitted (the
 * applicant has its tracking number) and the relauncher starts it once the engine answers again.
 */
async function launchUnlessEngineDown(db: Db, engine: EngineClient, applicationId: string): Promise<boolean> {
  try {
    await launch(db, engine, applicationId);
    return true;
  } catch (err) {
    if (err instanceof EngineUnavailable) return false;
    throw err;
  }
}

/** Starts the workflow of a submitted application (idempotent) and marks it running. */
export async function launch(db: Db, engine: EngineClient, applicationId: string): Promise<void> {
  await engine.start(await processInputOf(db, applicationId));
  await db.application.updateMany({ where: { id: applicationId, status: 'submitted' }, data: { status: 'running' } });
}

/**
 * After a crash, or the engine down, between recording and starting: start every application still
 * only submitted (`before`: only those recorded before then, leaving ones being started right now).
 */
export async function launchSubmitted(db: Db, engine: EngineClient, before?: Date): Promise<number> {
  const pending = await db.application.findMany({ where: { status: 'submitted', ...(before ? { createdAt: { lt: before } } : {}) }, select: { id: true } });
  for (const p of pending) await launch(db, engine, p.id);
  return pending.length;
}
