/**
 * GET /api/reports/summary: per certificate family and Solar Hijri year, applications received,
 * under review, rejected, approved and closed otherwise, with the average and 90th-percentile review
 * days of those decided. Known applications are written straight into the database in 1390 (a year
 * no other test touches), including both edges of the year in Tehran time.
 */
import { ApiClient, useRunningProduct } from '../support/harness';
import { jalaliYearStart } from '../../portal/server/routes/reports';

const product = useRunningProduct();
const YEAR = 1390;
const DAY = 86_400_000;
let admin: ApiClient;

interface Known { family: string; status: string; outcome?: string; createdAt: Date; days?: number; audit?: string }

beforeAll(async () => {
  [admin] = await product.login('admin');
  const db = product.stack.db;
  const applicant = await db.user.findUniqueOrThrow({ where: { username: 'applicant' } });
  const definition = await db.processDefinition.findFirstOrThrow();
  const start = jalaliYearStart(YEAR);
  const next = jalaliYearStart(YEAR + 1);
  const at = (d: number) => new Date(start.getTime() + d * DAY);
  const known: Known[] = [
    // technical approval: 7 received (one in the first second of the year), 1 in review, 2 rejected,
    // 2 approved (one of them deemed approved at its deadline), 1 withdrawn by its applicant, 1 cancelled
    { family: 'TA', status: 'completed', outcome: 'approved', createdAt: start, days: 10, audit: 'application.deemed-approved' },
    { family: 'TA', status: 'cancelled', createdAt: at(110), days: 2, audit: 'application.withdrawn' },
    { family: 'TA', status: 'completed', outcome: 'approved', createdAt: at(20), days: 30 },
    { family: 'TA', status: 'completed', outcome: 'rejected', createdAt: at(40), days: 20 },
    { family: 'TA', status: 'completed', outcome: 'rejected', createdAt: at(60), days: 100 },
    { family: 'TA', status: 'running', createdAt: at(300) },
    { family: 'TA', status: 'cancelled', createdAt: at(100), days: 5 },
    // authenticity: one approved, one failed
    { family: 'SA', status: 'completed', outcome: 'approved', createdAt: at(5), days: 7.5 },
    { family: 'SA', status: 'failed', createdAt: at(6) },
    // outside the year: the last second before it and the first of the next; a request that is no family
    { family: 'TA', status: 'completed', outcome: 'approved', createdAt: new Date(start.getTime() - 1000), days: 1 },
    { family: 'TA', status: 'running', createdAt: next },
    { family: 'RQ', status: 'running', createdAt: at(10) },
  ];
  for (const [i, k] of known.entries()) {
    const app = await db.application.create({
      data: {
        trackingNumber: `${k.family}-${YEAR}0101-RPT${String(i).padStart(3, '0')}`,
        definitionId: definition.id, processKey: definition.key, processVersion: definition.version,
        organisationId: applicant.organisationId!, applicantId: applicant.id,
        status: k.status, outcome: k.outcome ?? null, submittedData: '{}',
        createdAt: k.createdAt, completedAt: k.days !== undefined ? new Date(k.createdAt.getTime() + k.days * DAY) : null,
      },
    });
    if (k.audit) {
      await db.auditLog.create({
        data: { at: app.completedAt!, actor: 'system', action: k.audit, applicationId: app.id, entityType: 'application', entityId: app.trackingNumber },
      });
    }
  }
});

describe('GET /api/reports/summary', () => {
  it('is for administrators only', async () => {
    const [applicant, reviewer] = await product.login('applicant', 'reviewer1');
    expect((await product.anonymous.get(`/api/reports/summary?year=${YEAR}`)).status).toBe(401);
    expect((await applicant.get(`/api/reports/summary?year=${YEAR}`)).status).toBe(403);
    expect((await reviewer.get(`/api/reports/summary?year=${YEAR}`)).status).toBe(403);
  });

  it('counts each family\'s applications of the year in the published tables\' columns', async () => {
    const res = await admin.get(`/api/reports/summary?year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: YEAR, from: '2011-03-20T20:30:00.000Z', to: '2012-03-19T20:30:00.000Z' });
    const row = (family: string) => res.body.families.find((f: { family: string }) => f.family === family);
    // days of the decided: 10, 20, 30, 100 → average 40, p90 (nearest rank) 100
    expect(row('TA')).toEqual({
      family: 'TA', title: { fa: expect.any(String), en: 'Software Technical Approval Certificate' },
      received: 7, inReview: 1, rejected: 2, withdrawn: 1, approved: 2, issuedByDeadline: 1, closedOtherwise: 1, averageReviewDays: 40, p90ReviewDays: 100,
    });
    expect(row('SA')).toMatchObject({ received: 2, inReview: 0, rejected: 0, withdrawn: 0, approved: 1, issuedByDeadline: 0, closedOtherwise: 1, averageReviewDays: 7.5, p90ReviewDays: 7.5 });
    expect(row('DG')).toMatchObject({ received: 0, averageReviewDays: null, p90ReviewDays: null });
    expect(res.body.families.map((f: { family: string }) => f.family)).toEqual(['AL', 'AP', 'CP', 'DA', 'DG', 'EL', 'SA', 'TA']);
    expect(res.body.totals).toMatchObject({ received: 9, inReview: 1, rejected: 2, withdrawn: 1, approved: 3, issuedByDeadline: 1, closedOtherwise: 2 });
    for (const f of res.body.families) expect(f.received).toBe(f.inReview + f.rejected + f.withdrawn + f.approved + f.closedOtherwise);
  });

  it('downloads the same table as CSV for a spreadsheet: UTF-8 with BOM, a bilingual header, one row per family and the totals', async () => {
    const res = await admin.get(`/api/reports/summary?year=${YEAR}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`ito-report-${YEAR}.csv`);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].split(',').slice(3, 10)).toEqual([
      '"درخواست‌های واصله / Received"', '"در حال بررسی / In review"', '"رد شده / Rejected"', '"انصراف متقاضی / Withdrawn"',
      '"تأیید شده / Approved"', '"صادرشده با پایان مهلت / Issued by deadline"', '"مختومه به دلایل دیگر / Closed otherwise"',
    ]);
    expect(lines).toHaveLength(1 + 8 + 1);
    const ta = lines.find((l) => l.startsWith('"TA"'))!;
    expect(ta.split(',').slice(3)).toEqual(['7', '1', '2', '1', '2', '1', '1', '40', '100']);
    expect(lines[lines.length - 1]).toMatch(/^"ALL"/);
    expect((await admin.get(`/api/reports/summary?year=${YEAR}&format=xls`)).status).toBe(400);
    const [applicant] = await product.login('applicant');
    expect((await applicant.get(`/api/reports/summary?year=${YEAR}&format=csv`)).status).toBe(403);
  });

  it('defaults to this year and checks the year', async () => {
    const res = await admin.get('/api/reports/summary');
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(res.body.currentYear);
    expect(res.body.currentYear).toBeGreaterThanOrEqual(1404);
    expect((await admin.get('/api/reports/summary?year=99')).status).toBe(400);
    expect((await admin.get('/api/reports/summary?year=abc')).status).toBe(400);
  });
});
