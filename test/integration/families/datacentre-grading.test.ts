/**
 * Data-centre grading: the company registry confirms the company, the applicant pays the grading
 * fee before review, a qualified audit body from the register audits the four criteria groups in
 * parallel (one form each); decisions/data-centre-grade.dmn turns the four scores into the grade;
 * the grading committee approves; the certificate shows the grade and each group's result.
 * Refunds of the fee: test/integration/payments-refunds.test.ts.
 */
import { ApiClient, recordHistory, useRunningProduct, waitFor } from '../../support/harness';
import { STRUCK_OFF_COMPANY } from '../../../simulators/registries/demo-data';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { audit, gradingPaidAndChecked, walkContext, walkDataCentreGrading, walkQualification, type WalkContext } from '../../../scripts/lib/walks';
import { DATA_CENTRE_APPLICATION, auditScores } from '../../../scripts/lib/walks/demo-data';
import { AUDITOR_ID, ensureQualified, formalCheckPasses, work } from '../../../scripts/lib/walks/steps';
import { type PaymentView, apply, payFee, waitForCompletion, waitForPublicStatus, waitForTask } from '../../../scripts/lib/walk-steps';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(async () => {
  ctx = walkContext(product.stack.baseUrl);
  await ensureQualified(ctx, 'auditor', walkQualification);
});

/** Applies, pays the fee, passes the formal check and has the audit body score the four groups. */
async function audited(scores: [number, number, number, number]): Promise<string> {
  const trackingNumber = await gradingPaidAndChecked(ctx);
  await audit(ctx, trackingNumber, auditScores(...scores));
  return trackingNumber;
}

const feesOf = async (trackingNumber: string) => (await (await ctx.as('applicant')).get<PaymentView[]>(`/api/applications/${trackingNumber}/payments`)).body;

