/**
 * The public catalogue and figures, through the API on the real database and Temporal:
 * - a process whose service identity card is incomplete cannot be deployed (the problem names the
 *   missing fields in Persian and English), checked on an API whose definitions folder holds a
 *   copy of the service files with fields taken out;
 * - GET /api/public/catalogue says exactly what definitions/ says;
 * - GET /api/public/statistics equals the figures this test recomputes from the database;
 * - GET /api/public/register.csv is the register as CSV, safe to open in a spreadsheet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiClient, Stack, startApi, testConfig } from '../support/harness';
import { buildApp } from '../../portal/server/app';
import { allServiceData, rejectionConditionsOf } from '../../activities/definition-data';
import { DEFINITIONS_DIR } from '../../activities/definition-data/read-json';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { parseCalendar } from '../../workflows/timers/calendar-data';
import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../../workflows/timers/working-days';
import { readCalendar } from '../../activities/calendars/load-calendar';

const DAY = 86_400_000;
const RUN = `cat${Date.now().toString(36)}`;
let stack: Stack;
let anonymous: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  stack = await startApi();
  anonymous = new ApiClient(stack.baseUrl);
  admin = await anonymous.login('admin');
});

afterAll(async () => {
  await stack?.close();
});

const bpmn = (key: string) => fs.readFileSync(path.join(DEFINITIONS_DIR, `${key}.bpmn`), 'utf8');

describe('a deploy is refused while the service identity card is incomplete', () => {
  let dir: string;
  let other: FastifyInstance;
  let otherAdmin: ApiClient;
  let otherAnonymous: ApiClient;

  beforeAll(async () => {
    // a copy of definitions/services/ in which technical approval's card lacks its recipients and
    // its permit record the agency behind the company-registry inquiry
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
    fs.cpSync(path.join(DEFINITIONS_DIR, 'services'), path.join(dir, 'services'), { recursive: true });
    const file = path.join(dir, 'services', 'software-technical-approval.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete data.card.recipients;
    data.card.nature = 'whatever';
    delete data.permit.inquiredAgencies['company-registry'];
    fs.writeFileSync(file, JSON.stringify(data));
    const config = testConfig();
    other = await buildApp({ db: stack.db, engine: stack.engine, jwtSecret: config.jwtSecret, rootCertPems: [stack.pki.rootCertPem], definitionsDir: dir });
    await other.listen({ port: 0, host: '127.0.0.1' });
    const address = other.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    otherAnonymous = new ApiClient(base);
    otherAdmin = await otherAnonymous.login('admin');
  });

  afterAll(async () => {
    await other?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the deploy with one problem naming every missing field, and stores no version', async () => {
    const before = await stack.db.processDefinition.count({ where: { key: 'software-technical-approval' } });
    const res = await otherAdmin.post('/api/definitions', { xml: bpmn('software-technical-approval') });
    expect(res.status).toBe(400);
    expect(res.body.problems).toHaveLength(1);
    const [problem] = res.body.problems;
    expect(problem).toMatchObject({ elementId: 'software-technical-approval', rule: 'service-card-incomplete', severity: 'error' });
    for (const part of ['card.recipients', 'card.nature', 'permit.inquiredAgencies.company-registry', 'خدمت‌گیرندگان', 'ماهیت خدمت', 'Recipients', 'Nature']) {
      expect(problem.message).toContain(part);
    }
    expect(problem.message).not.toContain('card.title');
    expect(await stack.db.processDefinition.count({ where: { key: 'software-technical-approval' } })).toBe(before);
  });

  it('shows the same problem in the editor\'s check, and other families deploy', async () => {
    const check = await otherAdmin.post('/api/definitions/check', { xml: bpmn('software-technical-approval') });
    expect(check.status).toBe(200);
    expect(check.body.deployable).toBe(false);
    expect(check.body.problems.map((p: { rule: string }) => p.rule)).toContain('service-card-incomplete');
    const fine = await otherAdmin.post('/api/definitions/check', { xml: bpmn('software-authenticity') });
    expect(fine.body).toMatchObject({ deployable: true, ids: ['software-authenticity'] });
    expect((await otherAdmin.post('/api/definitions', { xml: bpmn('software-authenticity') })).status).toBe(201);
  });

  it('lists the incomplete card in the catalogue by what it lacks, without a card', async () => {
    const res = await otherAnonymous.get('/api/public/catalogue/software-technical-approval');
    expect(res.status).toBe(200);
    expect(res.body.card).toBeNull();
    expect(res.body.permit).toBeNull();
    expect(res.body.missingCardFields.map((m: { path: string }) => m.path)).toEqual(['card.nature', 'card.recipients', 'permit.inquiredAgencies.company-registry']);
  });

  it('deploys the same process where the card is complete', async () => {
    const check = await admin.post('/api/definitions/check', { xml: bpmn('software-technical-approval') });
    expect(check.body).toMatchObject({ deployable: true });
  });
});

describe('GET /api/public/catalogue', () => {
  it('gives each service exactly what definitions/ says, without a login', async () => {
    const res = await anonymous.get('/api/public/catalogue');
    expect(res.status).toBe(200);
    const services = allServiceData();
    expect(res.body.services.map((s: { processKey: string }) => s.processKey).sort()).toEqual(services.map((s) => s.processKey).sort());
    for (const service of services) {
      const entry = res.body.services.find((s: { processKey: string }) => s.processKey === service.processKey);
      const latest = await stack.db.processDefinition.findFirstOrThrow({ where: { key: service.processKey }, orderBy: { version: 'desc' } });
      const issued = [...latest.xml.matchAll(/type="issue-certificate"[\s\S]*?key="family" value="([^"]+)"/g)].map((m) => m[1]);
      const templates = [...new Set(issued)].sort().map((key) => loadCertificateTemplate(key));
      expect(entry).toMatchObject({
        serviceId: service.serviceId,
        name: (service.card as { title: unknown }).title,
        card: service.card,
        permit: service.permit,
        missingCardFields: [],
        legalTime: { maxWorkingDays: service.legal.maxWorkingDays, calendar: service.legal.calendar, basis: service.legal.basis, onDeadline: service.legal.onDeadline },
        appeal: { windowWorkingDays: service.appeal.windowWorkingDays },
        fee: { currency: 'IRR', amount: service.fee.amount, perCategory: service.fee.perCategory ?? null },
        process: { version: latest.version, versionTag: latest.versionTag },
        conditions: rejectionConditionsOf(service.processKey).map(({ code, fa, en }) => ({ code, fa, en })),
        inquiries: service.inquiries.map((connector) => ({ connector, agency: (service.permit as { inquiredAgencies: Record<string, unknown> }).inquiredAgencies[connector] })),
      });
      expect(entry.permits).toEqual(templates.map((t) => ({ key: t.key, family: t.family, title: t.title, issuer: t.issuer, legalBasis: t.legalBasis, validityMonths: t.validityMonths })));
      expect(entry.legalBasis.length).toBeGreaterThan(0);
      expect(entry.documents.length).toBeGreaterThan(0);
    }
  });

  it('lists the documents of the start form and the two certificates of a qualification', async () => {
    const ta = await anonymous.get('/api/public/catalogue/software-technical-approval');
    expect(ta.body.documents).toEqual([{ key: 'productDocuments', label: { fa: 'مستندات فنی محصول (PDF)', en: 'Technical documentation (PDF)' }, required: true }]);
    const qualification = await anonymous.get('/api/public/catalogue/audit-body-qualification');
    expect(qualification.body.permits.map((p: { family: string }) => p.family)).toEqual(['DA', 'EL']);
  });

  it('finds a service by its service ID, and answers 404 or 400 for anything else', async () => {
    const byId = await anonymous.get('/api/public/catalogue/ITO-S-01');
    expect(byId.status).toBe(200);
    expect(byId.body.processKey).toBe('software-technical-approval');
    expect((await anonymous.get('/api/public/catalogue/certificate-renewal')).status).toBe(404);
    expect((await anonymous.get('/api/public/catalogue/no-such-service')).status).toBe(404);
    expect((await anonymous.get('/api/public/catalogue/%E2%80%AEevil%ED%A0%80')).status).toBe(400);
    expect((await anonymous.get(`/api/public/catalogue/${encodeURIComponent('../groups')}`)).status).toBeLessThan(500);
  });
});

describe('GET /api/public/statistics', () => {
  const now = Date.now();
  beforeAll(async () => {
    // known technical-approval files: certified after 2, 4, 6 and 30 days; one certified outside
    // the window; one decided far beyond the legal time; one whose applicant kept it for 30 days
    const db = stack.db;
    const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
    const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' }, orderBy: { version: 'desc' } });
    const files: { days: number; issuedAgo: number | null; outcome: string; applicantWaitDays?: number }[] = [
      { days: 2, issuedAgo: 1, outcome: 'approved' },
      { days: 4, issuedAgo: 10, outcome: 'approved' },
      { days: 6, issuedAgo: 20, outcome: 'approved' },
      { days: 30, issuedAgo: 5, outcome: 'approved' },
      { days: 3, issuedAgo: 95, outcome: 'approved' },
      { days: 70, issuedAgo: null, outcome: 'rejected' },
      { days: 45, issuedAgo: null, outcome: 'rejected', applicantWaitDays: 35 },
    ];
    for (const [i, f] of files.entries()) {
      const completedAt = new Date(now - (f.issuedAgo ?? 3) * DAY);
      const createdAt = new Date(completedAt.getTime() - f.days * DAY);
      const app = await db.application.create({
        data: {
          trackingNumber: `TA-13910101-${RUN}${i}`, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
          organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', outcome: f.outcome, submittedData: '{}', createdAt, completedAt,
        },
      });
      if (f.applicantWaitDays) {
        await db.task.create({
          data: {
            id: `${app.trackingNumber}:applicant-fix:1`, applicationId: app.id, elementId: 'applicant-fix', status: 'completed', assignee: 'applicant',
            candidateGroups: '', createdAt: new Date(createdAt.getTime() + DAY), completedAt: new Date(createdAt.getTime() + (1 + f.applicantWaitDays) * DAY),
          },
        });
      }
      if (f.issuedAgo !== null) {
        const sequence = 700_000 + Math.floor(Math.random() * 200_000) + i;
        await db.certificate.create({
          data: {
            number: formatCertificateNumber({ family: 'TA', jalaliYear: 1391, sequence }), issuanceKey: `${app.trackingNumber}/issue`, family: 'software-technical-approval',
            familyCode: 'TA', jalaliYear: 1391, sequence, applicationId: app.id, holderName: `KPI ${RUN}`, holderNationalId: '10101234567', subject: '{}',
            status: 'valid', issuedAt: completedAt, expiresAt: new Date(completedAt.getTime() + 400 * DAY), pdfSha256: 'kpi',
          },
        });
      }
    }
  });

  /** The rules, again, from the database: first certificate per file; decisions by the legal working days plus the applicant's time (own tasks, fees to pay). */
  async function recompute(processKey: string, maxWorkingDays: number, calendarId: string) {
    const db = stack.db;
    const from = new Date(Date.now() - 90 * DAY);
    const certs = await db.certificate.findMany({
      where: { status: { not: 'pending' }, pdfSha256: { not: null }, issuedAt: { gte: from }, application: { processKey } },
      include: { application: true },
    });
    const first = new Map<string, number>();
    for (const c of certs) {
      const d = (c.issuedAt.getTime() - c.application.createdAt.getTime()) / DAY;
      first.set(c.applicationId, Math.min(d, first.get(c.applicationId) ?? Infinity));
    }
    const days = [...first.values()].sort((a, b) => a - b);
    const med = days.length ? (days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2) : null;
    const p90 = days.length ? days[Math.ceil(0.9 * days.length) - 1] : null;
    const parsed = parseCalendar(await readCalendar(db, calendarId));
    if (!parsed.ok) throw new Error('calendar');
    const calendar: WorkingCalendar = parsed.calendar;
    const decided = await db.application.findMany({
      where: { processKey, status: 'completed', outcome: { in: ['approved', 'rejected'] }, completedAt: { gte: from } },
      include: { tasks: true, applicant: true },
    });
    let within = 0;
    for (const a of decided) {
      // the applicant's time: their own tasks, and their own process's fees from the request to the payment
      const fees = await db.payment.findMany({ where: { applicationId: a.id, trackingNumber: a.trackingNumber } });
      const paused = a.tasks.filter((t) => t.assignee === a.applicant.username && t.candidateGroups === '')
        .reduce((s, t) => s + workingDaysBetween(t.createdAt, t.completedAt ?? a.completedAt!, calendar), 0)
        + fees.reduce((s, f) => s + workingDaysBetween(f.createdAt, f.paidAt ?? (['requested', 'pending', 'failed'].includes(f.state) ? a.completedAt! : f.updatedAt), calendar), 0);
      if (a.completedAt! <= addWorkingDays(a.createdAt, maxWorkingDays + paused, calendar)) within += 1;
    }
    const r1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
    const received = await db.application.count({ where: { processKey, createdAt: { gte: from } } });
    return {
      received, certified: days.length, medianDaysToCertificate: r1(med), p90DaysToCertificate: r1(p90),
      decided: decided.length, decidedWithinLegalTime: within, shareWithinLegalTime: decided.length ? Math.round((within / decided.length) * 1000) / 1000 : null,
    };
  }

  it('equals the figures recomputed from the database, for every service', async () => {
    const res = await anonymous.get('/api/public/statistics');
    expect(res.status).toBe(200);
    expect(res.body.windowDays).toBe(90);
    for (const service of allServiceData()) {
      const row = res.body.families.find((f: { processKey: string }) => f.processKey === service.processKey);
      expect(row).toMatchObject({ serviceId: service.serviceId, legalMaxWorkingDays: service.legal.maxWorkingDays, ...(await recompute(service.processKey, service.legal.maxWorkingDays, service.legal.calendar)) });
    }
  });

  it('counts the known files: the one certified 95 days ago is out, the one decided after 70 days is late, the applicant\'s 30 days do not count', async () => {
    const res = await anonymous.get('/api/public/statistics');
    const ta = res.body.families.find((f: { processKey: string }) => f.processKey === 'software-technical-approval');
    expect(ta.certified).toBeGreaterThanOrEqual(4);
    expect(ta.decided).toBeGreaterThanOrEqual(6);
    expect(ta.decided - ta.decidedWithinLegalTime).toBeGreaterThanOrEqual(1);
    const mine = await stack.db.application.findMany({ where: { trackingNumber: { startsWith: `TA-13910101-${RUN}` } }, include: { certificates: true } });
    expect(mine).toHaveLength(7);
  });
});

