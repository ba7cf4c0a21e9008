/**
 * AFTA security-services licence: the activity categories applied for are reviewed in parallel,
 * each by its own reviewer group against its key-personnel requirement, and granted or refused one
 * by one; the licence lists exactly the granted ones and the applicant is told which were refused and why.
 */
import { recordHistory, useRunningProduct, waitFor } from '../../support/harness';
import { expectIssuedAndVerified, messageAbout } from '../../support/issued-certificates';
import { walkAftaServices, walkContext, type WalkContext } from '../../../scripts/lib/walks';
import { AFTA_APPLICATION, PERSONNEL } from '../../../scripts/lib/walks/demo-data';
import { formalCheckPasses, work } from '../../../scripts/lib/walks/steps';
import { apply, payFee, waitForCompletion, waitForTask } from '../../../scripts/lib/walk-steps';
import { serviceData } from '../../../activities/definition-data/services';

const product = useRunningProduct();
let ctx: WalkContext;
beforeAll(() => {
  ctx = walkContext(product.stack.baseUrl);
});

const THREE = {
  activityCategories: ['security-testing', 'hardening', 'security-training'],
  keyPersonnel: [
    { category: 'security-testing', ...PERSONNEL.sara },
    { category: 'security-testing', ...PERSONNEL.reza },
    { category: 'hardening', ...PERSONNEL.maryam },
    { category: 'hardening', ...PERSONNEL.ali },
    { category: 'security-training', ...PERSONNEL.sara },
  ],
};

