/**
 * Software authenticity (health) certificate: only for a product whose technical approval, held by
 * the same company, is valid on our own register now — checked when the application arrives and
 * again before issue.
 */
import { recordHistory, useRunningProduct } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { expectRefusedAsNotActive, struckOffApplicant } from '../../support/registry-applicants';
import { walkAuthenticity, walkContext, walkTechnicalApproval, type WalkContext } from '../../../scripts/lib/walks';
import { formalCheckPasses, work } from '../../../scripts/lib/walks/steps';
import { SAMPLE_APPLICATION, apply, waitForCompletion, waitForPublicStatus } from '../../../scripts/lib/walk-steps';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(() => {
  ctx = walkContext(product.stack.baseUrl);
});

async function applyFor(technicalApprovalNumber: string, productName = SAMPLE_APPLICATION.productName, username = 'applicant'): Promise<string> {
  return apply(await ctx.as(username), { technicalApprovalNumber, productName, productVersion: '2.1.0' }, 'software-authenticity');
}

/** The application ends rejected before any reviewer saw it, and the applicant reads why. */
async function expectRefused(trackingNumber: string, reason: string, username = 'applicant'): Promise<void> {
  const user = await ctx.as(username);
  expect(await waitForCompletion(user, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
  const message = await messageAbout(user, trackingNumber, 'rejected');
  expect(message?.bodyEn).toContain('Condition not met: There is no valid technical approval certificate for the same product and owner');
  expect(message?.bodyEn).toContain(reason);
  const app = await user.get(`/api/applications/${trackingNumber}`);
  expect(app.body.tasks).toEqual([]);
}

describe('software-authenticity', () => {
  it('certifies a product with a valid technical approval of the same company, copying its subject from the register', async () => {
    const { trackingNumber, certificateNumber } = await walkAuthenticity(ctx);
    await recordHistory(product.stack.client, trackingNumber, 'software-authenticity.approved');
    expect(certificateNumber).toMatch(/^SA-/);
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('applicant'), ctx.anonymous, certificateNumber, 'software-authenticity');
    expect(record.subject).toMatchObject({ productName: SAMPLE_APPLICATION.productName, productVersion: '2.1.0', platform: 'web', technicalApprovalNumber: expect.stringMatching(/^TA-/) });
    const answers = (await (await ctx.as('reviewer1')).get(`/api/applications/${trackingNumber}/inquiries`)).body as { registry: string; outcome: string }[];
    expect(answers.map((a) => [a.registry, a.outcome])).toEqual([['company-registry', 'positive']]);
  });

  it('refuses a company the company registry says is struck off with company-not-active, before the technical approval is checked', async () => {
    const admin = await ctx.as('admin');
    const company = await struckOffApplicant(admin, product.stack.baseUrl);
    const trackingNumber = await apply(company, { technicalApprovalNumber: 'TA-1405-999999-X', productName: SAMPLE_APPLICATION.productName, productVersion: '2.1.0' }, 'software-authenticity');
    await expectRefusedAsNotActive(company, admin, trackingNumber);
  });

  it('refuses, each with its reason: an unknown number, another family, another product, another company, a suspended, a revoked and an expired approval', async () => {
    const approval = await walkTechnicalApproval(ctx);
    const admin = await ctx.as('admin');
    const authenticity = await walkAuthenticity(ctx);

    await expectRefused(await applyFor('TA-1405-999999-' + 'X'), 'is not a valid certificate number');
    await expectRefused(await applyFor(authenticity.certificateNumber), `${authenticity.certificateNumber} is not a Software Technical Approval Certificate`);
    await expectRefused(await applyFor(approval.certificateNumber, 'نرم‌افزار دیگری'), `differs from that of certificate ${approval.certificateNumber}`);
    // the product name as people type it (Arabic yeh, extra spaces) is the same product
    const sameProduct = await applyFor(approval.certificateNumber, `  ${SAMPLE_APPLICATION.productName.replace(/ی/g, 'ي')}  `);
    await formalCheckPasses(ctx, sameProduct);

    const other = await walkTechnicalApproval(ctx, { ...SAMPLE_APPLICATION, ownerCompany: 'شرکت فناوران داده آریا' }, 'applicant2');
    await expectRefused(await applyFor(other.certificateNumber), 'belongs to another company');

    const suspended = await walkTechnicalApproval(ctx);
    await admin.post(`/api/certificates/${suspended.certificateNumber}/status-changes`, { action: 'suspend', reason: 'بررسی شکایت. Under review.' });
    await waitForPublicStatus(ctx.anonymous, suspended.certificateNumber, 'suspended');
    await expectRefused(await applyFor(suspended.certificateNumber), 'is suspended, not valid');

    const revoked = await walkTechnicalApproval(ctx);
    const revocation = await admin.post(`/api/certificates/${revoked.certificateNumber}/status-changes`, { action: 'revoke', reason: 'تخلف. Misuse.' });
    await work(ctx, 'reviewer2', revocation.body.trackingNumber, 'confirm-revocation', { revocationDecision: 'confirm' });
    await waitForPublicStatus(ctx.anonymous, revoked.certificateNumber, 'revoked');
    await expectRefused(await applyFor(revoked.certificateNumber), 'is revoked, not valid');

    // expiry: the certificate's validity ended (set in the register as a year passing would)
    const expired = await walkTechnicalApproval(ctx);
    await product.stack.db.certificate.update({ where: { number: expired.certificateNumber }, data: { expiresAt: new Date(Date.now() - 86_400_000) } });
    await expectRefused(await applyFor(expired.certificateNumber), 'has expired');
  });

  it('checks the register again before issue: an approval suspended during the review stops the certificate', async () => {
    const approval = await walkTechnicalApproval(ctx);
    const trackingNumber = await applyFor(approval.certificateNumber);
    await formalCheckPasses(ctx, trackingNumber);
    await work(ctx, 'evaluator', trackingNumber, 'security-evaluation', { evaluationResult: 'pass', riskLevel: 'low', findings: 'ok' });
    const admin = await ctx.as('admin');
    await admin.post(`/api/certificates/${approval.certificateNumber}/status-changes`, { action: 'suspend', reason: 'بررسی شکایت. Under review.' });
    await waitForPublicStatus(ctx.anonymous, approval.certificateNumber, 'suspended');
    await work(ctx, 'committee', trackingNumber, 'authenticity-decision', { authenticityDecision: 'approve' });
    expect(await waitForCompletion(await ctx.as('applicant'), trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
  });

  it('rejects on the committee\'s decision, citing a named condition', async () => {
    const approval = await walkTechnicalApproval(ctx);
    const trackingNumber = await applyFor(approval.certificateNumber);
    await formalCheckPasses(ctx, trackingNumber);
    await work(ctx, 'evaluator', trackingNumber, 'security-evaluation', { evaluationResult: 'fail', riskLevel: 'high', findings: 'تزریق SQL در صفحه ورود. SQL injection on the login page.' });
    await work(ctx, 'committee', trackingNumber, 'authenticity-decision', { authenticityDecision: 'reject', rejectionCondition: 'unresolved-vulnerabilities', rejectionReason: 'تزریق SQL. SQL injection.' });
    const applicant = await ctx.as('applicant');
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected' });
    expect((await messageAbout(applicant, trackingNumber, 'rejected'))?.bodyEn).toContain('Unresolved security vulnerabilities were found in the product');
  });
});
