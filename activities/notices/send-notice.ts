/**
 * Sends a notice to an applicant: finds the user and the application, renders the event's template
 * for the application's family and records it in the outbox (once per event key). Shared by the
 * `notify-applicant` service task, the received notice at submission, certificate events and the
 * renewal reminders.
 */
import type { Db } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';
import { recordNotice } from './outbox';
import { messageValues, renderNotice } from './templates';

export class NoticeProblem extends Error {
  constructor(message: string, readonly code: 'UnknownTemplate' | 'UnknownUser' | 'MissingVariable') {
    super(message);
  }
}

export interface NoticeRequest {
  eventKey: string;
  /** The template name (definitions/notification-templates.json). */
  event: string;
  /** The recipient: the applicant's user name. */
  username: string;
  applicationId?: string | null;
  trackingNumber?: string | null;
  /** What the texts may quote besides the process's name and the link. */
  variables: Record<string, unknown>;
  /** The portal's public address, for links in SMS and e-mail. */
  publicBaseUrl: string;
  /** The page a link opens (default: the application's page). */
  linkPath?: string;
}

export async function sendNotice(db: Db, req: NoticeRequest): Promise<{ recorded: boolean }> {
  const user = await db.user.findUnique({ where: { username: req.username }, select: { id: true, mobile: true, email: true } });
  if (!user) throw new NoticeProblem(`applicant user "${req.username}" does not exist`, 'UnknownUser');
  const application = req.applicationId
    ? await db.application.findUnique({ where: { id: req.applicationId }, select: { processKey: true, trackingNumber: true, definition: { select: { name: true } } } })
    : null;
  const processKey = application?.processKey ?? null;
  const trackingNumber = req.trackingNumber ?? application?.trackingNumber ?? null;
  const linkPath = req.linkPath ?? (trackingNumber ? `/applications/${encodeURIComponent(trackingNumber)}/show` : '/inbox');
  const values = {
    ...messageValues(req.variables, { key: processKey ?? '', name: application?.definition.name ?? null }),
    trackingNumber,
    link: `${req.publicBaseUrl}${linkPath}`,
  };
  const texts = renderNotice(req.event, processKey, values);
  if (!texts) throw new NoticeProblem(`unknown notification template "${req.event}"`, 'UnknownTemplate');
  const recorded = await recordNotice(db, { eventKey: req.eventKey, event: req.event, user, applicationId: req.applicationId, trackingNumber, processKey, texts });
  await appendAudit(db, {
    actor: 'system',
    action: 'applicant.notified',
    applicationId: req.applicationId ?? undefined,
    entityType: 'notification',
    entityId: req.eventKey,
    details: { template: req.event },
    dedupeKey: `notified:${req.eventKey}`,
  });
  return { recorded };
}
