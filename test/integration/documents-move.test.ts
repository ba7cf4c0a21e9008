/**
 * Task attachments kept in the database before the document store are not lost: preparing the
 * database moves each old TaskAttachment row into the store as a Document with the same id (so
 * links keep working and a rerun skips it) and deletes the row; one it cannot place is kept.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../prisma/client';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { createDocumentStore } from '../../portal/server/documents/document-store';
import { moveTaskAttachments } from '../../portal/server/documents/move-task-attachments';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { applicationWithTask } from '../support/document-fixtures';

let database: TestDatabase;
let db: Db;
let documentsDir: string;

beforeAll(async () => {
  const dir = path.join(process.env.TEST_RUN_DIR!, `documents-move-${Date.now()}`);
  database = await createTestDatabase(dir);
  documentsDir = path.join(dir, 'documents');
  db = await prepareDatabase({ databaseUrl: database.url, demo: true, documentsDir, log: () => {} });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

async function oldAttachment(taskId: string, author: string, data: Buffer, filename = 'scan.pdf') {
  return db.taskAttachment.create({
    data: { taskId, author, filename, contentType: 'application/pdf', size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data: new Uint8Array(data), createdAt: new Date('2026-11-01T08:00:00Z') },
  });
}

it('moves old task attachments into the document store when the database is prepared, and a rerun changes nothing', async () => {
  const { applicationId, taskId } = await applicationWithTask(db);
  const data = Buffer.from('%PDF-1.4\nold attachment\n%%EOF\n');
  const old = await oldAttachment(taskId, 'reviewer1', data, 'scan\u202E.pdf');

  const logged: string[] = [];
  await db.$disconnect();
  db = await prepareDatabase({ databaseUrl: database.url, demo: true, documentsDir, log: (m) => logged.push(m) });
  expect(logged).toContain('moved 1 task attachment(s) into the document store');

  expect(await db.taskAttachment.count()).toBe(0);
  const doc = await db.document.findUniqueOrThrow({ where: { id: old.id }, include: { uploadedBy: true } });
  expect(doc).toMatchObject({
    filename: 'scan.pdf', contentType: 'application/pdf', size: data.length, sha256: old.sha256, kind: 'attachment',
    applicationId, taskId, createdAt: old.createdAt, attachedAt: old.createdAt,
  });
  expect(doc.uploadedBy.username).toBe('reviewer1');
  expect(doc.storageKey).toMatch(/^2026\/11\/[0-9a-f]{32}$/);
  expect(Buffer.compare(fs.readFileSync(path.join(documentsDir, doc.storageKey)), data)).toBe(0);

  expect(await moveTaskAttachments(db, createDocumentStore(documentsDir))).toBe(0);
  expect(await db.document.count({ where: { taskId } })).toBe(1);
});

it('after a crash between creating the document and deleting the old row, a rerun only deletes the row', async () => {
  const { taskId } = await applicationWithTask(db);
  const data = Buffer.from('%PDF-1.4\nhalf moved\n%%EOF\n');
  const old = await oldAttachment(taskId, 'reviewer1', data);
  const store = createDocumentStore(documentsDir);
  expect(await moveTaskAttachments(db, store)).toBe(1);
  const moved = await db.document.findUniqueOrThrow({ where: { id: old.id } });
  // the old row again, as if its delete had not happened
  await db.taskAttachment.create({ data: { ...old, data: new Uint8Array(data) } });
  expect(await moveTaskAttachments(db, store)).toBe(1);
  expect(await db.taskAttachment.count()).toBe(0);
  expect(await db.document.findUniqueOrThrow({ where: { id: old.id } })).toEqual(moved);
  expect(await db.document.count({ where: { taskId } })).toBe(1);
});

it('keeps a row whose author no longer exists, and says so', async () => {
  const { taskId } = await applicationWithTask(db);
  const old = await oldAttachment(taskId, 'someone-deleted', Buffer.from('%PDF-1.4\n'));
  const logged: string[] = [];
  expect(await moveTaskAttachments(db, createDocumentStore(documentsDir), (m) => logged.push(m))).toBe(0);
  expect(logged).toEqual([`task attachment ${old.id} kept in the database: no user someone-deleted`]);
  expect(await db.taskAttachment.count({ where: { id: old.id } })).toBe(1);
  await db.taskAttachment.delete({ where: { id: old.id } });
});
