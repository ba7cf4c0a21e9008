/**
 * Moves task attachments of the old TaskAttachment table (bytes in the database) into the
 * document store: one Document per row, with the row's id so a rerun after a crash finds it and
 * only deletes the old row. Run after migrations (scripts/lib/prepare-database.ts); the table goes
 * in a later migration once every installation has moved its rows.
 */
import crypto from 'node:crypto';
import type { Db } from '../../../prisma/client';
import type { DocumentStore } from './document-store';
import { ATTACHMENT_KIND } from './save-document';
import { sanitiseFilename } from './sanitise-filename';

/** Returns how many rows were moved; rows whose author or task no longer exists are kept and reported. */
export async function moveTaskAttachments(db: Db, store: DocumentStore, log: (m: string) => void = () => {}): Promise<number> {
  let moved = 0;
  let after = '';
  for (;;) {
    // one row at a time: each holds up to 10 MB
    const old = await db.taskAttachment.findFirst({ where: { id: { gt: after } }, orderBy: { id: 'asc' } });
    if (!old) return moved;
    after = old.id;
    if (await db.document.findUnique({ where: { id: old.id }, select: { id: true } })) {
      await db.taskAttachment.delete({ where: { id: old.id } }); // moved by an earlier run that stopped here
      moved += 1;
      continue;
    }
    const uploader = await db.user.findUnique({ where: { username: old.author }, select: { id: true, organisationId: true } });
    const task = await db.task.findUnique({ where: { id: old.taskId }, select: { applicationId: true } });
    if (!uploader || !task) {
      log(`task attachment ${old.id} kept in the database: ${!uploader ? `no user ${old.author}` : `no task ${old.taskId}`}`);
      continue;
    }
    const data = Buffer.from(old.data);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    if (sha256 !== old.sha256) log(`task attachment ${old.id}: stored SHA-256 ${old.sha256} differs from its bytes' ${sha256}; keeping the bytes' hash`);
    const storageKey = await store.write(data, old.createdAt);
    try {
      await db.$transaction([
        db.document.create({
          data: {
            id: old.id,
            storageKey,
            filename: sanitiseFilename(old.filename),
            contentType: old.contentType,
            size: data.length,
            sha256,
            uploadedById: uploader.id,
            organisationId: uploader.organisationId,
            applicationId: task.applicationId,
            taskId: old.taskId,
            kind: ATTACHMENT_KIND,
            createdAt: old.createdAt,
            attachedAt: old.createdAt,
          },
        }),
        db.taskAttachment.delete({ where: { id: old.id } }),
      ]);
    } catch (err) {
      await store.remove(storageKey);
      throw err;
    }
    moved += 1;
  }
}
