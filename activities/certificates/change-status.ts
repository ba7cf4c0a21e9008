/**
 * `certificate.change-status` service task (definitions/certificate-status-change.bpmn): records a
 * suspension, reinstatement or revocation. Only instances the regulator owns may change a status
 * (applicants cannot start their way to one), with one exception: an application's own process may
 * revoke the certificate it issued itself — a registration-based family's post-issue check
 * (بازرسی پسینی) that finds the undertaking broken (header `decidedBy`: the group that found it).
 * Exactly once: the change is keyed by
 * <tracking number>/<element id>, so a retried activity finds it and changes nothing again.
 * A change that is no longer allowed (the status moved since the request) ends as the BPMN error
 * `status-change-refused`, which an administrator sees as an incident unless the model catches it.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import { REGULATOR_ORGANISATION } from '../../prisma/seed';
import { appendAudit } from '../audit/audit-log';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { isStatusAction, nextStatus } from './status-transitions';

function requiredText(variables: Record<string, unknown>, name: string): string {
  const v = variables[name];
  if (typeof v !== 'string' || !v.trim()) throw ApplicationFailure.nonRetryable(`variable "${name}" is required to change a certificate's status`, 'MissingVariable');
  return v.trim();
}

export function createChangeCertificateStatus(db: Db): ServiceTaskHandler {
  return async (input) => {
    const idempotencyKey = `${input.trackingNumber}/${input.elementId}`;
    const done = await db.certificateStatusChange.findUnique({ where: { idempotencyKey } });
    if (done) return { variables: { newStatus: done.toStatus } };

    const application = await db.application.findUniqueOrThrow({ where: { id: input.applicationId }, include: { organisation: true } });
    const regulators = application.organisation.nationalId === REGULATOR_ORGANISATION.nationalId;
    const number = requiredText(input.variables, 'certificateNumber');
    const action = input.variables.action;
    if (!isStatusAction(action)) throw ApplicationFailure.nonRetryable(`variable "action" must be suspend, reinstate or revoke`, 'InvalidVariable');
    const reason = requiredText(input.variables, 'reason');

    const cert = await db.certificate.findUnique({ where: { number } });
    const ownRevocation = !regulators && action === 'revoke' && cert?.applicationId === application.id;
    if (!regulators && !ownRevocation) {
      throw ApplicationFailure.nonRetryable(`instance ${input.trackingNumber} is not the regulator's: only administrators change a certificate's status (an application's process may only revoke its own certificate)`, 'NotAuthorised');
    }
    if (!cert || cert.status === 'pending') throw ApplicationFailure.nonRetryable(`no issued certificate with number ${number}`, 'CertificateNotFound');
    const next = nextStatus(cert.status, action);
    if (!next.ok) return { variables: {}, bpmnError: { code: 'status-change-refused', message: next.message } };

    const decidedBy = ownRevocation ? (input.headers.decidedBy ?? 'staff') : action === 'revoke' ? 'admin, technical-reviewers' : 'admin';
    try {
      const changed = await db.$transaction(async (tx) => {
        // only from the status read above: a concurrent change makes this match nothing
        const { count } = await tx.certificate.updateMany({ where: { id: cert.id, status: cert.status }, data: { status: next.status } });
        if (count === 0) return false;
        await tx.certificateStatusChange.create({
          data: { certificateId: cert.id, action, fromStatus: cert.status, toStatus: next.status, reason, decidedBy, trackingNumber: input.trackingNumber, idempotencyKey },
        });
        return true;
      });
      if (!changed) throw ApplicationFailure.retryable(`the status of ${number} changed while this change was being recorded; reading it again`, 'ConcurrentStatusChange');
    } catch (err) {
      if (isUniqueViolation(err)) return { variables: { newStatus: next.status } };
      throw err;
    }
    await appendAudit(db, {
      actor: !ownRevocation && typeof input.variables.requestedBy === 'string' ? input.variables.requestedBy : 'system',
      actorRole: ownRevocation ? 'staff' : 'admin',
      action: `certificate.${action === 'reinstate' ? 'reinstated' : action === 'revoke' ? 'revoked' : 'suspended'}`,
      applicationId: cert.applicationId,
      entityType: 'certificate',
      entityId: number,
      details: { from: cert.status, to: next.status, reason, decidedBy, trackingNumber: input.trackingNumber },
      dedupeKey: `status-change:${idempotencyKey}`,
    });
    return { variables: { newStatus: next.status } };
  };
}
