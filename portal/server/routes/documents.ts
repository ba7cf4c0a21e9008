/**
 * Documents: PDF and image uploads (checked by content, at most 10 MB) for forms that are submitted
 * later, read back by those who may see them. Unknown ids and documents the caller may not read
 * get the same 404, so their existence is not revealed.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { DOCUMENT_ID_PATTERN } from '../../../workflows/graph/types';
import { authenticate, userOf, type CurrentUser } from '../plugins/auth';
import { notFound } from '../plugins/errors';
import { canReadDocument, mayReadApplicationDocuments } from '../services/access';
import { readUpload } from '../services/read-upload';
import { bearer, errorSchema, trackingNumberParam } from '../schemas/common';
import type { DocumentStore } from '../documents/document-store';
import { documentViewSchema, documentViewSelect, listApplicationDocuments, presentDocument, sendDocument } from '../documents/document-view';
import { MAX_DOCUMENT_BYTES, saveUnattachedDocument } from '../documents/save-document';

const documentIdParam = {
  type: 'object',
  properties: { id: { type: 'string', pattern: DOCUMENT_ID_PATTERN.source } },
  required: ['id'],
} as const;

const SAVED_FIELDS = ['id', 'filename', 'contentType', 'size', 'sha256', 'createdAt'] as const;
/** What an upload answers: the view's fields a document has before it is attached. */
const savedDocumentSchema = {
  type: 'object',
  properties: Object.fromEntries(SAVED_FIELDS.map((f) => [f, documentViewSchema.properties[f]])),
  required: SAVED_FIELDS,
};

/** The document with everything needed to decide and to send, or 404 when the caller may not read it. */
async function readableDocument(db: Db, user: CurrentUser, id: string) {
  const doc = await db.document.findUnique({ where: { id }, select: { ...documentViewSelect, storageKey: true, uploadedById: true, applicationId: true } });
  if (!doc || !(await canReadDocument(db, user, doc))) throw notFound(`no document ${id}`);
  return doc;
}

export async function documentRoutes(app: FastifyInstance, { db, store }: { db: Db; store: DocumentStore }): Promise<void> {
  app.post('/api/documents', {
    bodyLimit: MAX_DOCUMENT_BYTES + 64 * 1024,
    schema: {
      tags: ['documents'],
      summary: 'Upload a PDF, PNG or JPEG (multipart field `file`, at most 10 MB) to name in a form\'s file field; unsubmitted uploads are deleted after 24 hours',
      security: bearer,
      consumes: ['multipart/form-data'],
      response: { 201: savedDocumentSchema, 400: errorSchema, 401: errorSchema, 413: errorSchema, 415: errorSchema, 429: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request, reply) => {
    const upload = await readUpload(request, MAX_DOCUMENT_BYTES);
    const saved = await saveUnattachedDocument(db, store, userOf(request), upload);
    return reply.status(201).send(saved);
  });

  app.get<{ Params: { id: string } }>('/api/documents/:id', {
    schema: { tags: ['documents'], summary: 'A document\'s metadata', security: bearer, params: documentIdParam, response: { 200: documentViewSchema, 401: errorSchema, 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => presentDocument(await readableDocument(db, userOf(request), request.params.id)));

  app.get<{ Params: { id: string } }>('/api/documents/:id/content', {
    schema: { tags: ['documents'], summary: 'Download a document (as an attachment, with its sniffed content type)', security: bearer, params: documentIdParam, response: { 401: errorSchema, 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request, reply) => sendDocument(reply, store, await readableDocument(db, userOf(request), request.params.id)));

  app.get<{ Params: { trackingNumber: string } }>('/api/applications/:trackingNumber/documents', {
    schema: {
      tags: ['documents'], summary: 'The documents of an application, oldest first', security: bearer, params: trackingNumberParam,
      response: { 200: { type: 'array', items: documentViewSchema }, 401: errorSchema, 404: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const { trackingNumber } = request.params;
    const application = await db.application.findUnique({ where: { trackingNumber }, select: { id: true } });
    if (!application || !(await mayReadApplicationDocuments(db, userOf(request), application.id))) throw notFound(`no application ${trackingNumber}`);
    return listApplicationDocuments(db, application.id);
  });
}
