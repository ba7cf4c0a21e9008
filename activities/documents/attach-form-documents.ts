/**
 * Documents named in a submitted form become part of the application: a form-js `filepicker`
 * field's value is the list of ids of documents uploaded beforehand (POST /api/documents). Used when
 * an application is started (portal server) and when a user task closes (closeUserTask activity,
 * so that attaching is durable and exactly-once even if the API dies after the engine accepted).
 */
import type { Db } from '../../prisma/client';
import type { FormField, FormSchema } from '../../workflows/graph/types';
import { isHidden } from '../../workflows/forms/visibility';
import { appendAudit } from '../audit/audit-log';

/** A database client or an interactive transaction: only the tables attaching touches. */
export type DocumentsDb = Pick<Db, 'document' | 'auditLog'>;

export interface AttachFormDocumentsInput {
  form: FormSchema;
  /** The submitted (validated) values. */
  values: Record<string, unknown>;
  applicationId: string;
  /** The task the form belongs to (none for a start form). */
  taskId?: string;
  /** User name of the submitter: only documents they uploaded are attached. */
  actor: string;
  actorRole?: string;
}

/**
 * The form's fields that carry documents in a submission: top-level `filepicker` fields with a key,
 * not hidden by their `conditional.hide` and not read-only (those are display only).
 */
export function documentFields(form: FormSchema, values: Record<string, unknown>): (FormField & { key: string })[] {
  return form.components.filter(
    (field): field is FormField & { key: string } => field.type === 'filepicker' && typeof field.key === 'string' && !field.readonly && !isHidden(field, values),
  );
}

/** The document ids in a filepicker value (anything else holds none). */
export function documentIdsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Attaches every document the form's filepicker fields name to the application (and task), with
 * the field key as its kind, and records `document.attached` once per document. Idempotent: a
 * document already attached is left as it is, and a rerun writes no second audit entry. Documents
 * of other uploaders are never taken, whatever the values say. Returns the ids attached to this
 * application by this submission (now or by an earlier attempt of it).
 */
export async function attachFormDocuments(db: DocumentsDb, input: AttachFormDocumentsInput): Promise<string[]> {
  const kindOf = new Map<string, string>();
  for (const field of documentFields(input.form, input.values)) {
    for (const id of documentIdsIn(input.values[field.key])) if (!kindOf.has(id)) kindOf.set(id, field.key);
  }
  if (kindOf.size === 0) return [];
  const ids = [...kindOf.keys()];
  const taskId = input.taskId ?? null;
  const attachedAt = new Date();
  const unattached = await db.document.findMany({ where: { id: { in: ids }, applicationId: null, uploadedBy: { username: input.actor } }, select: { id: true } });
  for (const { id } of unattached) {
    // the condition again: a concurrent submission naming the same upload attaches it once
    await db.document.updateMany({ where: { id, applicationId: null }, data: { applicationId: input.applicationId, taskId, kind: kindOf.get(id)!, attachedAt } });
  }
  const attached = await db.document.findMany({
    where: { id: { in: ids }, applicationId: input.applicationId, taskId, uploadedBy: { username: input.actor } },
    select: { id: true, filename: true, kind: true, sha256: true, taskId: true },
  });
  attached.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)); // in the form's order
  for (const doc of attached) {
    await appendAudit(db, {
      actor: input.actor,
      actorRole: input.actorRole,
      action: 'document.attached',
      applicationId: input.applicationId,
      entityType: 'document',
      entityId: doc.id,
      details: { filename: doc.filename, kind: doc.kind, sha256: doc.sha256, taskId: doc.taskId },
      dedupeKey: `document.attached:${doc.id}`,
    });
  }
  return attached.map((doc) => doc.id);
}
