/**
 * Process-level message, signal and timer start events: a published message nobody waits for, a
 * broadcast signal, or a timer start's schedule firing starts an instance of the newest version of
 * every process whose start event listens for it (Camunda 8 semantics). Such instances belong to the regulator (no applicant starts
 * them); the event's variables are their start variables.
 */
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { REGULATOR_ORGANISATION } from '../../prisma/seed';
import type { ProcessGraph } from '../../workflows/graph/types';
import { upgradeGraph } from '../../workflows/graph/upgrade';
import type { ProcessInput } from '../../workflows/state';
import { appendAudit } from '../audit/audit-log';
import { trackingNumberOf } from '../applications/tracking-number';

export interface StartEvent {
  trigger: 'message' | 'signal' | 'timer';
  /** Message or signal name; for a timer, the schedule's name. */
  name: string;
  /** Timer starts name their process and start event (the schedule knows both). */
  processKey?: string;
  startEventId?: string;
  /** Idempotency: one event starts each process at most once, however often it is delivered. */
  eventId: string;
  variables: Record<string, unknown>;
}

/** `EV-<Jalali yyyymmdd>-<6 from the event id>`: the same event gives the same number, so a retry starts nothing twice. */
function trackingNumberFor(event: StartEvent, processKey: string): string {
  return trackingNumberOf('EV', crypto.createHash('sha256').update(`${processKey}\n${event.trigger}\n${event.eventId}`).digest());
}

/** The start event of the graph's process scope that this event triggers, if any. */
export function startEventFor(graph: Pick<ProcessGraph, 'startEventIds' | 'elements'>, event: Pick<StartEvent, 'trigger' | 'name' | 'startEventId'>): string | undefined {
  return graph.startEventIds.find((id) => {
    const node = graph.elements[id];
    if (node.kind !== 'startEvent' || node.parent !== undefined || !node.trigger) return false;
    if (event.trigger === 'timer') return node.trigger.type === 'timer' && id === event.startEventId;
    if (event.trigger === 'signal') return node.trigger.type === 'signal' && node.trigger.signalName === event.name;
    return node.trigger.type === 'message' && 'literal' in node.trigger.messageName && node.trigger.messageName.literal === event.name;
  });
}

/**
 * The start events of each definition version, by version id. Versions never change, so this is
 * read once per worker; a message or signal nobody waits for then costs one small query (ids and
 * keys of the newest versions) instead of parsing every graph.
 */
const startEventsByVersion = new Map<string, Pick<ProcessGraph, 'startEventIds' | 'elements'>>();
const MAX_CACHED_VERSIONS = 1000;

async function startEventsOf(db: Db, definitionId: string): Promise<Pick<ProcessGraph, 'startEventIds' | 'elements'>> {
  const cached = startEventsByVersion.get(definitionId);
  if (cached) return cached;
  const row = await db.processDefinition.findUniqueOrThrow({ where: { id: definitionId }, select: { graph: true } });
  const graph = upgradeGraph(JSON.parse(row.graph) as ProcessGraph);
  const starts = { startEventIds: graph.startEventIds, elements: Object.fromEntries(graph.startEventIds.map((id) => [id, graph.elements[id]])) };
  if (startEventsByVersion.size >= MAX_CACHED_VERSIONS) startEventsByVersion.delete(startEventsByVersion.keys().next().value as string);
  startEventsByVersion.set(definitionId, starts);
  return starts;
}

export async function startByEvent(db: Db, client: Client, taskQueue: string, event: StartEvent): Promise<string[]> {
  const versions = await db.processDefinition.findMany({
    where: event.processKey !== undefined ? { key: event.processKey } : {},
    select: { id: true, key: true, version: true },
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
  });
  const newest = new Map<string, (typeof versions)[number]>();
  for (const row of versions) if (!newest.has(row.key)) newest.set(row.key, row);
  const started: string[] = [];
  let owner: { organisationId: string; applicantId: string } | undefined;
  for (const { id } of newest.values()) {
    const startEventId = startEventFor(await startEventsOf(db, id), event);
    if (!startEventId) continue;
    const def = await db.processDefinition.findUniqueOrThrow({ where: { id } });
    const graph = upgradeGraph(JSON.parse(def.graph) as ProcessGraph);
    owner ??= await regulatorOwner(db);
    const trackingNumber = trackingNumberFor(event, def.key);
    const app = await db.application.upsert({
      where: { trackingNumber },
      create: {
        trackingNumber,
        definitionId: def.id,
        processKey: def.key,
        processVersion: def.version,
        ...owner,
        status: 'submitted',
        submittedData: JSON.stringify(event.variables),
      },
      update: {},
    });
    const input: ProcessInput = {
      trackingNumber,
      applicationId: app.id,
      definition: { id: def.id, key: def.key, version: def.version, sha256: def.sha256 },
      graph,
      variables: { trackingNumber },
      eventVariables: event.variables,
      startEventId,
    };
    await client.workflow.start('processWorkflow', { workflowId: trackingNumber, taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
    await db.application.updateMany({ where: { id: app.id, status: 'submitted' }, data: { status: 'running' } });
    await appendAudit(db, {
      actor: 'system',
      action: 'application.started-by-event',
      applicationId: app.id,
      entityType: 'application',
      entityId: trackingNumber,
      details: { trigger: event.trigger, name: event.name, eventId: event.eventId, startEventId },
      dedupeKey: `started-by-event:${trackingNumber}`,
    });
    started.push(trackingNumber);
  }
  return started;
}

/** Who owns an instance no applicant started: the regulator's organisation and its first administrator. */
async function regulatorOwner(db: Db): Promise<{ organisationId: string; applicantId: string }> {
  const organisation = await db.organisation.findUnique({ where: { nationalId: REGULATOR_ORGANISATION.nationalId } });
  const admin = await db.user.findFirst({ where: { roles: { some: { role: 'admin' } } }, orderBy: { createdAt: 'asc' } });
  if (!organisation || !admin) throw new Error('the regulator organisation or an administrator is missing: run the set-up');
  return { organisationId: organisation.id, applicantId: admin.id };
}
