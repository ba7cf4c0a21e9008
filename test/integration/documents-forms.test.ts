/**
 * Form file fields against the real test database: checkFormDocuments refuses what a submission
 * may not name (someone else's upload, another application's document, the wrong type, more files
 * than the field takes) and ignores hidden fields; attachFormDocuments and the closeUserTask
 * activity attach each named upload once, with one audit entry, however often they run.
 */
import type { Db } from '../../prisma/client';
import { createDb } from '../../prisma/client';
import type { FormSchema } from '../../workflows/graph/types';
import type { CurrentUser } from '../../portal/server/plugins/auth';
import { acceptedTypes, attachFormDocuments, checkFormDocuments } from '../../portal/server/services/form-documents';
import { createUserTaskActivities } from '../../activities/user-tasks/user-task-records';
import { applicationWithTask, currentUser, documentRow } from '../support/document-fixtures';

const form: FormSchema = {
  components: [
    { key: 'mode', type: 'select', values: [{ label: 'Short', value: 'short' }, { label: 'Full', value: 'full' }] },
    { key: 'evidence', type: 'filepicker', accept: '.pdf', multiple: false },
    { key: 'photos', type: 'filepicker', accept: 'image/*', multiple: true },
    { key: 'annex', type: 'filepicker', conditional: { hide: '=mode = "short"' } },
  ],
};

let db: Db;
let applicant: CurrentUser;
let reviewer: CurrentUser;

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL!);
  applicant = await currentUser(db, 'applicant');
  reviewer = await currentUser(db, 'reviewer1');
});
afterAll(() => db.$disconnect());

