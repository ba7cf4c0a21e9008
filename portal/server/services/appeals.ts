/**
 * Appeals of rejections: the window (the family's appeal.windowWorkingDays on its legal calendar,
 * from the rejection), who rejected (the last reviewer's task before the rejection), and the start
 * of the `appeal` ruling (activities/rulings/start-ruling.ts) — one appeal per rejection, reviewed
 * by the family's appeal.reviewerGroup, never by the group or the person that rejected.
 */
import type { Db } from '../../../prisma/client';
import type { ProcessGraph } from '../../../workflows/graph/types';
import { parseCalendar } from '../../../workflows/timers/calendar-data';
import { addWorkingDays } from '../../../workflows/timers/working-days';
import { readCalendar } from '../../../activities/calendars/load-calendar';
import { serviceData } from '../../../activities/definition-data/services';
import { issuedFamilyOf, ruledVariablesOf, startRuling } from '../../../activities/rulings/start-ruling';
import type { EngineClient } from '../engine/engine-client';
import type { CurrentUser } from '../plugins/auth';
import { HttpError, notFound } from '../plugins/errors';

export interface AppealState {
  /** The applicant may appeal now. */
  open: boolean;
  /** The last moment of the window (ISO). */
  until: string;
  windowWorkingDays: number;
  reviewerGroup: string;
  /** The appeal lodged, if any (its tracking number, status and outcome). */
  appeal: { trackingNumber: string; status: string; outcome: string | null } | null;
}

interface RejectedApplication {
  id: string;
  trackingNumber: string;
  processKey: string;
  status: string;
  outcome: string | null;
  completedAt: Date | null;
}

const appealIdempotencyKey = (trackingNumber: string) => `appeal:${trackingNumber}`;

/** The appeal lodged against an application: the ruling whose start data names it. */
async function appealOf(db: Db, app: RejectedApplication) {
  const row = await db.auditLog.findFirst({ where: { applicationId: app.id, action: 'application.appeal-started' }, orderBy: { id: 'desc' } });
  const ruling = row ? (JSON.parse(row.details) as { ruling?: string }).ruling : undefined;
  if (!ruling) return null;
  return db.application.findUnique({ where: { trackingNumber: ruling }, select: { trackingNumber: true, status: true, outcome: true } });
}

/** Whether and until when a rejected application may be appealed; null when it cannot be at all. */
export async function appealStateOf(db: Db, app: RejectedApplication, now: Date = new Date()): Promise<AppealState | null> {
  const service = serviceData(app.processKey);
  if (!service || !app.completedAt || !(app.status === 'completed' && (app.outcome === 'rejected' || (await appealOf(db, app))))) return null;
  const parsed = parseCalendar(await readCalendar(db, service.legal.calendar));
  if (!parsed.ok) return null;
  const until = addWorkingDays(app.completedAt, service.appeal.windowWorkingDays, parsed.calendar);
  const appeal = await appealOf(db, app);
  return {
    open: !appeal && app.outcome === 'rejected' && now <= until,
    until: until.toISOString(),
    windowWorkingDays: service.appeal.windowWorkingDays,
    reviewerGroup: service.appeal.reviewerGroup,
    appeal,
  };
}

export async function lodgeAppeal(db: Db, engine: EngineClient, user: CurrentUser, trackingNumber: string, reason: string) {
  const app = await db.application.findFirst({
    where: { trackingNumber, organisationId: user.organisationId ?? '__none__' },
    include: { definition: { select: { graph: true } } },
  });
  if (!app) throw notFound(`no application ${trackingNumber}`);
  const state = await appealStateOf(db, app);
  if (!state) throw new HttpError(409, 'not_appealable', `application ${trackingNumber} is not a rejected application of a public service`);
  if (state.appeal) throw new HttpError(409, 'already_appealed', `application ${trackingNumber} is already appealed (${state.appeal.trackingNumber})`);
  if (!state.open) throw new HttpError(409, 'appeal_window_closed', `the appeal window of ${state.windowWorkingDays} working days closed on ${state.until}`);
  const family = issuedFamilyOf(JSON.parse(app.definition.graph) as ProcessGraph);
  if (!family) throw new HttpError(409, 'not_appealable', `process ${app.processKey} issues no certificate`);

  // who rejected: the last task a reviewer completed before the rejection (none: an automatic check)
  const rejecting = await db.task.findFirst({
    where: { applicationId: app.id, status: 'completed', NOT: { candidateGroups: '' } },
    orderBy: { completedAt: 'desc' },
  });
  const rejectedByGroup = rejecting?.candidateGroups ?? '';
  if (rejectedByGroup.split(',').includes(state.reviewerGroup)) {
    // four eyes between units: a misconfigured family must not let the rejecting group judge its own decision
    throw new HttpError(409, 'four_eyes', `the appeal group ${state.reviewerGroup} rejected this application itself`);
  }
  const variables = await ruledVariablesOf(db, app.id, engine.temporal);
  const ruling = await startRuling(db, engine.temporal, engine.queue, {
    processKey: 'appeal',
    ruled: app,
    idempotencyKey: appealIdempotencyKey(app.trackingNumber),
    actor: user.username,
    actorRole: 'applicant',
    variables: {
      ...variables,
      ruledTrackingNumber: app.trackingNumber,
      certificateFamily: family,
      appealReason: reason,
      appealReviewerGroup: state.reviewerGroup,
      rejectedBy: rejecting?.completedBy ?? '',
      rejectedByGroup,
      rejectionReason: String(variables.rejectionReason ?? variables.rejectionReasonFa ?? ''),
    },
  });
  return { trackingNumber: app.trackingNumber, appeal: ruling };
}

/**
 * Four eyes across processes: the reviewer whose decision a ruling reviews (its start data's
 * `rejectedBy`) may not complete the ruling's tasks.
 */
export async function isReviewedDecisionMaker(db: Db, applicationId: string, username: string): Promise<boolean> {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { processKey: true, submittedData: true } });
  if (app?.processKey !== 'appeal') return false;
  const data = JSON.parse(app.submittedData) as { rejectedBy?: unknown };
  return data.rejectedBy === username;
}
