/**
 * Data-centre grading: a qualified audit body from the register audits the four criteria groups in
 * parallel (one form each); decisions/data-centre-grade.dmn turns the four scores into the grade;
 * the grading committee approves; the certificate shows the grade and each group's result.
 */
import { recordHistory, useRunningProduct } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { audit, walkContext, walkDataCentreGrading, walkQualification, type WalkContext } from '../../../scripts/lib/walks';
import { DATA_CENTRE_APPLICATION, auditScores } from '../../../scripts/lib/walks/demo-data';
import { AUDITOR_ID, ensureQualified, formalCheckPasses, work } from '../../../scripts/lib/walks/steps';
import { apply, waitForCompletion, waitForPublicStatus, waitForTask } from '../../../scripts/lib/walk-steps';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(async () => {
  ctx = walkContext(product.stack.baseUrl);
  await ensureQualified(ctx, 'auditor', walkQualification);
});

/** Applies, passes the formal check and has the audit body score the four groups. */
async function audited(scores: [number, number, number, number]): Promise<string> {
  const trackingNumber = await apply(await ctx.as('applicant'), { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID }, 'datacentre-grading');
  await formalCheckPasses(ctx, trackingNumber);
  await audit(ctx, trackingNumber, auditScores(...scores));
  return trackingNumber;
}

describe('datacentre-grading', () => {
  it('grades a data centre and prints the grade with each group\'s score', async () => {
    const { trackingNumber, certificateNumber } = await walkDataCentreGrading(ctx);
    await recordHistory(product.stack.client, trackingNumber, 'datacentre-grading.graded');
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('applicant'), ctx.anonymous, certificateNumber, 'data-centre-grading');
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

  it('refuses a data centre below every grade without troubling the committee, citing the named condition', async () => {
    const trackingNumber = await audited([54.9, 90, 90, 90]);
    const applicant = await ctx.as('applicant');
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    const message = await messageAbout(applicant, trackingNumber, 'rejected');
    expect(message?.bodyEn).toContain('The audit scores did not reach the minimum for a grade');
    expect(message?.bodyEn).toContain('Grade ineligible — physical 54.9');
  });

  it('refuses an audit body whose qualification lapsed before the audit started', async () => {
    const admin = await ctx.as('admin');
    const qualification = (await ctx.anonymous.get(`/api/public/certificates?family=data-centre-audit-body-qualification&status=valid&q=${AUDITOR_ID}`)).body.items[0].number as string;
    const trackingNumber = await apply(await ctx.as('applicant'), { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID }, 'datacentre-grading');
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
    } finally {
      await admin.post(`/api/certificates/${qualification}/status-changes`, { action: 'reinstate', reason: 'رفع تعلیق. Reinstated.' });
      await waitForPublicStatus(ctx.anonymous, qualification, 'valid');
    }
  });
});
