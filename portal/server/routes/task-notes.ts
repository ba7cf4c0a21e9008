/**
 * Comments and attachments on user tasks: what reviewers write and attach while they work on a
 * task. Readable by whoever may see the task; added only while it is open, by those who may work on
 * it (or administrators). Files: PDF, PNG or JPEG (checked by content, not by name), at most 10 MB,
 * kept as documents of the application (kind `attachment`) in the document store.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { authenticate, userOf, type CurrentUser } from '../plugins/auth';
import { HttpError, forbidden, notFound } from '../plugins/errors';
import { canSeeTask, canWorkOn } from '../services/access';
import { readUpload } from '../services/read-upload';
import { requireCleanText } from '../services/hostile-text';
import { bearer, errorSchema } from '../schemas/common';
import type { DocumentStore } from '../documents/document-store';
import { sendDocument } from '../documents/document-view';
import { ATTACHMENT_KIND, MAX_DOCUMENT_BYTES, saveDocument } from '../documents/save-document';
import { taskIdParam } from './tasks';

export const MAX_ATTACHMENT_BYTES = MAX_DOCUMENT_BYTES;

async function taskFor(db: Db, user: CurrentUser, taskId: string, adding: boolean) {
  const task = await db.task.findUnique({ where: { id: taskId } });
  if (!task) throw notFound(`no task ${taskId}`);
  if (!canSeeTask(user, task)) throw forbidden('this task is not yours');
  if (adding && task.status !== 'open') throw new HttpError(409, 'task_closed', `task ${taskId} is ${task.status}; comments and files are added while it is open`);
  if (adding && !canWorkOn(user, task) && !user.roles.includes('admin')) throw forbidden('only those who may work on the task add to it');
  return task;
}

export async function taskNoteRoutes(app: FastifyInstance, { db, store }: { db: Db; store: DocumentStore }): Promise<void> {
  app.get<{ Params: { taskId: string } }>('/api/tasks/:taskId/comments', {
    schema: { tags: ['tasks'], summary: 'Comments on a task, oldest first', security: bearer, params: taskIdParam, response: { 403: errorSchema, 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => {
    await taskFor(db, userOf(request), request.params.taskId, false);
    return db.taskComment.findMany({ where: { taskId: request.params.taskId }, orderBy: { createdAt: 'asc' }, select: { id: true, author: true, body: true, createdAt: true } });
  });

  app.post<{ Params: { taskId: string }; Body: { body: string } }>('/api/tasks/:taskId/comments', {
    schema: {
      tags: ['tasks'], summary: 'Comment on an open task', security: bearer, params: taskIdParam,
      body: { type: 'object', additionalProperties: false, required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } } },
      response: { 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request, reply) => {
    const user = userOf(request);
    const task = await taskFor(db, user, request.params.taskId, true);
    const { body } = requireCleanText({ body: request.body.body });
    const comment = await db.taskComment.create({ data: { taskId: task.id, author: user.username, body } });
    await appendAudit(db, { actor: user.username, action: 'task.commented', applicationId: task.applicationId, entityType: 'task', entityId: task.id, details: { commentId: comment.id } });
    return reply.status(201).send({ id: comment.id, author: comment.author, body: comment.body, createdAt: comment.createdAt });
  });

  app.get<{ Params: { taskId: string } }>('/api/tasks/:taskId/attachments', {
    schema: { tags: ['tasks'], summary: 'Files attached to a task', security: bearer, params: taskIdParam, response: { 403: errorSchema, 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => {
    await taskFor(db, userOf(request), request.params.taskId, false);
    const files = await db.document.findMany({
      where: { taskId: request.params.taskId, kind: ATTACHMENT_KIND },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, uploadedBy: { select: { username: true } }, filename: true, contentType: true, size: true, sha256: true, createdAt: true },
    });
    return files.map(({ uploadedBy, ...file }) => ({ ...file, author: uploadedBy.username }));
  });

  app.post<{ Params: { taskId: string } }>('/api/tasks/:taskId/attachments', {
    bodyLimit: MAX_ATTACHMENT_BYTES + 64 * 1024,
    schema: {
      tags: ['tasks'], summary: 'Attach a PDF, PNG or JPEG (multipart field `file`, at most 10 MB) to an open task', security: bearer, params: taskIdParam,
      consumes: ['multipart/form-data'],
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 415: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request, reply) => {
    const user = userOf(request);
    const task = await taskFor(db, user, request.params.taskId, true);
    const upload = await readUpload(request, MAX_ATTACHMENT_BYTES);
    const saved = await saveDocument(db, store, user, upload, { applicationId: task.applicationId, taskId: task.id, kind: ATTACHMENT_KIND });
    await appendAudit(db, { actor: user.username, action: 'task.file-attached', applicationId: task.applicationId, entityType: 'task', entityId: task.id, details: { attachmentId: saved.id, filename: saved.filename, sha256: saved.sha256 } });
    return reply.status(201).send({ id: saved.id, filename: saved.filename, contentType: saved.contentType, size: saved.size, sha256: saved.sha256 });
  });

  app.get<{ Params: { taskId: string; attachmentId: string } }>('/api/tasks/:taskId/attachments/:attachmentId', {
    schema: {
      tags: ['tasks'], summary: 'Download an attached file', security: bearer,
      params: { type: 'object', properties: { ...taskIdParam.properties, attachmentId: { type: 'string', maxLength: 40 } } },
    },
    onRequest: authenticate(db),
  }, async (request, reply) => {
    await taskFor(db, userOf(request), request.params.taskId, false);
    const file = await db.document.findFirst({ where: { id: request.params.attachmentId, taskId: request.params.taskId }, select: { storageKey: true, contentType: true, filename: true } });
    if (!file) throw notFound(`no attachment ${request.params.attachmentId} on task ${request.params.taskId}`);
    return sendDocument(reply, store, file);
  });
}
