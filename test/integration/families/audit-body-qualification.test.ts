/**
 * Qualification of data-centre audit bodies and evaluation laboratories: the certificate a lab or an
 * audit body needs before an applicant may choose it (the register lists of definitions/registers.json).
 */
import { recordHistory, useRunningProduct } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { walkContext, walkQualification, type WalkContext } from '../../../scripts/lib/walks';
import { QUALIFICATION_DATA, LAB_ID, AUDITOR_ID, formalCheckPasses, registerChoices, work } from '../../../scripts/lib/walks/steps';
import { apply, completeTask, waitForCompletion, waitForTask } from '../../../scripts/lib/walk-steps';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(() => {
  ctx = walkContext(product.stack.baseUrl);
});

describe('audit-body-qualification', () => {
  it('qualifies an audit body in all four areas: a signed DA certificate, and the body is offered to applicants for a grading', async () => {
    const applicant = await ctx.as('applicant');
    const { certificateNumber } = await walkQualification(ctx, 'auditor');
    expect(certificateNumber).toMatch(/^DA-/);
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('auditor'), ctx.anonymous, certificateNumber, 'data-centre-audit-body-qualification');
    expect(record.subject).toEqual({ auditAreas: ['physical-infrastructure', 'it-infrastructure', 'management', 'energy-environment'] });
    expect(await registerChoices(applicant, 'datacentre-grading', 'auditBody')).toContain(AUDITOR_ID);
  });

  it('qualifies a laboratory for its scopes: an EL certificate, offered for product evaluations and cloud layers', async () => {
    const applicant = await ctx.as('applicant');
    const { trackingNumber, certificateNumber } = await walkQualification(ctx, 'lab');
    await recordHistory(product.stack.client, trackingNumber, 'audit-body-qualification.lab');
    expect(certificateNumber).toMatch(/^EL-/);
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('lab'), ctx.anonymous, certificateNumber, 'evaluation-lab-licence');
    expect(record.subject).toMatchObject({ labScopes: ['afta-product-evaluation', 'cloud-service-evaluation'] });
    expect(await registerChoices(applicant, 'afta-product-certificate', 'evaluationLab')).toContain(LAB_ID);
    expect(await registerChoices(applicant, 'cloud-provider-profile', 'referenceLab')).toContain(LAB_ID);
  });

  it('sends staff with a malformed national ID back to the applicant before any reviewer sees it, and refuses on the committee\'s decision', async () => {
    const auditor = await ctx.as('auditor');
    const badStaff = [{ ...QUALIFICATION_DATA.auditor.qualifiedStaff[0], nationalId: '0012345670' }, QUALIFICATION_DATA.auditor.qualifiedStaff[1]];
    const trackingNumber = await apply(auditor, { ...QUALIFICATION_DATA.auditor, qualifiedStaff: badStaff }, 'audit-body-qualification');
    const fix = await waitForTask(auditor, trackingNumber, 'applicant-fix');
    expect(fix.prefill!.formalComment).toContain('the national ID is not valid');
    await completeTask(auditor, fix, { accreditation: QUALIFICATION_DATA.auditor.accreditation, qualifiedStaff: QUALIFICATION_DATA.auditor.qualifiedStaff, accreditationDocuments: fix.prefill!.accreditationDocuments, fixNote: 'کد ملی اصلاح شد. ID corrected.' });
    await formalCheckPasses(ctx, trackingNumber);
    await work(ctx, 'assessor', trackingNumber, 'qualification-assessment', { assessmentResult: 'fail', assessmentNotes: 'ممیزان در آزمون پذیرفته نشدند. The auditors failed the test.' });
    // four eyes: the assessor may not also decide (the committee member does)
    await work(ctx, 'committee', trackingNumber, 'qualification-decision', { qualificationDecision: 'reject', rejectionCondition: 'assessment-failed', rejectionReason: 'آزمون صلاحیت. Qualification test failed.' });
    const done = await waitForCompletion(auditor, trackingNumber);
    expect(done).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect((await messageAbout(auditor, trackingNumber, 'rejected'))?.bodyEn).toContain('The applicant failed the qualification assessment');
  });
});