describe('GET /api/public/register.csv', () => {
  const TOKEN = `${RUN}csv`;
  const holder = `=HYPERLINK("http://evil") ${TOKEN} \u202Eزشت`;
  beforeAll(async () => {
    const db = stack.db;
    const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
    const definition = await db.processDefinition.findFirstOrThrow({ where: { key: 'software-technical-approval' } });
    const app = await db.application.create({
      data: {
        trackingNumber: `TA-13910102-${RUN}csv`, definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
        organisationId: applicant.organisationId!, applicantId: applicant.id, status: 'completed', outcome: 'approved', submittedData: '{}',
        createdAt: new Date(Date.now() - 200 * DAY), completedAt: new Date(Date.now() - 199 * DAY),
      },
    });
    const sequence = 600_000 + Math.floor(Math.random() * 90_000);
    await db.certificate.create({
      data: {
        number: formatCertificateNumber({ family: 'TA', jalaliYear: 1391, sequence }), issuanceKey: `${app.trackingNumber}/issue`, family: 'software-technical-approval',
        familyCode: 'TA', jalaliYear: 1391, sequence, applicationId: app.id, holderName: holder, holderNationalId: '10101234567',
        subject: JSON.stringify({ productName: `@SUM(A1) ${TOKEN}`, productVersion: '1.0' }), status: 'valid',
        issuedAt: new Date(Date.now() - 199 * DAY), expiresAt: new Date(Date.now() + 200 * DAY), pdfSha256: 'csv',
      },
    });
  });

  it('gives the public fields as UTF-8 CSV with a BOM and a bilingual header, formulas defused', async () => {
    const res = await anonymous.get(`/api/public/register.csv?q=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('شماره / Number');
    expect(lines[0]).toContain('وضعیت / Status');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"") ${TOKEN}`);
    expect(lines[1]).toContain('"valid"');
    expect(lines[1]).toContain('"software-technical-approval"');
    expect(lines[1]).not.toMatch(/,"[=+\-@]/);
  });

  it('takes the JSON register\'s filters and refuses bad ones', async () => {
    const other = await anonymous.get(`/api/public/register.csv?q=${TOKEN}&family=cloud-provider-profile`);
    expect((other.body as Buffer).toString('utf8').trim().split('\r\n')).toHaveLength(1);
    expect((await anonymous.get('/api/public/register.csv?status=nonsense')).status).toBe(400);
    expect((await anonymous.get('/api/public/register.csv?page=2')).status).toBe(400);
  });
});