describe('datacentre-grading', () => {
  it('grades a data centre and prints the grade with each group\'s score', async () => {
    const { trackingNumber, certificateNumber } = await walkDataCentreGrading(ctx);
    await recordHistory(product.stack.client, trackingNumber, 'datacentre-grading.graded');
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('applicant'), ctx.anonymous, certificateNumber, 'data-centre-grading');
    // the fee was asked before review and paid before anything was reviewed
    const [fee] = await feesOf(trackingNumber);
    expect(fee).toMatchObject({ state: 'paid', stage: 'before-review' });
    const history = (await (await ctx.as('applicant')).get(`/api/applications/${trackingNumber}`)).body.history.map((h: { action: string; details?: { elementId?: string } }) => h.action);
    expect(history.indexOf('payment.paid')).toBeGreaterThan(-1);
    expect(history.indexOf('payment.paid')).toBeLessThan(history.indexOf('task.completed'));
    expect(record.subject).toMatchObject({ dataCentreName: DATA_CENTRE_APPLICATION.dataCentreName, grade: '2', physicalScore: '92', itScore: '81', managementScore: '77', energyScore: '70' });
  });

  // the table's boundaries, through the process: the committee sees the grade the table gave
  it.each([
    [[85, 85, 85, 85], '1'],
    [[84.9, 85, 85, 85], '2'],
    [[70, 70, 70, 70], '2'],
    [[69.9, 90, 90, 90], '3'],
    [[55, 55, 55, 55], '3'],
    [[60, 40, 40, 40], '4'],
  ] as [[number, number, number, number], string][])('scores %p give grade %p', async (scores, grade) => {
    const trackingNumber = await audited(scores);
    const committee = await waitForTask(await ctx.as('committee'), trackingNumber, 'committee-approval');
    expect(String(committee.prefill!.gradeSummary)).toMatch(new RegExp(`^رتبه ${grade} — .* / Grade ${grade} — physical ${scores[0]}, IT ${scores[1]}`));
    await work(ctx, 'committee', trackingNumber, 'committee-approval', { committeeDecision: 'reject', rejectionCondition: 'audit-findings-unresolved', rejectionReason: 'بازبینی. Review.' });
  });

  it('refuses a data centre below every grade without troubling the committee, citing the named condition; the fee is kept (rejected after review)', async () => {
    const trackingNumber = await audited([54.9, 90, 90, 90]);
    const applicant = await ctx.as('applicant');
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect(await feesOf(trackingNumber)).toEqual([expect.objectContaining({ state: 'paid', refundReference: null })]);
    const message = await messageAbout(applicant, trackingNumber, 'rejected');
    expect(message?.bodyEn).toContain('The audit scores did not reach the minimum for a grade');
    expect(message?.bodyEn).toContain('Grade ineligible — physical 54.9');
  });

  it('refuses a company the registry says is struck off before asking any fee, citing the named condition', async () => {
    const username = `dc-struck-${Date.now().toString(36)}`;
    const created = await (await ctx.as('admin')).post('/api/users', {
      username, displayName: 'متقاضی شرکت حذف‌شده', password: 'struck-off-pass', role: 'applicant',
      organisation: { nationalId: STRUCK_OFF_COMPANY.nationalId, nameFa: STRUCK_OFF_COMPANY.name },
    });
    expect([201, 409]).toContain(created.status);
    const company = await new ApiClient(product.stack.baseUrl).login(username, 'struck-off-pass');
    const trackingNumber = await apply(company, { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID }, 'datacentre-grading');
    expect(await waitForCompletion(company, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    const refusal = await messageAbout(company, trackingNumber, 'rejected');
    expect(refusal?.bodyEn).toContain('not active in the company registry');
    expect(refusal?.bodyEn).toContain('struck-off');
    expect((await company.get(`/api/applications/${trackingNumber}/payments`)).body).toEqual([]);
  });

  it('waits for the fee before the formal check: nobody reviews an unpaid application', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID }, 'datacentre-grading');
    await payFee(applicant, trackingNumber, { outcome: 'failed' });
    const app = await waitFor('the instance to wait for the fee', async () => {
      const body = (await applicant.get(`/api/applications/${trackingNumber}`)).body;
      return (body.state?.activeElements as string[] | undefined)?.includes('fee-paid') && body;
    }, 30_000);
    expect(app.tasks.filter((t: { elementId: string }) => t.elementId === 'formal-check')).toEqual([]);
    expect((await messageAbout(applicant, trackingNumber, 'payment-due'))?.bodyEn).toContain('Its review starts once the fee');
    await payFee(applicant, trackingNumber);
    await waitForTask(await ctx.as('reviewer1'), trackingNumber, 'formal-check');
  });

  it('refuses an audit body whose qualification lapsed before the audit started, refunding the fee (rejected before review)', async () => {
    const admin = await ctx.as('admin');
    const qualification = (await ctx.anonymous.get(`/api/public/certificates?family=data-centre-audit-body-qualification&status=valid&q=${AUDITOR_ID}`)).body.items[0].number as string;
    const trackingNumber = await apply(await ctx.as('applicant'), { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID }, 'datacentre-grading');
    await payFee(await ctx.as('applicant'), trackingNumber);
    await admin.post(`/api/certificates/${qualification}/status-changes`, { action: 'suspend', reason: 'تعلیق. Suspended.' });
    await waitForPublicStatus(ctx.anonymous, qualification, 'suspended');
    try {
      // while suspended the body is not offered at all
      const offered = await (await ctx.as('applicant')).post('/api/applications', { processKey: 'datacentre-grading', data: { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID, sitePlans: [] } });
      expect(offered.body.errors.auditBody).toMatch(/^must be one of/);
      await formalCheckPasses(ctx, trackingNumber);
      const applicant = await ctx.as('applicant');
      expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
      expect((await messageAbout(applicant, trackingNumber, 'rejected'))?.bodyEn).toContain('The chosen audit body holds no valid qualification in all four areas');
      expect(await feesOf(trackingNumber)).toEqual([expect.objectContaining({ state: 'refunded', refundReference: expect.stringMatching(/^RF\d+$/) })]);
    } finally {
      await admin.post(`/api/certificates/${qualification}/status-changes`, { action: 'reinstate', reason: 'رفع تعلیق. Reinstated.' });
      await waitForPublicStatus(ctx.anonymous, qualification, 'valid');
    }
  });
});
