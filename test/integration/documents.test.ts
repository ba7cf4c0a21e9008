/**
 * Documents on the real parts (HTTP API, database, document store, Temporal): uploads checked by
 * content, size and emptiness; names that disguise themselves refused, the rest stored sanitised; bytes and hashes read back with
 * download headers that keep a browser from rendering them; nobody but those entitled learns a
 * document exists; unsubmitted uploads are limited and expire; task attachments live in the store
 * and show with the task and the application; form file fields attach documents when an
 * application is started and when a task is completed (through the workflow's closeUserTask).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiClient, Stack, testConfig, useRunningProduct, waitFor } from '../support/harness';
import { model, chain, escapeXml } from '../support/bpmn-models';
import { apply, waitForTask } from '../../scripts/lib/walk-steps';
import { hashPassword } from '../../portal/server/services/passwords';
import { MAX_UNATTACHED_PER_USER } from '../../portal/server/documents/save-document';

const product = useRunningProduct();
jest.setTimeout(120_000);

let stack: Stack;
let anonymous: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;
let admin: ApiClient;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01')]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function fileForm(data: Buffer, name: string, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)]), name);
  return form;
}

async function upload(user: ApiClient, data: Buffer, name: string): Promise<string> {
  const res = await user.post('/api/documents', fileForm(data, name));
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

let userCount = 0;
/** A new user (password "demo"), optionally of a new or existing organisation, logged in. */
async function newUser(options: { organisationNationalId?: string; roles?: string[] } = {}): Promise<{ client: ApiClient; id: string; username: string }> {
  userCount += 1;
  const username = `doc-user-${Date.now()}-${userCount}`;
  const organisation = options.organisationNationalId
    ? await stack.db.organisation.upsert({ where: { nationalId: options.organisationNationalId }, create: { nationalId: options.organisationNationalId, nameFa: `سازمان ${options.organisationNationalId}` }, update: {} })
    : undefined;
  const user = await stack.db.user.create({
    data: {
      username,
      displayName: username,
      passwordHash: await hashPassword('demo'),
      organisationId: organisation?.id ?? null,
      roles: { create: (options.roles ?? ['applicant']).map((role) => ({ role })) },
    },
  });
  return { client: await anonymous.login(username), id: user.id, username };
}

beforeAll(async () => {
  ({ stack, anonymous } = product);
  [applicant, reviewer1, admin] = await product.login('applicant', 'reviewer1', 'admin');
});

