/**
 * Demo applications for `npm start` in demo mode: for every family, some approved with a signed
 * certificate, some refused, some waiting at a reviewer, a lab or the applicant, and one lapsed, so
 * that every page has something to show. Made through the HTTP API with the demo users, exactly as
 * people would (the walks of scripts/lib/walks/); a family that already has applications is left alone.
 */
import type { Db } from '../../prisma/client';
import { SAMPLE_APPLICATION, apply, completeTask, waitForCompletion, waitForTask } from './walk-steps';
import { WALKS, gradingPaid, gradingPaidAndChecked, walkContext, walkQualification, walkTechnicalApproval, type WalkContext } from './walks';
import { AFTA_APPLICATION, CLOUD_APPLICATION, DATA_CENTRE_APPLICATION, PERSONNEL, PRODUCT_APPLICATION, auditScores } from './walks/demo-data';
import { AUDITOR_ID, LAB_ID, QUALIFICATION_DATA, ensureQualified, formalCheckPasses, work } from './walks/steps';

type Scenario = (ctx: WalkContext) => Promise<unknown>;

async function sentBack(ctx: WalkContext, trackingNumber: string, comment: string): Promise<void> {
  await completeTask(await ctx.as('reviewer1'), await waitForTask(await ctx.as('reviewer1'), trackingNumber, 'formal-check'), { formalDecision: 'incomplete', formalComment: comment });
  await waitForTask(await ctx.as('applicant'), trackingNumber, 'applicant-fix');
}

