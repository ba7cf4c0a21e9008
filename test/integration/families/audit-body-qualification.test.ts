/**
 * Qualification of data-centre audit bodies and evaluation laboratories: the certificate a lab or an
 * audit body needs before an applicant may choose it (the register lists of definitions/registers.json).
 */
import { recordHistory, useRunningProduct } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { expectRefusedAsNotActive, struckOffApplicant } from '../../support/registry-applicants';
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

  it('asks the registries about the body and its staff, and sends staff whose mobile line or degree is not on record back to the applicant before the formal check', async () => {
    const auditor = await ctx.as('auditor');
    const reviewer = await ctx.as('reviewer1');
    const [hamid, narges] = QUALIFICATION_DATA.auditor.qualifiedStaff;
    // Hamid gives Narges's mobile line; Narges claims a doctorate in a field she holds none in
    const claims = [{ ...hamid, mobile: narges.mobile }, { ...narges, fieldOfStudy: 'مهندسی برق' }];
    const trackingNumber = await apply(auditor, { ...QUALIFICATION_DATA.auditor, qualifiedStaff: claims }, 'audit-body-qualification');
    const fix = await waitForTask(auditor, trackingNumber, 'applicant-fix');
    expect(fix.prefill!.formalComment).toBe([
      `${hamid.fullName} (${hamid.nationalId}): شماره همراه به نام این شخص نیست / the mobile number is not registered to this person`,
      `${narges.fullName} (${narges.nationalId}): مدرک «${narges.degree}» در سامانه استعلام مدارک ثبت نشده است / the ${narges.degree} degree is not on record`,
    ].join('\n'));
    expect((await auditor.get(`/api/applications/${trackingNumber}`)).body.tasks.map((t: { elementId: string }) => t.elementId)).toEqual(['applicant-fix']);

    // corrected, the staff are asked about again (the company only once, when the application arrived)
    await completeTask(auditor, fix, { accreditation: QUALIFICATION_DATA.auditor.accreditation, qualifiedStaff: QUALIFICATION_DATA.auditor.qualifiedStaff, accreditationDocuments: fix.prefill!.accreditationDocuments, fixNote: 'شماره همراه و رشته اصلاح شد. Mobile and field corrected.' });
    await waitForTask(reviewer, trackingNumber, 'formal-check');
    const answers = (await reviewer.get(`/api/applications/${trackingNumber}/inquiries`)).body as { registry: string; elementId: string; outcome: string }[];
    expect(answers.map((a) => [a.registry, a.elementId, a.outcome])).toEqual([
      ['company-registry', 'inquire-company-registry', 'positive'],
      ['national-identity', 'verify-identities', 'negative'],
      ['degree-verification', 'verify-degrees', 'negative'],
      ['national-identity', 'verify-identities', 'positive'],
      ['degree-verification', 'verify-degrees', 'positive'],
    ]);
  });

  it('refuses a body the company registry says is struck off with company-not-active, before its staff are asked about', async () => {
    const admin = await ctx.as('admin');
    const company = await struckOffApplicant(admin, product.stack.baseUrl);
    const trackingNumber = await apply(company, QUALIFICATION_DATA.auditor, 'audit-body-qualification');
    await expectRefusedAsNotActive(company, admin, trackingNumber);
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