describe('afta-services-license', () => {
  it('licenses the categories applied for when each reviewer group grants its own', async () => {
    const { certificateNumber } = await walkAftaServices(ctx);
    const record = await expectIssuedAndVerified(product.stack, await ctx.as('applicant'), ctx.anonymous, certificateNumber, 'afta-security-services-licence');
    expect(record.subject).toEqual({ activityCategories: AFTA_APPLICATION.activityCategories });
  });

  it('grants two categories and refuses one: the licence lists the two, and the applicant reads which was refused and why', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, THREE, 'afta-services-license');
    await formalCheckPasses(ctx, trackingNumber);
    // each category waits for its own group: the hardening reviewer sees how the declared personnel meet its requirement
    const afta1 = await ctx.as('afta1');
    const afta2 = await ctx.as('afta2');
    await waitForTask(afta1, trackingNumber, 'category-review');
    // the parallel category reviews open one after another: wait for both of afta1's
    const tasks = await waitFor('both category reviews of afta1', async () => {
      const mine = (await afta1.get('/api/tasks')).body.filter((t: { application: { trackingNumber: string } }) => t.application.trackingNumber === trackingNumber);
      return mine.length >= 2 && mine;
    });
    expect(tasks.map((t: { candidateGroups: string[] }) => t.candidateGroups[0]).sort()).toEqual(['afta-hardening-reviewers', 'afta-security-testing-reviewers']);
    expect((await afta2.get('/api/tasks')).body.filter((t: { application: { trackingNumber: string } }) => t.application.trackingNumber === trackingNumber).map((t: { candidateGroups: string[] }) => t.candidateGroups)).toEqual([['afta-training-reviewers']]);
    const summaries = tasks.map((t: { prefill: { personnelSummary: string } }) => t.prefill.personnelSummary);
    expect(summaries).toEqual(expect.arrayContaining([expect.stringContaining('Securing and hardening systems, infrastructure and services: 1 qualified of at least 2'), expect.stringContaining('Security testing and evaluation: 2 qualified of at least 2')]));

    for (const task of tasks) {
      const isHardening = task.candidateGroups[0] === 'afta-hardening-reviewers';
      const values = isHardening
        ? { categoryDecision: 'refuse', categoryRefusalCondition: 'key-personnel-insufficient', categoryRefusalReason: 'یک نفر از دو نفر لازم واجد شرایط است. Only one of the two required people qualifies.' }
        : { categoryDecision: 'grant' };
      const res = await afta1.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { values });
      expect(res.status).toBe(200);
    }
    await work(ctx, 'afta2', trackingNumber, 'category-review', { categoryDecision: 'grant' });
    // the fee is that of the granted categories only (definitions/services/afta-services-license.json)
    const perCategory = serviceData('afta-services-license')!.fee.perCategory!;
    const { payment } = await payFee(applicant, trackingNumber);
    expect(payment.amount).toBe(perCategory['security-testing'] + perCategory['security-training']);
    const done = await waitForCompletion(applicant, trackingNumber);
    expect(done.outcome).toBe('approved');
    const record = await expectIssuedAndVerified(product.stack, applicant, ctx.anonymous, done.certificates[0].number, 'afta-security-services-licence');
    expect(record.subject).toEqual({ activityCategories: ['security-testing', 'security-training'] });
    const message = await messageAbout(applicant, trackingNumber, 'approved-partly');
    expect(message?.bodyEn).toContain('Securing and hardening systems, infrastructure and services (یک نفر از دو نفر لازم واجد شرایط است. Only one of the two required people qualifies.)');
    await recordHistory(product.stack.client, trackingNumber, 'afta-services-license.partly-granted');
  });

  it('rejects when no category is granted, naming each refusal', async () => {
    const applicant = await ctx.as('applicant');
    const trackingNumber = await apply(applicant, { activityCategories: ['bug-bounty'], keyPersonnel: [{ category: 'bug-bounty', ...PERSONNEL.ali }] }, 'afta-services-license');
    await formalCheckPasses(ctx, trackingNumber);
    await work(ctx, 'afta1', trackingNumber, 'category-review', { categoryDecision: 'refuse', categoryRefusalCondition: 'experience-unproven', categoryRefusalReason: 'سابقه برگزاری مسابقه ارائه نشد. No competitions run before.' });
    expect(await waitForCompletion(applicant, trackingNumber)).toMatchObject({ outcome: 'rejected', certificates: [] });
    const message = await messageAbout(applicant, trackingNumber, 'rejected');
    expect(message?.bodyEn).toContain('None of the activity categories applied for was granted');
    expect(message?.bodyEn).toContain('Security-flaw discovery competitions (سابقه برگزاری مسابقه ارائه نشد. No competitions run before.)');
  });

  it('sends invalid or repeated national IDs of the key personnel back to the applicant before the formal check', async () => {
    const applicant = await ctx.as('applicant');
    const bad = { ...AFTA_APPLICATION, keyPersonnel: [{ ...AFTA_APPLICATION.keyPersonnel[0], nationalId: '1111111111' }, AFTA_APPLICATION.keyPersonnel[1], AFTA_APPLICATION.keyPersonnel[1]] };
    const trackingNumber = await apply(applicant, bad, 'afta-services-license');
    const fix = await waitForTask(applicant, trackingNumber, 'applicant-fix');
    expect(fix.prefill!.formalComment).toMatch(/سارا احمدی \(ردیف 1 \/ row 1\): کد ملی نادرست است \/ the national ID is not valid\nرضا کریمی \(ردیف 3 \/ row 3\): تکراری است \/ is listed twice/);
    expect((await messageAbout(applicant, trackingNumber, 'fix-requested'))?.bodyEn).toContain('the national ID is not valid');
  });

  it('refuses a key-personnel row that does not fit the form (with the row and field named)', async () => {
    const res = await (await ctx.as('applicant')).post('/api/applications', { processKey: 'afta-services-license', data: { ...AFTA_APPLICATION, keyPersonnel: [{ ...PERSONNEL.sara, category: 'lockpicking', experienceYears: 99 }] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toMatchObject({ 'keyPersonnel[0].category': expect.stringMatching(/^must be one of/), 'keyPersonnel[0].experienceYears': 'must be at most 60', companyDocuments: 'is required' });
  });
});
