/**
 * Renewal and paper conversion, each a BPMN process of its own, on the real parts. A holder renews
 * a certificate: after a technical reviewer's review a new certificate (same family and subject,
 * new number) replaces it, and the old one becomes superseded, linked both ways on the public
 * record; a superseded certificate cannot be renewed again. The holder of an old paper certificate
 * converts it: a formal reviewer matches it with the archive and the electronic certificate records
 * the old number; a number converted once, or a claim for another company, is refused.
 */
import { ApiClient, useRunningProduct } from '../support/harness';
import { apply, completeTask, waitForCompletion, waitForPublicStatus, waitForTask, walkToCertificate } from '../../scripts/lib/walk-steps';

const product = useRunningProduct();
let anonymous: ApiClient;
let applicant: ApiClient;
let reviewer1: ApiClient;
let reviewer2: ApiClient;

beforeAll(async () => {
  ({ anonymous } = product);
  [applicant, reviewer1, reviewer2] = await product.login('applicant', 'reviewer1', 'reviewer2');
});

async function record(number: string) {
  return (await anonymous.get(`/api/public/certificates/${number}`)).body;
}

async function inbox(): Promise<{ subjectEn: string; bodyEn: string }[]> {
  return (await applicant.get('/api/notifications')).body;
}

describe('certificate renewal', () => {
  it('issues a new certificate with the same subject that supersedes the old one, linked both ways', async () => {
    const { certificateNumber: old } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 });
    const tracking = await apply(applicant, { certificateNumber: old, renewalNote: 'تمدید سالانه / yearly renewal' }, 'certificate-renewal');
    await completeTask(reviewer2, await waitForTask(reviewer2, tracking, 'renewal-review'), { renewalDecision: 'approve' });
    const done = await waitForCompletion(applicant, tracking);
    expect(done).toMatchObject({ status: 'completed', outcome: 'approved' });
    const renewed = done.certificates[0].number;
    expect(renewed).not.toBe(old);

    const before = await waitForPublicStatus(anonymous, old, 'superseded');
    const after = await record(renewed);
    expect(before.replacedBy).toBe(renewed);
    expect(before.history.at(-1)).toMatchObject({ action: 'supersede', status: 'superseded', decidedBy: 'technical-reviewers' });
    expect(after).toMatchObject({ status: 'valid', replaces: old, family: before.family, subject: before.subject, holder: before.holder });
    expect((await inbox()).some((n) => n.bodyEn.includes(`Certificate ${old} was renewed. New certificate number: ${renewed}`))).toBe(true);

    // the old certificate cannot be renewed a second time; nothing is issued and the holder is told why
    const again = await apply(applicant, { certificateNumber: old }, 'certificate-renewal');
    expect(await waitForCompletion(applicant, again)).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect((await inbox()).some((n) => n.bodyEn.includes(`${old} is superseded and cannot be renewed`))).toBe(true);
  });

  it('refuses a number that is not a certificate the applicant holds, and issues nothing when the reviewer rejects', async () => {
    const unknown = await apply(applicant, { certificateNumber: 'TA-1399-999999-0' }, 'certificate-renewal');
    expect(await waitForCompletion(applicant, unknown)).toMatchObject({ outcome: 'rejected', certificates: [] });

    const { certificateNumber } = await walkToCertificate({ applicant, formalReviewer: reviewer1, technicalReviewer: reviewer2 });
    const tracking = await apply(applicant, { certificateNumber }, 'certificate-renewal');
    await completeTask(reviewer2, await waitForTask(reviewer2, tracking, 'renewal-review'), { renewalDecision: 'reject', renewalComment: 'the product changed: apply anew' });
    expect(await waitForCompletion(applicant, tracking)).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect((await record(certificateNumber)).status).toBe('valid');
  });
});

describe('paper certificate conversion', () => {
  const claim = {
    legacyNumber: 'ت/۱۳۹۸/۴۵۶۷',
    holderNationalId: '10101234567',
    productName: 'سامانه حسابداری «دفتر»',
    productVersion: '4.0',
    platform: 'desktop',
    description: 'نرم‌افزار حسابداری با گواهی کاغذی سال ۱۳۹۸. Accounting software certified on paper in 1398.',
  };

  it('issues an electronic certificate with a new unique number that records the paper one, after a reviewer matches it', async () => {
    const tracking = await apply(applicant, claim, 'paper-certificate-conversion');
    await completeTask(reviewer1, await waitForTask(reviewer1, tracking, 'paper-check'), { conversionDecision: 'confirm' });
    const done = await waitForCompletion(applicant, tracking);
    expect(done).toMatchObject({ status: 'completed', outcome: 'approved' });
    const number = done.certificates[0].number;
    expect(number).toMatch(/^TA-\d{4}-\d{6}-[0-9A-Z]$/);
    expect(await record(number)).toMatchObject({ status: 'valid', legacyNumber: claim.legacyNumber, subject: { productName: claim.productName }, holder: { nationalId: claim.holderNationalId } });
    expect((await anonymous.get(`/api/public/certificates?q=${encodeURIComponent(claim.productName)}`)).body.items[0].legacyNumber).toBe(claim.legacyNumber);
  });

  it('refuses a paper number converted before, and a claim for another company, before any review', async () => {
    const twice = await apply(applicant, claim, 'paper-certificate-conversion');
    expect(await waitForCompletion(applicant, twice)).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect((await inbox()).some((n) => n.bodyEn.includes('was already converted to'))).toBe(true);

    const other = await apply(applicant, { ...claim, legacyNumber: 'ت/۱۳۹۷/۱۱۱', holderNationalId: '14000000009' }, 'paper-certificate-conversion');
    expect(await waitForCompletion(applicant, other)).toMatchObject({ outcome: 'rejected', certificates: [] });
    expect((await inbox()).some((n) => n.bodyEn.includes('is not that of the applying organisation'))).toBe(true);
  });
});
