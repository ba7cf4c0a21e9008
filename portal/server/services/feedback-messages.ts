/**
 * Questions, criticism, suggestions and complaints (پرسش، انتقاد، پیشنهاد و شکایت; regulations
 * §9): anyone files one about a service or, signed in, about an application they may see, and gets
 * a tracking number (FB-…); a public sender also gets a secret follow-up code (only its hash is
 * kept). An administrator answers; the sender sees the state and the answer. A complaint naming an
 * application past its expected decision date (decision-date.ts) is flagged as a delay complaint.
 */
import crypto from 'node:crypto';
import type { Db, Prisma } from '../../../prisma/client';
import { trackingNumberOf } from '../../../activities/applications/tracking-number';
import { allServiceData, serviceData } from '../../../activities/definition-data/services';
import type { ProcessGraph } from '../../../workflows/graph/types';
import type { CurrentUser } from '../plugins/auth';
import { badRequest, conflict, notFound } from '../plugins/errors';
import { applicationScopeFor } from './access';
import { decisionTimeOf } from './decision-date';
import { clockedFeesOfOne } from '../../../activities/deadlines/clocked-fees';
import { hashPassword, verifyPassword } from './passwords';
import { requireCleanText } from './hostile-text';

export const FEEDBACK_KINDS = ['question', 'criticism', 'suggestion', 'complaint'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_STATES = ['received', 'answered', 'closed'] as const;
export const FEEDBACK_CODE = 'FB';
export const FEEDBACK_NUMBER_PATTERN = '^FB-[0-9]{8}-[0-9A-Z]{6}$';

export interface FileFeedback {
  kind: FeedbackKind;
  text: string;
  /** the service it is about (a process key) */
  processKey?: string;
  /** an application the signed-in sender may see */
  applicationTrackingNumber?: string;
  /** a public sender's name and mobile or e-mail */
  name?: string;
  contact?: string;
}

type Row = NonNullable<Awaited<ReturnType<Db['feedbackMessage']['findUnique']>>>;

/** What the sender (and staff) see of a message; never the follow-up code's hash. */
export function present(row: Row, application?: { trackingNumber: string } | null) {
  return {
    trackingNumber: row.trackingNumber,
    kind: row.kind,
    processKey: row.processKey,
    serviceId: row.serviceId,
    applicationTrackingNumber: application?.trackingNumber ?? null,
    text: row.text,
    state: row.state,
    delayFlagged: row.delayFlagged,
    expectedDecisionAt: row.expectedDecisionAt,
    answer: row.answer,
    answeredAt: row.answeredAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
  };
}

/** The same, with the sender, for administrators. */
export function presentForStaff(row: Row, application: { trackingNumber: string } | null | undefined, sender: { username: string; displayName: string } | null | undefined) {
  return { ...present(row, application), senderName: sender?.displayName ?? row.senderName, senderUsername: sender?.username ?? null, senderContact: row.senderContact, answeredBy: row.answeredBy };
}

const newFollowUpCode = () => crypto.randomBytes(6).toString('hex').toUpperCase();

/** The delay flag: the named application is still undecided after its expected decision date. */
async function delayOf(db: Db, applicationId: string): Promise<{ overdue: boolean; expectedAt: Date | null }> {
  const app = await db.application.findUniqueOrThrow({
    where: { id: applicationId },
    include: { definition: { select: { graph: true } }, applicant: { select: { username: true } }, tasks: { select: { assignee: true, candidateGroups: true, createdAt: true, completedAt: true } } },
  });
  const time = await decisionTimeOf(db, JSON.parse(app.definition.graph) as ProcessGraph, { createdAt: app.createdAt, completedAt: app.completedAt, applicantUsername: app.applicant.username, tasks: app.tasks, fees: await clockedFeesOfOne(db, app) });
  return { overdue: time?.overdue ?? false, expectedAt: time ? new Date(time.expectedAt) : null };
}

export async function fileFeedback(db: Db, user: CurrentUser | undefined, input: FileFeedback): Promise<{ row: Row; followUpCode?: string; application: { trackingNumber: string } | null }> {
  const { text, name, contact } = requireCleanText({ text: input.text, name: input.name, contact: input.contact }, { singleLine: ['name', 'contact'] });
  if (!user) {
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'is required when you are not signed in';
    if (!contact) errors.contact = 'give a mobile number (09…) or an e-mail address';
    else if (!/^09[0-9]{9}$/.test(contact) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) errors.contact = 'must be a mobile number (09…) or an e-mail address';
    if (input.applicationTrackingNumber) errors.applicationTrackingNumber = 'sign in to write about an application';
    if (Object.keys(errors).length) throw badRequest('the message has invalid fields', errors);
  }
  let application: { id: string; trackingNumber: string; processKey: string } | null = null;
  if (input.applicationTrackingNumber && user) {
    application = await db.application.findFirst({ where: { trackingNumber: input.applicationTrackingNumber, ...(await applicationScopeFor(db, user)) }, select: { id: true, trackingNumber: true, processKey: true } });
    if (!application) throw notFound(`no application ${input.applicationTrackingNumber}`);
  }
  const processKey = application?.processKey ?? input.processKey;
  if (processKey && !application && !serviceData(processKey)) throw badRequest(`no service ${processKey}`, { processKey: `must be one of ${allServiceData().map((s) => s.processKey).join(', ')}` });
  const delay = input.kind === 'complaint' && application ? await delayOf(db, application.id) : undefined;
  const followUpCode = user ? undefined : newFollowUpCode();
  const row = await db.feedbackMessage.create({
    data: {
      trackingNumber: trackingNumberOf(FEEDBACK_CODE, crypto.randomBytes(6)),
      kind: input.kind,
      processKey: processKey ?? null,
      serviceId: processKey ? (serviceData(processKey)?.serviceId ?? null) : null,
      applicationId: application?.id ?? null,
      text,
      senderId: user?.id ?? null,
      senderName: user ? null : name,
      senderContact: user ? null : contact,
      followUpCodeHash: followUpCode ? await hashPassword(followUpCode) : null,
      delayFlagged: delay?.overdue ?? false,
      expectedDecisionAt: delay?.expectedAt ?? null,
    },
  });
  return { row, followUpCode, application };
}

const applicationOf = async (db: Db, row: Row) => (row.applicationId ? db.application.findUnique({ where: { id: row.applicationId }, select: { trackingNumber: true } }) : null);

/** A public sender's message, by tracking number and follow-up code; 404 for a wrong pair (never saying which). */
export async function lookUpPublic(db: Db, trackingNumber: string, code: string) {
  const row = await db.feedbackMessage.findUnique({ where: { trackingNumber } });
  if (!row?.followUpCodeHash || !(await verifyPassword(code.trim().toUpperCase(), row.followUpCodeHash))) throw notFound('no message with this tracking number and follow-up code');
  return present(row, null);
}

/** The signed-in sender's own message, or any for administrators. */
export async function messageFor(db: Db, user: CurrentUser, trackingNumber: string) {
  const row = await db.feedbackMessage.findUnique({ where: { trackingNumber } });
  const admin = user.roles.includes('admin');
  if (!row || (!admin && row.senderId !== user.id)) throw notFound(`no message ${trackingNumber}`);
  const application = await applicationOf(db, row);
  if (!admin) return present(row, application);
  const sender = row.senderId ? await db.user.findUnique({ where: { id: row.senderId }, select: { username: true, displayName: true } }) : null;
  return presentForStaff(row, application, sender);
}

export async function myMessages(db: Db, user: CurrentUser) {
  const rows = await db.feedbackMessage.findMany({ where: { senderId: user.id }, orderBy: { createdAt: 'desc' }, take: 200 });
  const apps = new Map((await db.application.findMany({ where: { id: { in: rows.flatMap((r) => (r.applicationId ? [r.applicationId] : [])) } }, select: { id: true, trackingNumber: true } })).map((a) => [a.id, a]));
  return rows.map((r) => present(r, r.applicationId ? apps.get(r.applicationId) : null));
}

export interface AdminFilter { kind?: FeedbackKind; state?: string; flagged?: boolean; page?: number; perPage?: number }

export async function adminList(db: Db, filter: AdminFilter) {
  const where: Prisma.FeedbackMessageWhereInput = {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.flagged !== undefined ? { delayFlagged: filter.flagged } : {}),
  };
  const perPage = filter.perPage ?? 25;
  const page = filter.page ?? 1;
  const [total, rows] = await Promise.all([
    db.feedbackMessage.count({ where }),
    // flagged complaints first among the unanswered, then oldest first: they wait longest
    db.feedbackMessage.findMany({ where, orderBy: [{ delayFlagged: 'desc' }, { createdAt: 'desc' }], skip: (page - 1) * perPage, take: perPage }),
  ]);
  const apps = new Map((await db.application.findMany({ where: { id: { in: rows.flatMap((r) => (r.applicationId ? [r.applicationId] : [])) } }, select: { id: true, trackingNumber: true } })).map((a) => [a.id, a]));
  const senders = new Map((await db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.senderId ? [r.senderId] : [])) } }, select: { id: true, username: true, displayName: true } })).map((u) => [u.id, u]));
  return { data: rows.map((r) => presentForStaff(r, r.applicationId ? apps.get(r.applicationId) : null, r.senderId ? senders.get(r.senderId) : null)), total };
}

