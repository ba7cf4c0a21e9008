/**
 * AFTA product security certificate: domestic products through a laboratory chosen from the
 * register, imported ones through the approval path; the grade and validity from the decision table.
 */
import { recordHistory, useRunningProduct } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { expectRefusedAsNotActive, struckOffApplicant } from '../../support/registry-applicants';
import { walkAftaProduct, walkContext, walkQualification, type WalkContext } from '../../../scripts/lib/walks';
import { PRODUCT_APPLICATION } from '../../../scripts/lib/walks/demo-data';
import { LAB_ID, ensureQualified, formalCheckPasses, work } from '../../../scripts/lib/walks/steps';
import { apply, completeTask, payFee, waitForCompletion, waitForPublicStatus, waitForTask } from '../../../scripts/lib/walk-steps';
import { DEMO_ORGANISATIONS } from '../../../prisma/seed';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(async () => {
  ctx = walkContext(product.stack.baseUrl);
  await ensureQualified(ctx, 'lab', walkQualification);
});

const monthsBetween = (a: string, b: string) => Math.round((new Date(b).getTime() - new Date(a).getTime()) / (30.44 * 86_400_000));

describe('afta-product-certificate', () => {
  it('certifies a domestic product the chosen lab evaluated: grade B and two years for a firewall at EAL 4', async () => {
    const { trackingNumber, certificateNumber } = await walkAftaProduct(ctx);
    await recordHistory(product.stack.client, trackingNumber, 'afta-product-certificate.domestic');
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('applicant'), ctx.anonymous, certificateNumber, 'afta-product-security-certificate');
    expect(record.subject).toMatchObject({ productName: PRODUCT_APPLICATION.productName, productOrigin: 'domestic', productCategory: 'firewall', grade: 'B' });
    expect(monthsBetween(record.issuedAt, record.expiresAt)).toBe(24);
    // the lab's evaluation report is kept with the application
    const docs = await (await ctx.as('applicant')).get(`/api/applications/${trackingNumber}/documents`);
    expect(docs.body.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['securityTarget', 'evaluationReport']));
  });

  it('approves an imported product on the approval path, graded by the table: a SIEM at EAL 5 is A for three years', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { ...PRODUCT_APPLICATION, productName: 'Splunk Enterprise Security', manufacturer: 'Splunk Inc.', productCategory: 'siem', productOrigin: 'imported' }, 'afta-product-certificate');
    await formalCheckPasses(ctx, trackingNumber);
    await work(ctx, 'afta3', trackingNumber, 'import-approval', { foreignCertificate: 'Common Criteria EAL5 — BSI-DSZ-CC-0000', assuranceLevel: 5, importDecision: 'approve' });
    await payFee(applicant, trackingNumber);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done.outcome).toBe('approved');
    const record = await expectIssuedAndVerified(product.stack, applicant, ctx.anonymous, done.certificates[0].number, 'afta-product-security-certificate');
    expect(record.subject).toMatchObject({ productOrigin: 'imported', grade: 'A' });
    expect(monthsBetween(record.issuedAt, record.expiresAt)).toBe(36);
  });

  it('refuses a company the company registry says is struck off with company-not-active, before the lab is checked', async () => {
    const admin = await ctx.as('admin');
    const company = await struckOffApplicant(admin, product.stack.baseUrl);
    const trackingNumber = await apply(company, { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
    await expectRefusedAsNotActive(company, admin, trackingNumber);
  });

  it('sends a domestic application back for fixes without asking for import documents (the fix form hides them by the origin chosen at the start)', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
    const reviewer = await ctx.as('reviewer1');
    await completeTask(reviewer, await waitForTask(reviewer, trackingNumber, 'formal-check'), { formalDecision: 'incomplete', formalComment: 'هدف امنیتی ناقص است. The security target is incomplete.' });
    const fix = await waitForTask(applicant, trackingNumber, 'applicant-fix');
    expect(fix.prefill).toMatchObject({ productOrigin: 'domestic' });
    const { productName, manufacturer, productVersion, productCategory, securityTarget } = fix.prefill as Record<string, unknown>;
    await completeTask(applicant, fix, { productName, manufacturer, productVersion, productCategory, securityTarget, fixNote: 'تکمیل شد. Completed.' });
    await waitForTask(reviewer, trackingNumber, 'formal-check');
  });

  it('refuses a critical product below the table\'s minimum, citing the named condition', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { ...PRODUCT_APPLICATION, productCategory: 'crypto-module', productOrigin: 'imported' }, 'afta-product-certificate');
    await formalCheckPasses(ctx, trackingNumber);
    await work(ctx, 'afta3', trackingNumber, 'import-approval', { foreignCertificate: 'FIPS 140-2 level 1', assuranceLevel: 3, importDecision: 'approve' });
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    const message = await messageAbout(applicant, trackingNumber, 'rejected');
    expect(message?.bodyEn).toContain('The evaluated assurance level is below the minimum for this product category');
  });

  it('offers only qualified labs, and refuses the application when the chosen lab loses its licence before it is checked', async () => {
    const applicant = await ctx.as('applicant');
    // an organisation that holds no lab licence cannot be chosen
    const notALab = await applicant.post('/api/applications', { processKey: 'afta-product-certificate', data: { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: DEMO_ORGANISATIONS.auditor.nationalId, securityTarget: [] } });
    expect(notALab.status).toBe(400);
    expect(notALab.body.errors.evaluationLab).toMatch(/^must be one of: /);

    const admin = await ctx.as('admin');
    // every valid licence of the lab: another test file may have qualified it once more in the shared database
    const labCertificates = ((await ctx.anonymous.get(`/api/public/certificates?family=evaluation-lab-licence&status=valid&q=${LAB_ID}`)).body.items as { number: string }[]).map((c) => c.number);
    expect(labCertificates.length).toBeGreaterThan(0);
    const trackingNumber = await apply(applicant, { ...PRODUCT_APPLICATION, productOrigin: 'domestic', evaluationLab: LAB_ID }, 'afta-product-certificate');
    for (const labCertificate of labCertificates) {
      expect((await admin.post(`/api/certificates/${labCertificate}/status-changes`, { action: 'suspend', reason: 'ممیزی دوره‌ای انجام نشد. Periodic audit missed.' })).status).toBe(202);
      await waitForPublicStatus(ctx.anonymous, labCertificate, 'suspended');
    }
    try {
      await formalCheckPasses(ctx, trackingNumber);
      // a guard, not a speed check: in a full run other files' signal broadcasts can keep the shared workers busy for a while
      expect(await waitForCompletion(applicant, trackingNumber, 150_000)).toMatchObject({ outcome: 'rejected', certificates: [] });
      const message = await messageAbout(applicant, trackingNumber, 'rejected');
      expect(message?.bodyEn).toContain('The chosen laboratory holds no valid qualification for product security evaluation');
      expect(message?.bodyEn).toContain('no valid qualification');
    } finally {
      for (const labCertificate of labCertificates) {
        await admin.post(`/api/certificates/${labCertificate}/status-changes`, { action: 'reinstate', reason: 'ممیزی انجام شد. Audit done.' });
        await waitForPublicStatus(ctx.anonymous, labCertificate, 'valid');
      }
    }
  }, 240_000);
});
