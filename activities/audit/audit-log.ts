/** Appends to the audit log. Retried activities pass a dedupeKey so an entry is written once. */
import { Db, isUniqueViolation } from '../../prisma/client';

export interface AuditEntry {
  actor: string;
  actorRole?: string;
  action: string;
  applicationId?: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
  dedupeKey?: string;
  at?: Date;
}

export async function appendAudit(db: Pick<Db, 'auditLog'>, entry: AuditEntry): Promise<void> {
  try {
    await db.auditLog.create({
      data: { ...entry, details: JSON.stringify(entry.details ?? {}), ...(entry.at ? { at: entry.at } : {}) },
    });
  } catch (err) {
    if (entry.dedupeKey && isUniqueViolation(err)) return; // written by an earlier attempt
    throw err;
  }
}
