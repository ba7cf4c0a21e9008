/**
 * Turns an upload into a stored document: type checked by content, name checked by the text policy
 * (workflows/forms/text-policy.ts) and sanitised, bytes in the
 * store under a generated key, then the row. Uploads not yet attached to an application are
 * limited per user and deleted after a day.
 */
import crypto from 'node:crypto';
import type { Db } from '../../../prisma/client';
import type { CurrentUser } from '../plugins/auth';
import { HttpError, badRequest } from '../plugins/errors';
import { textProblem } from '../../../workflows/forms/text-policy';
import type { Upload } from '../services/read-upload';
import { MAX_DOCUMENT_BYTES, sniffContentType } from './content-type';
import type { DocumentStore } from './document-store';
import { sanitiseFilename } from './sanitise-filename';

export { MAX_DOCUMENT_BYTES };
export const MAX_UNATTACHED_PER_USER = 100;
export const UNATTACHED_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The kind of an upload until a form submission attaches it (then: the form field's key). */
export const UNATTACHED_KIND = 'upload';
/** The kind of a file attached to a task directly (POST /api/tasks/{id}/attachments). */
export const ATTACHMENT_KIND = 'attachment';

export interface SavedDocument {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

/** Where a document goes at once, for files attached to a task directly. */
export interface AttachTo {
  applicationId: string;
  taskId: string;
  kind: string;
}

export async function saveDocument(db: Db, store: DocumentStore, user: CurrentUser, upload: Upload, attachTo?: AttachTo): Promise<SavedDocument> {
  // a name that disguises itself (`Safe\u202Efdp.exe`) is refused, like any hostile text; the rest is sanitised below
  const nameProblem = textProblem(upload.filename ?? '');
  if (nameProblem) throw badRequest(`the file name ${nameProblem}`, { file: `its name ${nameProblem}` });
  const contentType = sniffContentType(upload.data);
  if (!contentType) throw new HttpError(415, 'unsupported_file_type', 'upload a PDF, PNG or JPEG file (the type is read from the content, not the name)');
  const sha256 = crypto.createHash('sha256').update(upload.data).digest('hex');
  const storageKey = await store.write(upload.data);
  try {
    return await db.document.create({
      data: {
        storageKey,
        filename: sanitiseFilename(upload.filename),
        contentType,
        size: upload.data.length,
        sha256,
        uploadedById: user.id,
        organisationId: user.organisationId,
        kind: attachTo?.kind ?? UNATTACHED_KIND,
        ...(attachTo ? { applicationId: attachTo.applicationId, taskId: attachTo.taskId, attachedAt: new Date() } : {}),
      },
      select: { id: true, filename: true, contentType: true, size: true, sha256: true, createdAt: true },
    });
  } catch (err) {
    await store.remove(storageKey);
    throw err;
  }
}

/**
 * An upload for a form not yet submitted. The purge of expired uploads runs here for this user
 * (and once for everybody at server start, see purgeUnattachedDocuments): that keeps it cheap — a
 * small indexed query per upload, no scheduler — and an upload's owner never counts an expired one
 * against the limit. Documents of other users who stopped uploading wait for the next start.
 */
export async function saveUnattachedDocument(db: Db, store: DocumentStore, user: CurrentUser, upload: Upload): Promise<SavedDocument> {
  await purgeUnattachedDocuments(db, store, { uploadedById: user.id });
  const pending = await db.document.count({ where: { uploadedById: user.id, applicationId: null } });
  if (pending >= MAX_UNATTACHED_PER_USER) {
    throw new HttpError(429, 'too_many_unattached_documents', `you have ${pending} uploaded documents not yet part of an application or task (at most ${MAX_UNATTACHED_PER_USER}); submit the form they are for first, or wait: unsubmitted uploads are deleted after 24 hours`);
  }
  return saveDocument(db, store, user, upload);
}

/** Deletes unattached documents older than UNATTACHED_LIFETIME_MS (rows, then files); returns how many. */
export async function purgeUnattachedDocuments(db: Db, store: DocumentStore, { uploadedById, now = new Date() }: { uploadedById?: string; now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - UNATTACHED_LIFETIME_MS);
  let deleted = 0;
  for (;;) {
    const expired = await db.document.findMany({
      where: { applicationId: null, createdAt: { lt: cutoff }, ...(uploadedById ? { uploadedById } : {}) },
      select: { id: true, storageKey: true },
      take: 500,
    });
    for (const doc of expired) {
      // only while still unattached: a submission attaching it meanwhile wins
      const { count } = await db.document.deleteMany({ where: { id: doc.id, applicationId: null } });
      if (count === 0) continue;
      await store.remove(doc.storageKey);
      deleted += 1;
    }
    if (expired.length < 500) return deleted;
  }
}
