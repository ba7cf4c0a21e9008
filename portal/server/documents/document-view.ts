/** How a document is shown through the API: its metadata (never its storage key), and its bytes. */
import type { FastifyReply } from 'fastify';
import type { Db, Prisma } from '../../../prisma/client';
import type { DocumentStore } from './document-store';

export interface DocumentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  kind: string;
  trackingNumber: string | null;
  taskId: string | null;
  /** user name of the uploader */
  uploadedBy: string;
  createdAt: Date;
  attachedAt: Date | null;
}

export const documentViewSelect = {
  id: true,
  filename: true,
  contentType: true,
  size: true,
  sha256: true,
  kind: true,
  taskId: true,
  createdAt: true,
  attachedAt: true,
  uploadedBy: { select: { username: true } },
  application: { select: { trackingNumber: true } },
} satisfies Prisma.DocumentSelect;

type DocumentViewRow = Prisma.DocumentGetPayload<{ select: typeof documentViewSelect }>;

/** Only the view's fields, whatever else the row carries (its storage key never leaves the server). */
export function presentDocument(row: DocumentViewRow): DocumentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    kind: row.kind,
    trackingNumber: row.application?.trackingNumber ?? null,
    taskId: row.taskId,
    uploadedBy: row.uploadedBy.username,
    createdAt: row.createdAt,
    attachedAt: row.attachedAt,
  };
}

/** The documents of an application, oldest first. */
export async function listApplicationDocuments(db: Db, applicationId: string): Promise<DocumentView[]> {
  const rows = await db.document.findMany({ where: { applicationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: documentViewSelect });
  return rows.map(presentDocument);
}

const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const documentViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    filename: { type: 'string' },
    contentType: { type: 'string' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    kind: { type: 'string', description: 'the form field it was uploaded for, `attachment` (a task attachment), or `upload` while unattached' },
    trackingNumber: { type: ['string', 'null'] },
    taskId: { type: ['string', 'null'] },
    uploadedBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    attachedAt: nullableDateTime,
  },
  required: ['id', 'filename', 'contentType', 'size', 'sha256', 'kind', 'trackingNumber', 'taskId', 'uploadedBy', 'createdAt', 'attachedAt'],
} as const;

/** RFC 5987 `filename*`: percent-encoded UTF-8, with the characters encodeURIComponent leaves alone encoded too. */
export function contentDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored document as a download that a browser neither renders in the portal's origin nor
 * second-guesses: attachment, its sniffed type with nosniff, and a sandbox should it be opened.
 */
export async function sendDocument(reply: FastifyReply, store: DocumentStore, doc: { storageKey: string; contentType: string; filename: string }): Promise<FastifyReply> {
  const bytes = await store.read(doc.storageKey);
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', contentDisposition(doc.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .send(bytes);
}