const SCENARIOS: Record<string, Scenario[]> = {
  'audit-body-qualification': [
    (ctx) => ensureQualified(ctx, 'auditor', walkQualification),
    (ctx) => ensureQualified(ctx, 'lab', walkQualification),
    // a staff member's mobile line is in another's name: back at the lab to fix (the inquiry card says why)
    async (ctx) => {
      const [hamid, narges] = QUALIFICATION_DATA.lab.qualifiedStaff;
      const tn = await apply(await ctx.as('lab'), { ...QUALIFICATION_DATA.lab, labScopes: ['afta-product-evaluation'], qualifiedStaff: [{ ...hamid, mobile: narges.mobile }, narges] }, 'audit-body-qualification');
      await waitForTask(await ctx.as('lab'), tn, 'applicant-fix');
    },
  ],
  'software-technical-approval': [
    WALKS['software-technical-approval'],
    async (ctx) => {
      const tn = await apply(await ctx.as('applicant'), { ...SAMPLE_APPLICATION, productName: 'سامانه حضور و غیاب «زمان»' });
      await formalCheckPasses(ctx, tn);
      await work(ctx, 'reviewer2', tn, 'technical-review', { technicalDecision: 'reject', rejectionCondition: 'security-requirements-not-met', rejectionReason: 'گذرواژه‌ها بدون درهم‌سازی نگهداری می‌شوند. Passwords are stored unhashed.' });
    },
    async (ctx) => apply(await ctx.as('applicant'), { ...SAMPLE_APPLICATION, productName: 'سامانه انبارداری «انبار یار»' }),
    // approved, its fee waiting for the applicant to pay (the pay button on its page)
    async (ctx) => {
      const tn = await apply(await ctx.as('applicant'), { ...SAMPLE_APPLICATION, productName: 'سامانه فروشگاه اینترنتی «بازارچه»' });
      await formalCheckPasses(ctx, tn);
      await work(ctx, 'reviewer2', tn, 'technical-review', { technicalDecision: 'approve' });
    },
    async (ctx) => sentBack(ctx, await apply(await ctx.as('applicant'), { ...SAMPLE_APPLICATION, productName: 'سامانه حقوق و دستمزد «پرداخت»', productVersion: 'v?' }), 'شماره نسخه معتبر نیست. Give a real version number.'),
    async (ctx) => {
      const tn = await apply(await ctx.as('applicant'), { ...SAMPLE_APPLICATION, productName: 'سامانه آزمایشی مختومه' });
      await sentBack(ctx, tn, 'مستندات ناخواناست. The documentation cannot be read.');
      await (await ctx.as('admin')).post(`/api/applications/${tn}/clock`, { days: 20 });
      await waitForCompletion(await ctx.as('applicant'), tn);
    },
  ],
  'software-authenticity': [
    WALKS['software-authenticity'],
    async (ctx) => {
      const approval = await walkTechnicalApproval(ctx, { ...SAMPLE_APPLICATION, productName: 'سامانه مکاتبات اداری «نامه»' });
      const tn = await apply(await ctx.as('applicant'), { technicalApprovalNumber: approval.certificateNumber, productName: 'سامانه مکاتبات اداری «نامه»', productVersion: '2.1.0' }, 'software-authenticity');
      await formalCheckPasses(ctx, tn);
    },
  ],
  'afta-services-license': [
    WALKS['afta-services-license'],
    async (ctx) => {
      const tn = await apply(await ctx.as('applicant'), { activityCategories: ['hardening', 'security-training'], keyPersonnel: [{ category: 'hardening', ...PERSONNEL.reza }, { category: 'hardening', ...PERSONNEL.maryam }, { category: 'security-training', ...PERSONNEL.sara }] }, 'afta-services-license');
      await formalCheckPasses(ctx, tn);
    },
  ],
  'afta-product-certificate': [
    WALKS['afta-product-certificate'],
    async (ctx) => {
      const tn = await apply(await ctx.as('applicant'), { ...PRODUCT_APPLICATION, productName: 'ماژول رمزنگاری سخت‌افزاری «رمزبان»', productCategory: 'crypto-module', productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
      await formalCheckPasses(ctx, tn);
    },
    async (ctx) => apply(await ctx.as('applicant2'), { ...PRODUCT_APPLICATION, productName: 'FortiGate 600F', manufacturer: 'Fortinet, Inc.', productOrigin: 'imported' }, 'afta-product-certificate'),
  ],
  'cloud-provider-profile': [
    WALKS['cloud-provider-profile'],
    async (ctx) => {
      const tn = await apply(await ctx.as('applicant2'), { ...CLOUD_APPLICATION, serviceName: 'ابر آریا', cloudServices: ['kaas', 'dns'], referenceLab: LAB_ID }, 'cloud-provider-profile');
      await formalCheckPasses(ctx, tn);
    },
  ],
  'datacentre-grading': [
    WALKS['datacentre-grading'],
    // paid before review, checked, the audit under way
    async (ctx) => {
      const tn = await gradingPaidAndChecked(ctx, { dataCentreName: 'مرکز داده آریا' }, 'applicant2');
      const { 'audit-physical': physical } = auditScores(88, 0, 0, 0);
      await work(ctx, 'auditor', tn, 'audit-physical', physical);
    },
    // its fee waiting for the applicant to pay before review starts (the pay button on its page)
    async (ctx) => apply(await ctx.as('applicant2'), { ...DATA_CENTRE_APPLICATION, dataCentreName: 'مرکز داده پارس', auditBody: AUDITOR_ID }, 'datacentre-grading'),
    // rejected at the formal check after paying: the fee refunded
    async (ctx) => {
      const tn = await gradingPaid(ctx, { dataCentreName: 'مرکز داده البرز' }, 'applicant2');
      await work(ctx, 'reviewer1', tn, 'formal-check', { formalDecision: 'reject', rejectionCondition: 'site-documents-invalid', rejectionReason: 'نقشه‌های پیوست از مرکز داده دیگری است. The attached plans are of another data centre.' });
    },
  ],
};

/** Creates the demo applications of every family that has none yet; says what it did through `log`. */
export async function ensureDemoApplications(db: Db, baseUrl: string, log: (m: string) => void = console.log): Promise<void> {
  const ctx = walkContext(baseUrl);
  for (const [key, scenarios] of Object.entries(SCENARIOS)) {
    if (scenarios.length === 0) continue;
    if ((await db.application.count({ where: { processKey: key } })) > 0) continue;
    log(`demo data: ${key}…`);
    for (const scenario of scenarios) await scenario(ctx);
  }
}
