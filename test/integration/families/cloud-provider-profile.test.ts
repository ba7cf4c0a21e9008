/**
 * Cloud-provider profile: a reference laboratory from the register scores each declared service
 * layer against its indices (decisions/cloud-layer-indices.dmn) in a called process per layer; the
 * profile lists the qualified layers; a ranking step runs only when switched on.
 */
import { recordHistory, useRunningProduct } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { expectRefusedAsNotActive, struckOffApplicant } from '../../support/registry-applicants';
import { walkCloudProfile, walkContext, walkQualification, type WalkContext } from '../../../scripts/lib/walks';
import { CLOUD_APPLICATION, GOOD_LAYER_SCORES } from '../../../scripts/lib/walks/demo-data';
import { LAB_ID, ensureQualified, formalCheckPasses, work } from '../../../scripts/lib/walks/steps';
import { apply, payFee, waitForCompletion, waitForTask } from '../../../scripts/lib/walk-steps';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(async () => {
  ctx = walkContext(product.stack.baseUrl);
  await ensureQualified(ctx, 'lab', walkQualification);
});

/** The lab scores each layer's task with the scores for its layer (read from the task's title). */
async function scoreLayers(trackingNumber: string, scores: Record<string, Record<string, number>>): Promise<void> {
  const lab = await ctx.as('lab');
  for (let i = 0; i < Object.keys(scores).length; i++) {
    const task = await waitForTask(lab, trackingNumber, 'score-layer');
    const layer = Object.keys(scores).find((l) => String(task.prefill!.layerTitle).includes(`(${l.toUpperCase()})`) || String(task.prefill!.layerTitle).toLowerCase().includes(l));
    await work(ctx, 'lab', trackingNumber, 'score-layer', scores[layer!]);
  }
}

describe('cloud-provider-profile', () => {
  it('profiles a provider whose declared layers all qualify, without ranking (switched off)', async () => {
    const { trackingNumber, certificateNumber } = await walkCloudProfile(ctx);
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('applicant'), ctx.anonymous, certificateNumber, 'cloud-provider-profile');
    expect(record.subject).toEqual({ serviceName: CLOUD_APPLICATION.serviceName, cloudServices: ['iaas', 'staas'] });
    const app = await (await ctx.as('applicant')).get(`/api/applications/${trackingNumber}`);
    expect(app.body.tasks.map((t: { elementId: string }) => t.elementId)).not.toContain('ranking');
  });

  it('lists only the layers that qualify: DNS needs 75 weighted and 60 on each index, so 74.6 and a 55 fail it', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { serviceName: 'ابر نمونه', cloudServices: ['iaas', 'dns'], referenceLab: LAB_ID }, 'cloud-provider-profile');
    await formalCheckPasses(ctx, trackingNumber);
    // dns: 0.35·80 + 0.30·80 + 0.05·55 + 0.10·60 + 0.10·60 + 0.10·78 = 74.55 → 74.6 < 75, and scalability 55 < 60
    await scoreLayers(trackingNumber, { iaas: GOOD_LAYER_SCORES, dns: { availability: 80, security: 80, scalability: 55, support: 60, dataResidency: 60, compliance: 78 } });
    const review = await waitForTask(await ctx.as('cloud1'), trackingNumber, 'profile-review');
    expect(review.prefill!.layerSummary).toMatch(/DNS ابری 74\.6 ✗/);
    await work(ctx, 'cloud1', trackingNumber, 'profile-review', { profileDecision: 'approve' });
    await payFee(applicant, trackingNumber);
    const done = await waitForCompletion(applicant, trackingNumber);
    const record = await expectIssuedAndVerified(product.stack, applicant, ctx.anonymous, done.certificates[0].number, 'cloud-provider-profile');
    expect(record.subject.cloudServices).toEqual(['iaas']);
    expect((await messageAbout(applicant, trackingNumber, 'approved-partly'))?.bodyEn).toContain('Cloud DNS (score 74.6)');
    await recordHistory(product.stack.client, trackingNumber, 'cloud-provider-profile.one-layer-qualified');
  });

  it('refuses a company the company registry says is struck off with company-not-active, before any layer is evaluated', async () => {
    const admin = await ctx.as('admin');
    const company = await struckOffApplicant(admin, product.stack.baseUrl);
    const trackingNumber = await apply(company, { ...CLOUD_APPLICATION, referenceLab: LAB_ID }, 'cloud-provider-profile');
    await expectRefusedAsNotActive(company, admin, trackingNumber);
  });

  it('rejects when no declared layer qualifies, citing the named condition', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { serviceName: 'ابر نمونه', cloudServices: ['colocation'], referenceLab: LAB_ID }, 'cloud-provider-profile');
    await formalCheckPasses(ctx, trackingNumber);
    await scoreLayers(trackingNumber, { colocation: { availability: 40, security: 90, scalability: 0, support: 90, dataResidency: 90, compliance: 90 } });
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect((await messageAbout(applicant, trackingNumber, 'rejected'))?.bodyEn).toContain('None of the declared service layers reached the evaluation threshold');
  });

  it('hands each layer to the chosen lab only: other organisations do not see the scoring tasks', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { serviceName: 'ابر نمونه', cloudServices: ['kaas'], referenceLab: LAB_ID }, 'cloud-provider-profile');
    await formalCheckPasses(ctx, trackingNumber);
    const task = await waitForTask(await ctx.as('lab'), trackingNumber, 'score-layer');
    expect(task.id).toMatch(new RegExp(`^${trackingNumber}\\.evaluate-layers-\\d+:score-layer:1$`));
    const auditor = await ctx.as('auditor');
    expect((await auditor.get('/api/tasks')).body.some((t: { id: string }) => t.id === task.id)).toBe(false);
    expect((await auditor.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values: GOOD_LAYER_SCORES })).status).toBe(403);
    // the lab reads what was applied for, and its documents, beside the task
    const seen = await (await ctx.as('lab')).get(`/api/tasks/${encodeURIComponent(task.id)}`);
    expect(seen.body.application.submittedData).toMatchObject({ serviceName: 'ابر نمونه', cloudServices: ['kaas'] });
    expect(seen.body.documents.map((d: { kind: string }) => d.kind)).toContain('serviceDescription');
  });
});