describe('uploads', () => {
  it('stores a PDF, a PNG and a JPEG by their content under generated names outside the web root, and reads back the same bytes', async () => {
    for (const [data, name, type] of [[PDF, 'report.pdf', 'application/pdf'], [PNG, 'scan.png', 'image/png'], [JPEG, 'photo.jpg', 'image/jpeg']] as const) {
      const res = await applicant.post('/api/documents', fileForm(data, name));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), filename: name, contentType: type, size: data.length, sha256: sha256(data), createdAt: expect.any(String) });

      const row = await stack.db.document.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
      expect(row.storageKey).not.toContain(name);
      const onDisk = fs.readFileSync(path.join(testConfig().documentsDir, row.storageKey));
      expect(Buffer.compare(onDisk, data)).toBe(0);

      const meta = await applicant.get(`/api/documents/${res.body.id}`);
      expect(meta.status).toBe(200);
      expect(meta.body).toEqual({
        id: res.body.id, filename: name, contentType: type, size: data.length, sha256: sha256(data), kind: 'upload',
        trackingNumber: null, taskId: null, uploadedBy: 'applicant', createdAt: res.body.createdAt, attachedAt: null,
      });

      const content = await applicant.get(`/api/documents/${res.body.id}/content`);
      expect(content.status).toBe(200);
      expect(Buffer.compare(content.body as Buffer, data)).toBe(0);
      expect(sha256(content.body as Buffer)).toBe(res.body.sha256);
      expect(content.headers.get('content-type')).toBe(type);
      expect(content.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${name}`);
      expect(content.headers.get('x-content-type-options')).toBe('nosniff');
      expect(content.headers.get('content-security-policy')).toBe("sandbox; frame-ancestors 'none'");
    }
  });

  it('refuses what is not a PDF, PNG or JPEG by content whatever its name (415), too large (413), empty (400), and not multipart (415)', async () => {
    const html = await applicant.post('/api/documents', fileForm(Buffer.from('<!doctype html><script>alert(1)</script>'), 'x.pdf'));
    expect(html.status).toBe(415);
    expect(html.body.message).toMatch(/PDF, PNG or JPEG/);
    const big = await applicant.post('/api/documents', fileForm(Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]), 'big.pdf'));
    expect(big.status).toBe(413);
    const empty = await applicant.post('/api/documents', fileForm(Buffer.alloc(0), 'empty.pdf'));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/empty/);
    const json = await applicant.post('/api/documents', { file: PDF.toString('base64') });
    expect(json.status).toBe(415);
    const wrongField = await applicant.post('/api/documents', fileForm(PDF, 'a.pdf', 'upload'));
    expect(wrongField.status).toBe(400);
  });

  it('refuses a file name that would disguise itself (the text policy), naming the field', async () => {
    // an RTL override shows "invoice\u202Efdp.exe" as "invoiceexe.pdf"; isolates and marks reorder just as well
    for (const name of ['invoice\u202Efdp.exe', 'scan\u2066exe.\u2069pdf', 'a\u200Fb.pdf']) {
      const res = await applicant.post('/api/documents', fileForm(PDF, name));
      expect({ name, status: res.status, errors: res.body.errors }).toEqual({ name, status: 400, errors: { file: expect.stringMatching(/bidirectional/) } });
    }
  });

  it('stores a file name sanitised: NFC, no path', async () => {
    const stored = async (name: string): Promise<{ id: string; filename: string }> => {
      const res = await applicant.post('/api/documents', fileForm(PDF, name));
      expect(res.status).toBe(201);
      const { filename } = res.body as { filename: string };
      expect(filename).not.toMatch(/[/\\\u0000-\u001f]/);
      expect(filename.length).toBeGreaterThan(0);
      return res.body;
    };
    const composed = await stored('Cafe\u0301 گزارش.pdf');
    expect(composed.filename).toBe('Caf\u00E9 گزارش.pdf');
    const traversal = await stored('../../etc/passwd');
    expect(traversal.filename).toBe('passwd');
    expect(await stack.db.document.findUniqueOrThrow({ where: { id: traversal.id } })).toMatchObject({ filename: 'passwd', storageKey: expect.stringMatching(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/) });
    expect((await stored('..')).filename).toBe('file');
    // the download name is the stored one, percent-encoded
    const content = await applicant.get(`/api/documents/${composed.id}/content`);
    expect(content.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(composed.filename)}`);
  });

  it('answers 404 to anyone but the uploader for an unattached document, to unknown ids, and 401 without a token', async () => {
    const id = await upload(applicant, PDF, 'mine.pdf');
    const stranger = await newUser({ organisationNationalId: '10200000001' });
    for (const suffix of ['', '/content']) {
      expect((await stranger.client.get(`/api/documents/${id}${suffix}`)).status).toBe(404);
      // not even staff see an upload that is part of nothing yet
      expect((await reviewer1.get(`/api/documents/${id}${suffix}`)).status).toBe(404);
      expect((await applicant.get(`/api/documents/cl000000000000000000000000${suffix}`)).status).toBe(404);
      expect((await anonymous.get(`/api/documents/${id}${suffix}`)).status).toBe(401);
    }
    expect((await applicant.get('/api/documents/..%2F..%2Fetc')).status).toBe(400);
    expect((await anonymous.post('/api/documents', fileForm(PDF, 'a.pdf'))).status).toBe(401);
  });

  it(`limits each user to ${MAX_UNATTACHED_PER_USER} unattached uploads (429), and deletes unattached uploads older than a day, rows and files`, async () => {
    const user = await newUser({ organisationNationalId: '10200000002' });
    const ids: string[] = [];
    for (let i = 0; i < MAX_UNATTACHED_PER_USER; i++) ids.push(await upload(user.client, PDF, `n${i}.pdf`));
    const refused = await user.client.post('/api/documents', fileForm(PDF, 'one-too-many.pdf'));
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/at most 100.*deleted after 24 hours/);

    // two uploads age past a day: the next upload purges them, which also makes room
    const old = await stack.db.document.findMany({ where: { id: { in: ids.slice(0, 2) } } });
    await stack.db.document.updateMany({ where: { id: { in: ids.slice(0, 2) } }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });
    expect((await user.client.post('/api/documents', fileForm(PDF, 'after-purge.pdf'))).status).toBe(201);
    expect(await stack.db.document.count({ where: { id: { in: ids.slice(0, 2) } } })).toBe(0);
    for (const doc of old) expect(fs.existsSync(path.join(testConfig().documentsDir, doc.storageKey))).toBe(false);
    expect((await user.client.get(`/api/documents/${ids[0]}`)).status).toBe(404);
    expect(await stack.db.document.count({ where: { uploadedById: user.id } })).toBe(MAX_UNATTACHED_PER_USER - 1);
  });
});