/** An administrator answers (or answers again); `close` also closes the message. The signed-in sender is told in the inbox. */
export async function answerMessage(db: Db, admin: CurrentUser, trackingNumber: string, input: { answer: string; close?: boolean }) {
  const { answer } = requireCleanText({ answer: input.answer });
  const row = await db.feedbackMessage.findUnique({ where: { trackingNumber } });
  if (!row) throw notFound(`no message ${trackingNumber}`);
  if (row.state === 'closed') throw conflict(`message ${trackingNumber} is closed`);
  const now = new Date();
  const updated = await db.feedbackMessage.update({
    where: { id: row.id },
    data: { answer, answeredBy: admin.username, answeredAt: now, state: input.close ? 'closed' : 'answered', ...(input.close ? { closedAt: now } : {}) },
  });
  if (row.senderId) {
    await db.notification.upsert({
      where: { idempotencyKey: `feedback/${trackingNumber}/answered/${now.getTime()}` },
      create: {
        idempotencyKey: `feedback/${trackingNumber}/answered/${now.getTime()}`,
        userId: row.senderId,
        applicationId: row.applicationId,
        template: 'feedback-answered',
        subjectFa: `پاسخ پیام ${trackingNumber}`,
        subjectEn: `Answer to message ${trackingNumber}`,
        bodyFa: `به پیام شما با شماره پیگیری ${trackingNumber} پاسخ داده شد:\n${answer}`,
        bodyEn: `Your message ${trackingNumber} has been answered:\n${answer}`,
      },
      update: {},
    });
  }
  return updated;
}

export async function closeMessage(db: Db, trackingNumber: string) {
  const row = await db.feedbackMessage.findUnique({ where: { trackingNumber } });
  if (!row) throw notFound(`no message ${trackingNumber}`);
  if (row.state === 'closed') throw conflict(`message ${trackingNumber} is already closed`);
  return db.feedbackMessage.update({ where: { id: row.id }, data: { state: 'closed', closedAt: new Date() } });
}

/** The services a message may name, with the name of each family's newest deployed version. */
export async function feedbackServices(db: Db): Promise<{ processKey: string; serviceId: string; name: string | null }[]> {
  const services = allServiceData();
  const defs = await db.processDefinition.findMany({ where: { key: { in: services.map((s) => s.processKey) } }, orderBy: { version: 'desc' }, select: { key: true, name: true } });
  const names = new Map<string, string | null>();
  for (const d of defs) if (!names.has(d.key)) names.set(d.key, d.name);
  return services.filter((s) => names.has(s.processKey)).map((s) => ({ processKey: s.processKey, serviceId: s.serviceId, name: names.get(s.processKey) ?? null }));
}