describe('checkFormDocuments', () => {
  it('accepts the submitter\'s own unattached uploads of the accepted types', async () => {
    const pdf = await documentRow(db, applicant.id, 'application/pdf');
    const png = await documentRow(db, applicant.id, 'image/png');
    const jpeg = await documentRow(db, applicant.id, 'image/jpeg');
    expect(await checkFormDocuments(db, applicant, form, { evidence: [pdf], photos: [png, jpeg] })).toEqual({});
    expect(await checkFormDocuments(db, applicant, form, {})).toEqual({});
  });

  it('refuses missing, foreign and mistyped documents and more than one file in a single-file field, per field', async () => {
    const pdf = await documentRow(db, applicant.id, 'application/pdf');
    const png = await documentRow(db, applicant.id, 'image/png');
    const reviewers = await documentRow(db, reviewer.id, 'application/pdf');
    const errors = await checkFormDocuments(db, applicant, form, { evidence: [pdf, pdf], photos: [pdf] });
    expect(errors).toEqual({ evidence: 'takes one file', photos: 'must be a PNG image or a JPEG image' });
    expect(await checkFormDocuments(db, applicant, form, { evidence: [png] })).toEqual({ evidence: 'must be a PDF' });
    // someone else's upload reads exactly like one that does not exist
    expect(await checkFormDocuments(db, applicant, form, { evidence: [reviewers] })).toEqual({ evidence: `document ${reviewers} does not exist` });
    expect(await checkFormDocuments(db, applicant, form, { evidence: ['cl000000000000000000000000'] })).toEqual({ evidence: 'document cl000000000000000000000000 does not exist' });
    expect(await checkFormDocuments(db, applicant, form, { evidence: pdf, photos: [42] })).toEqual({ evidence: 'must be a list of document ids', photos: 'must be a list of document ids' });
    expect(await checkFormDocuments(db, applicant, form, { photos: [png, png] })).toEqual({ photos: 'names the same document twice' });
  });

  it('skips fields hidden by their condition, and checks them when shown', async () => {
    expect(await checkFormDocuments(db, applicant, form, { mode: 'short', annex: ['not a document id!'] })).toEqual({});
    expect(await checkFormDocuments(db, applicant, form, { mode: 'full', annex: ['not a document id!'] })).toEqual({ annex: 'must be a list of document ids' });
  });

  it('lets a task form name documents already attached to its own application, not to another one', async () => {
    const own = await applicationWithTask(db);
    const other = await applicationWithTask(db);
    const pdf = await documentRow(db, applicant.id, 'application/pdf');
    await db.document.update({ where: { id: pdf }, data: { applicationId: own.applicationId, kind: 'evidence', attachedAt: new Date() } });
    expect(await checkFormDocuments(db, applicant, form, { evidence: [pdf] }, { applicationId: own.applicationId })).toEqual({});
    expect(await checkFormDocuments(db, applicant, form, { evidence: [pdf] }, { applicationId: other.applicationId })).toEqual({ evidence: `document ${pdf} belongs to another application` });
    expect(await checkFormDocuments(db, applicant, form, { evidence: [pdf] })).toEqual({ evidence: `document ${pdf} belongs to another application` });
  });

  it('reads accept as extensions or MIME types, and no accept as any storable type', () => {
    expect([...acceptedTypes('.pdf')]).toEqual(['application/pdf']);
    expect([...acceptedTypes(' .JPG, image/png ')].sort()).toEqual(['image/jpeg', 'image/png']);
    expect([...acceptedTypes('image/*')].sort()).toEqual(['image/jpeg', 'image/png']);
    expect([...acceptedTypes(undefined)].sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
    expect([...acceptedTypes('.docx')]).toEqual([]);
  });
});

describe('attachFormDocuments', () => {
  it('attaches each named upload of the actor once with its field as kind and one document.attached entry, and leaves hidden fields\' and other users\' documents alone', async () => {
    const { applicationId, taskId } = await applicationWithTask(db);
    const evidence = await documentRow(db, applicant.id, 'application/pdf', 'evidence.pdf');
    const photo = await documentRow(db, applicant.id, 'image/png', 'photo.png');
    const hidden = await documentRow(db, applicant.id, 'application/pdf');
    const reviewers = await documentRow(db, reviewer.id, 'image/png');
    const values = { mode: 'short', evidence: [evidence], photos: [photo, reviewers], annex: [hidden] };

    const first = await attachFormDocuments(db, { form, values, applicationId, taskId, actor: 'applicant' });
    expect(first).toEqual([evidence, photo]);
    const rows = await db.document.findMany({ where: { id: { in: [evidence, photo, hidden, reviewers] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(evidence)).toMatchObject({ applicationId, taskId, kind: 'evidence', attachedAt: expect.any(Date) });
    expect(byId.get(photo)).toMatchObject({ applicationId, taskId, kind: 'photos' });
    expect(byId.get(hidden)).toMatchObject({ applicationId: null, attachedAt: null });
    expect(byId.get(reviewers)).toMatchObject({ applicationId: null, attachedAt: null });

    // a retry changes nothing and writes no second entry
    expect(await attachFormDocuments(db, { form, values, applicationId, taskId, actor: 'applicant' })).toEqual([evidence, photo]);
    expect((await db.document.findUniqueOrThrow({ where: { id: evidence } })).attachedAt).toEqual(byId.get(evidence)!.attachedAt);
    const audit = await db.auditLog.findMany({ where: { applicationId, action: 'document.attached' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.entityId)).toEqual([evidence, photo]);
    expect(audit[0]).toMatchObject({ actor: 'applicant', entityType: 'document', dedupeKey: `document.attached:${evidence}` });
    expect(JSON.parse(audit[0].details)).toEqual({ filename: 'evidence.pdf', kind: 'evidence', sha256: byId.get(evidence)!.sha256, taskId });

    // another application cannot take them over
    const other = await applicationWithTask(db);
    expect(await attachFormDocuments(db, { form, values, applicationId: other.applicationId, actor: 'applicant' })).toEqual([]);
    expect((await db.document.findUniqueOrThrow({ where: { id: evidence } })).applicationId).toBe(applicationId);
  });

  it('runs in the closeUserTask activity from the task\'s stored form, exactly once however often the activity runs', async () => {
    const { applicationId, taskId } = await applicationWithTask(db, form);
    const report = await documentRow(db, reviewer.id, 'application/pdf', 'report.pdf');
    const activities = createUserTaskActivities(db);
    const input = {
      trackingNumber: taskId.split(':')[0], applicationId, taskId, elementId: 'review',
      completedBy: 'reviewer1', completedByRole: 'reviewer', output: { evidence: [report] }, completedAt: new Date().toISOString(),
    };
    await activities.closeUserTask(input);
    await activities.closeUserTask(input);
    expect(await db.document.findUniqueOrThrow({ where: { id: report } })).toMatchObject({ applicationId, taskId, kind: 'evidence' });
    expect(await db.auditLog.count({ where: { applicationId, action: 'document.attached', entityId: report } })).toBe(1);
    expect(await db.task.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ status: 'completed', completedBy: 'reviewer1' });
  });
});
