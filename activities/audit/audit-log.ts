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

/** The row an entry is stored as. */
export function auditData(entry: AuditEntry) {
  return { ...entry, details: JSON.stringify(entry.details ?? {}), ...(entry.at ? { at: entry.at } : {}) };
}

export async function appendAudit(db: Pick<Db, 'auditLog'>, entry: AuditEntry): Promise<void> {
  try {
    await db.auditLog.create({ data: auditData(entry) });
  } catch (err) {
    if (entry.dedupeKey && isUniqueViolation(err)) return; // written by an earlier attempt
    throw err;
  }
}

/**
 * Runs a transaction that ends by writing an audit entry with a dedupe key: when that key is
 * already taken, an earlier attempt committed the whole transaction, and this one did nothing.
 */
export async function onceAtomically(transaction: () => Promise<unknown>): Promise<void> {
  try {
    await transaction();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}
