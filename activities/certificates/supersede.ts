/**
 * A renewal's last step: the certificate it renews becomes `superseded`, linked to the new one
 * (new.replacesNumber → old.number), with a status change on the public record. Exactly once: the
 * change is keyed by the new certificate's issuance key.
 */
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';

export async function supersede(db: Db, oldNumber: string, replacement: { number: string; issuanceKey: string; applicationId: string }, trackingNumber: string): Promise<void> {
  const idempotencyKey = `${replacement.issuanceKey}/supersede`;
  if (await db.certificateStatusChange.findUnique({ where: { idempotencyKey } })) return;
  const old = await db.certificate.findUniqueOrThrow({ where: { number: oldNumber }, select: { id: true, status: true, applicationId: true } });
  if (old.status === 'superseded') return;
  try {
    await db.$transaction(async (tx) => {
      await tx.certificate.update({ where: { id: old.id }, data: { status: 'superseded' } });
      await tx.certificateStatusChange.create({
        data: {
          certificateId: old.id, action: 'supersede', fromStatus: old.status, toStatus: 'superseded',
          reason: `renewed by ${replacement.number}`, decidedBy: 'technical-reviewers', trackingNumber, idempotencyKey,
        },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  await appendAudit(db, {
    actor: 'system',
    action: 'certificate.superseded',
    applicationId: old.applicationId,
    entityType: 'certificate',
    entityId: oldNumber,
    details: { by: replacement.number, trackingNumber },
    dedupeKey: `certificate.superseded:${idempotencyKey}`,
  });
}
