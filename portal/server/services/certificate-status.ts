/**
 * Asking for a certificate's suspension, reinstatement or revocation: checked here, carried out by
 * an instance of the `certificate-status-change` process (definitions/), which the regulator owns,
 * so the change has the same history, audit and incidents as any application.
 */
import type { Db } from '../../../prisma/client';
import { REGULATOR_ORGANISATION } from '../../../prisma/seed';
import { appendAudit } from '../../../activities/audit/audit-log';
import { newTrackingNumber } from '../../../activities/applications/tracking-number';
import { nextStatus, type StatusAction } from '../../../activities/certificates/status-transitions';
import type { EngineClient } from '../engine/engine-client';
import type { CurrentUser } from '../plugins/auth';
import { conflict } from '../plugins/errors';
import { canonicalNumber, findIssued } from './certificate-records';
import { findDefinition, launch } from './start-application';

export const STATUS_CHANGE_PROCESS = 'certificate-status-change';
/** Tracking numbers of status-change instances: CS-<Jalali date>-<6>. */
const STATUS_CHANGE_CODE = 'CS';
const UNFINISHED = ['submitted', 'running', 'incident'];

export async function requestStatusChange(db: Db, engine: EngineClient, user: CurrentUser, req: { number: string; action: StatusAction; reason: string }) {
  const cert = await findIssued(db, canonicalNumber(req.number));
  const next = nextStatus(cert.status, req.action);
  if (!next.ok) throw conflict(`${cert.number}: ${next.message}`);
  const marker = JSON.stringify({ certificateNumber: cert.number }).slice(1, -1);
  const underWay = await db.application.findFirst({ where: { processKey: STATUS_CHANGE_PROCESS, status: { in: UNFINISHED }, submittedData: { contains: marker } } });
  if (underWay) throw conflict(`a status change of ${cert.number} is already under way (${underWay.trackingNumber}); wait for it to end`);

  const def = await findDefinition(db, STATUS_CHANGE_PROCESS);
  const regulator = await db.organisation.findUniqueOrThrow({ where: { nationalId: REGULATOR_ORGANISATION.nationalId } });
  const app = await db.application.create({
    data: {
      trackingNumber: newTrackingNumber(STATUS_CHANGE_CODE),
      definitionId: def.id,
      processKey: def.key,
      processVersion: def.version,
      organisationId: regulator.id,
      applicantId: user.id,
      status: 'submitted',
      submittedData: JSON.stringify({ certificateNumber: cert.number, action: req.action, reason: req.reason.trim(), requestedBy: user.username }),
    },
  });
  await appendAudit(db, {
    actor: user.username,
    actorRole: 'admin',
    action: 'certificate.status-change-requested',
    applicationId: cert.applicationId,
    entityType: 'certificate',
    entityId: cert.number,
    details: { action: req.action, reason: req.reason.trim(), trackingNumber: app.trackingNumber },
  });
  await launch(db, engine, app.id);
  return { trackingNumber: app.trackingNumber, certificateNumber: cert.number, action: req.action };
}
