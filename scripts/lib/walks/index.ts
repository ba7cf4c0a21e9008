/**
 * One approve-path walk per process an applicant can start, through the HTTP API with the demo
 * users (`npm run walk -- <key>`, the integration tests and the demo data share them).
 */
import { SAMPLE_APPLICATION, apply, payFee, waitForCompletion, walkToCertificate } from '../walk-steps';
import { AFTA_APPLICATION, CLOUD_APPLICATION, DATA_CENTRE_APPLICATION, GOOD_LAYER_SCORES, PRODUCT_APPLICATION, auditScores } from './demo-data';
import { AUDITOR_ID, LAB_ID, QUALIFICATION_DATA, ensureQualified, formalCheckPasses, work } from './steps';
import { certificateOf, type WalkContext, type WalkResult } from './walk-context';

export type { WalkContext, WalkResult } from './walk-context';
export { walkContext } from './walk-context';

type Walk = (ctx: WalkContext) => Promise<WalkResult>;

/** The applicant pays the fee asked for after approval, then the certificate is issued (every family but data-centre grading, whose fee is paid before review). */
async function finish(ctx: WalkContext, trackingNumber: string, username = 'applicant'): Promise<WalkResult> {
  await payFee(await ctx.as(username), trackingNumber);
  return certificateOf(await waitForCompletion(await ctx.as(username), trackingNumber, 120_000));
}

export async function walkTechnicalApproval(ctx: WalkContext, data: Record<string, unknown> = SAMPLE_APPLICATION, username = 'applicant'): Promise<WalkResult> {
  return walkToCertificate({ applicant: await ctx.as(username), formalReviewer: await ctx.as('reviewer1'), technicalReviewer: await ctx.as('reviewer2') }, data);
}

export async function walkAuthenticity(ctx: WalkContext): Promise<WalkResult> {
  const approval = await walkTechnicalApproval(ctx);
  const trackingNumber = await apply(await ctx.as('applicant'), { technicalApprovalNumber: approval.certificateNumber, productName: SAMPLE_APPLICATION.productName, productVersion: SAMPLE_APPLICATION.productVersion }, 'software-authenticity');
  await formalCheckPasses(ctx, trackingNumber);
  await work(ctx, 'evaluator', trackingNumber, 'security-evaluation', { evaluationResult: 'pass', riskLevel: 'low', findings: 'آسیب‌پذیری حل‌نشده‌ای یافت نشد. No unresolved vulnerabilities.' });
  await work(ctx, 'committee', trackingNumber, 'authenticity-decision', { authenticityDecision: 'approve' });
  return finish(ctx, trackingNumber);
}

export async function walkAftaServices(ctx: WalkContext): Promise<WalkResult> {
  const trackingNumber = await apply(await ctx.as('applicant'), AFTA_APPLICATION, 'afta-services-license');
  await formalCheckPasses(ctx, trackingNumber);
  await work(ctx, 'afta1', trackingNumber, 'category-review', { categoryDecision: 'grant' });
  await work(ctx, 'afta2', trackingNumber, 'category-review', { categoryDecision: 'grant' });
  return finish(ctx, trackingNumber);
}

export async function walkQualification(ctx: WalkContext, who: 'lab' | 'auditor' = 'auditor'): Promise<WalkResult> {
  const trackingNumber = await apply(await ctx.as(who), QUALIFICATION_DATA[who], 'audit-body-qualification');
  await formalCheckPasses(ctx, trackingNumber);
  await work(ctx, 'assessor', trackingNumber, 'qualification-assessment', { assessmentResult: 'pass', assessmentNotes: 'بازدید میدانی و آزمون کارکنان با موفقیت انجام شد. Site visit and staff test passed.' });
  await work(ctx, 'committee', trackingNumber, 'qualification-decision', { qualificationDecision: 'approve' });
  return finish(ctx, trackingNumber, who);
}

export async function walkAftaProduct(ctx: WalkContext): Promise<WalkResult> {
  await ensureQualified(ctx, 'lab', walkQualification);
  const trackingNumber = await apply(await ctx.as('applicant'), { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
  await formalCheckPasses(ctx, trackingNumber);
  await work(ctx, 'lab', trackingNumber, 'lab-evaluation', { assuranceLevel: 4, labVerdict: 'pass', labFindings: 'الزامات EAL4 برآورده شد. EAL4 requirements met.' });
  await work(ctx, 'afta3', trackingNumber, 'product-review', { productDecision: 'approve' });
  return finish(ctx, trackingNumber);
}

export async function walkCloudProfile(ctx: WalkContext): Promise<WalkResult> {
  await ensureQualified(ctx, 'lab', walkQualification);
  const trackingNumber = await apply(await ctx.as('applicant'), { ...CLOUD_APPLICATION, referenceLab: LAB_ID }, 'cloud-provider-profile');
  await formalCheckPasses(ctx, trackingNumber);
  for (let i = 0; i < CLOUD_APPLICATION.cloudServices.length; i++) await work(ctx, 'lab', trackingNumber, 'score-layer', GOOD_LAYER_SCORES);
  await work(ctx, 'cloud1', trackingNumber, 'profile-review', { profileDecision: 'approve' });
  return finish(ctx, trackingNumber);
}

/** The four audits (the auditor's tasks), with the given scores. */
export async function audit(ctx: WalkContext, trackingNumber: string, scores: ReturnType<typeof auditScores>): Promise<void> {
  for (const [elementId, values] of Object.entries(scores)) await work(ctx, 'auditor', trackingNumber, elementId, values);
}

/**
 * A data-centre grading application with its fee paid (the grading fee is paid before review) and
 * the formal check passed: the audit body's four tasks are open.
 */
export async function gradingPaidAndChecked(ctx: WalkContext, data: Record<string, unknown> = {}, username = 'applicant'): Promise<string> {
  const trackingNumber = await gradingPaid(ctx, data, username);
  await formalCheckPasses(ctx, trackingNumber);
  return trackingNumber;
}

/** A data-centre grading application whose fee the applicant has paid; the formal check is next. */
export async function gradingPaid(ctx: WalkContext, data: Record<string, unknown> = {}, username = 'applicant'): Promise<string> {
  const applicant = await ctx.as(username);
  const trackingNumber = await apply(applicant, { ...DATA_CENTRE_APPLICATION, auditBody: AUDITOR_ID, ...data }, 'datacentre-grading');
  await payFee(applicant, trackingNumber);
  return trackingNumber;
}

export async function walkDataCentreGrading(ctx: WalkContext): Promise<WalkResult> {
  await ensureQualified(ctx, 'auditor', walkQualification);
  const trackingNumber = await gradingPaidAndChecked(ctx);
  await audit(ctx, trackingNumber, auditScores(92, 81, 77, 70));
  await work(ctx, 'committee', trackingNumber, 'committee-approval', { committeeDecision: 'approve' });
  return certificateOf(await waitForCompletion(await ctx.as('applicant'), trackingNumber, 120_000));
}

/** Process key → its approve-path walk (the keys `npm run walk -- --list` prints). */
export const WALKS: Record<string, Walk> = {
  'software-technical-approval': (ctx) => walkTechnicalApproval(ctx),
  'software-authenticity': walkAuthenticity,
  'afta-services-license': walkAftaServices,
  'afta-product-certificate': walkAftaProduct,
  'cloud-provider-profile': walkCloudProfile,
  'datacentre-grading': walkDataCentreGrading,
  'audit-body-qualification': (ctx) => walkQualification(ctx, 'auditor'),
};