describe('task attachments in the document store', () => {
  it('attaches a file to the formal check of a technical approval, lists and downloads it, and shows it with the task and the application', async () => {
    const trackingNumber = await apply(applicant);
    const task = await waitForTask(reviewer1, trackingNumber, 'formal-check');
    const at = (suffix = '') => `/api/tasks/${encodeURIComponent(task.id)}${suffix}`;

    const attached = await reviewer1.post(at('/attachments'), fileForm(PDF, 'scan.pdf'));
    expect(attached.status).toBe(201);
    expect(attached.body).toEqual({ id: expect.any(String), filename: 'scan.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) });
    expect((await reviewer1.post(at('/attachments'), fileForm(Buffer.from('<html>'), 'page.pdf'))).status).toBe(415);

    const list = await reviewer1.get(at('/attachments'));
    expect(list.body).toEqual([{ id: attached.body.id, author: 'reviewer1', filename: 'scan.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF), createdAt: expect.any(String) }]);
    const download = await reviewer1.get(at(`/attachments/${attached.body.id}`));
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("sandbox; frame-ancestors 'none'");

    // it is a document of the application, attached at once
    const row = await stack.db.document.findUniqueOrThrow({ where: { id: attached.body.id }, include: { application: true } });
    expect(row).toMatchObject({ kind: 'attachment', taskId: task.id, attachedAt: expect.any(Date) });
    expect(row.application?.trackingNumber).toBe(trackingNumber);

    const shown = await reviewer1.get(at());
    // beside the documents the application came with (the start form's product documentation)
    expect(shown.body.documents).toEqual([
      expect.objectContaining({ kind: 'productDocuments', trackingNumber, taskId: null, uploadedBy: 'applicant' }),
      expect.objectContaining({ id: attached.body.id, kind: 'attachment', trackingNumber, taskId: task.id, uploadedBy: 'reviewer1' }),
    ]);
    expect(shown.body.application.submittedData).toMatchObject({ productVersion: '2.1.0', platform: 'web' });

    const application = await applicant.get(`/api/applications/${trackingNumber}`);
    expect(application.body.documents).toEqual([expect.objectContaining({ kind: 'productDocuments' }), expect.objectContaining({ id: attached.body.id, filename: 'scan.pdf' })]);
    expect(application.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'task.file-attached', details: expect.objectContaining({ attachmentId: attached.body.id }) })]));
    const listed = await applicant.get(`/api/applications/${trackingNumber}/documents`);
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([application.body.documents[0].id, attached.body.id]);

    // the applicant's organisation reads it through the documents API; another organisation does not learn it exists
    expect((await applicant.get(`/api/documents/${attached.body.id}/content`)).status).toBe(200);
    const stranger = await newUser({ organisationNationalId: '10200000003' });
    expect((await stranger.client.get(`/api/documents/${attached.body.id}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/applications/${trackingNumber}/documents`)).status).toBe(404);
  });
});

const LAB = '10320000077';
const startForm = { id: 'form-dossier', components: [
  { id: 'f1', key: 'productName', type: 'textfield', validate: { required: true } },
  { id: 'f2', key: 'productDossier', type: 'filepicker', accept: '.pdf', validate: { required: true } },
] };
const labForm = { id: 'form-lab', components: [
  { id: 'f3', key: 'labResult', type: 'select', values: [{ label: 'Pass', value: 'pass' }, { label: 'Fail', value: 'fail' }], validate: { required: true } },
  { id: 'f4', key: 'labReport', type: 'filepicker', accept: '.pdf,image/*', multiple: true },
] };
const labModel = model(
  'documents-lab',
  `<bpmn:extensionElements>
     <zeebe:userTaskForm id="form-dossier">${escapeXml(JSON.stringify(startForm))}</zeebe:userTaskForm>
     <zeebe:userTaskForm id="form-lab">${escapeXml(JSON.stringify(labForm))}</zeebe:userTaskForm>
   </bpmn:extensionElements>
   <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:form-dossier" /></bpmn:extensionElements></bpmn:startEvent>
   <bpmn:userTask id="lab-test"><bpmn:extensionElements>
     <zeebe:assignmentDefinition candidateGroups="org:${LAB}" />
     <zeebe:formDefinition formKey="camunda-forms:bpmn:form-lab" />
   </bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end" />
   ${chain('start', 'lab-test', 'end')}`,
);

describe('documents named in form file fields', () => {
  it('attaches the start form\'s documents to the new application and a task form\'s documents when the workflow closes the task; an outside lab reads them through its task', async () => {
    const deployed = await admin.post('/api/definitions', { xml: labModel });
    expect(deployed.status).toBe(201);
    const lab = await newUser({ organisationNationalId: LAB, roles: ['reviewer'] });
    const stranger = await newUser({ organisationNationalId: '10200000004' });

    // the start form checks its documents: type by the field's accept, one file, the applicant's own
    const png = await upload(applicant, PNG, 'dossier.png');
    const dossier = await upload(applicant, PDF, 'dossier.pdf');
    const strangers = await upload(stranger.client, PDF, 'not-yours.pdf');
    const refuse = async (productDossier: unknown) => {
      const res = await applicant.post('/api/applications', { processKey: 'documents-lab', data: { productName: 'Sample', productDossier } });
      expect(res.status).toBe(400);
      return res.body.errors.productDossier as string;
    };
    expect(await refuse([png])).toBe('must be a PDF');
    expect(await refuse([dossier, dossier])).toBe('takes one file');
    expect(await refuse([strangers])).toBe(`document ${strangers} does not exist`);
    expect(await refuse(['cl000000000000000000000000'])).toBe('document cl000000000000000000000000 does not exist');
    expect(await stack.db.document.count({ where: { id: { in: [png, dossier, strangers] }, applicationId: { not: null } } })).toBe(0);

    const trackingNumber = await apply(applicant, { productName: 'Sample', productDossier: [dossier] }, 'documents-lab');
    const attachedDossier = await applicant.get(`/api/documents/${dossier}`);
    expect(attachedDossier.body).toMatchObject({ kind: 'productDossier', trackingNumber, taskId: null, attachedAt: expect.any(String) });
    // once part of an application it is not the applicant's to name in another one
    expect(await refuse([dossier])).toBe(`document ${dossier} belongs to another application`);

    // the lab (a user of the organisation the task is offered to) sees the task with what was applied for and the dossier
    const task = await waitForTask(lab.client, trackingNumber, 'lab-test');
    const shown = await lab.client.get(`/api/tasks/${encodeURIComponent(task.id)}`);
    expect(shown.status).toBe(200);
    expect(shown.body.application.submittedData).toEqual({ productName: 'Sample', productDossier: [dossier] });
    expect(shown.body.documents.map((d: { id: string }) => d.id)).toEqual([dossier]);
    expect((await lab.client.get(`/api/documents/${dossier}/content`)).status).toBe(200);
    expect((await lab.client.get(`/api/applications/${trackingNumber}/documents`)).status).toBe(200);
    expect((await stranger.client.get(`/api/documents/${dossier}`)).status).toBe(404);

    // the lab's report: checked before the engine sees the completion, attached by the workflow's closeUserTask
    const report = await upload(lab.client, PDF, 'lab-report.pdf');
    const photo = await upload(lab.client, JPEG, 'bench.jpg');
    const complete = (labReport: unknown) => lab.client.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: { labResult: 'pass', labReport } });
    const wrong = await complete([report, dossier]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual({ labReport: `document ${dossier} does not exist` });
    expect((await complete([report, photo])).status).toBe(200);

    const attached = await waitFor('the lab documents to be attached', async () => {
      const docs = await stack.db.document.findMany({ where: { id: { in: [report, photo] }, applicationId: { not: null } } });
      return docs.length === 2 && docs;
    });
    for (const doc of attached) expect(doc).toMatchObject({ kind: 'labReport', taskId: task.id });
    const application = await applicant.get(`/api/applications/${trackingNumber}`);
    expect(application.body.documents.map((d: { id: string }) => d.id).sort()).toEqual([dossier, report, photo].sort());
    const history = await waitFor('three document.attached entries', async () => {
      const res = await applicant.get(`/api/applications/${trackingNumber}`);
      const entries = res.body.history.filter((h: { action: string }) => h.action === 'document.attached');
      return entries.length === 3 && entries;
    });
    expect(history.map((h: { entityId: string }) => h.entityId)).toEqual([dossier, report, photo]);
    expect(history[1].details).toEqual({ filename: 'lab-report.pdf', kind: 'labReport', sha256: sha256(PDF), taskId: task.id });
  });
});
