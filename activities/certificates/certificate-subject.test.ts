import { loadCertificateTemplate } from './certificate-template';
import { describeProblems, printedValues, publicSubjectFields, readSubject } from './certificate-subject';

const technicalApproval = loadCertificateTemplate('software-technical-approval');
const aftaLicence = loadCertificateTemplate('afta-security-services-licence');
const grading = loadCertificateTemplate('data-centre-grading');

describe('certificates - the subject read from process variables by the template', () => {
  it('reads exactly the template fields, trimmed, and leaves out optional ones that are absent or empty', () => {
    const variables = { productName: '  سامانه اسناد  ', productVersion: '2.1.0', platform: 'web', description: '', ownerCompany: 'x', applicant: 'applicant' };
    expect(readSubject(technicalApproval, variables)).toEqual({ ok: true, subject: { productName: 'سامانه اسناد', productVersion: '2.1.0', platform: 'web' } });
  });

  it('names every missing required variable', () => {
    const reading = readSubject(technicalApproval, { productName: 'x', platform: '   ' });
    expect(reading).toEqual({
      ok: false,
      problems: [
        { variable: 'productVersion', kind: 'missing', message: 'is required' },
        { variable: 'platform', kind: 'missing', message: 'is required' },
      ],
    });
    expect(!reading.ok && describeProblems(reading.problems)).toBe('variable "productVersion" is required; variable "platform" is required');
  });

  it('refuses a value outside an enum, naming the allowed ones, and text longer than its field', () => {
    const reading = readSubject(technicalApproval, { productName: 'x'.repeat(201), productVersion: '1', platform: 'mainframe' });
    expect(!reading.ok && reading.problems).toEqual([
      { variable: 'productName', kind: 'invalid', message: 'must be at most 200 characters (got 201)' },
      { variable: 'platform', kind: 'invalid', message: 'must be one of web, desktop, mobile, server, embedded (got "mainframe")' },
    ]);
    // characters, not UTF-16 units: 200 emoji (400 units) are 200 characters
    expect(readSubject(technicalApproval, { productName: '😀'.repeat(200), productVersion: '1', platform: 'web' }).ok).toBe(true);
  });

  it('stores a scope once per item, in the template order, and refuses unknown items or an empty required list', () => {
    expect(readSubject(aftaLicence, { activityCategories: ['security-training', 'hardening', 'security-training'] })).toEqual({
      ok: true,
      subject: { activityCategories: ['hardening', 'security-training'] },
    });
    expect(readSubject(aftaLicence, { activityCategories: 'bug-bounty' })).toEqual({ ok: true, subject: { activityCategories: ['bug-bounty'] } });
    expect(readSubject(aftaLicence, { activityCategories: ['hacking', 'hardening', 'spying'] })).toMatchObject({
      ok: false,
      problems: [{ variable: 'activityCategories', kind: 'invalid', message: expect.stringMatching(/^has unknown items "hacking", "spying" \(allowed: security-testing, hardening, /) }],
    });
    expect(readSubject(aftaLicence, { activityCategories: [] })).toMatchObject({ ok: false, problems: [{ variable: 'activityCategories', kind: 'missing' }] });
    expect(readSubject(aftaLicence, { activityCategories: [1, 2] })).toMatchObject({ ok: false, problems: [{ message: 'must be a list of option values' }] });
  });

  it('takes a free grade as text (a number from a decision too) within its length', () => {
    const base = { dataCentreName: 'مرکز داده', physicalScore: '90', itScore: '80', managementScore: '70', energyScore: '60' };
    expect(readSubject(grading, { ...base, grade: 3 })).toEqual({ ok: true, subject: { ...base, grade: '3' } });
    expect(readSubject(grading, { ...base, grade: 'x'.repeat(21) })).toMatchObject({ ok: false, problems: [{ variable: 'grade', kind: 'invalid' }] });
    expect(readSubject(grading, { ...base, grade: { level: 3 } })).toMatchObject({ ok: false, problems: [{ variable: 'grade', message: 'must be text' }] });
  });

  it('puts values into words per language: option labels for enums and lists, Persian digits for a free grade', () => {
    expect(printedValues(technicalApproval, { productName: 'Docs', productVersion: '2.1.0', platform: 'server' }).map(({ field, fa, en }) => [field.variable, fa, en])).toEqual([
      ['productName', ['Docs'], ['Docs']],
      ['productVersion', ['2.1.0'], ['2.1.0']],
      ['platform', ['سرور'], ['Server']],
    ]);
    const printed = printedValues(grading, { dataCentreName: 'DC', grade: '3', physicalScore: '87.5' });
    expect(printed.find((v) => v.field.variable === 'grade')).toMatchObject({ fa: ['۳'], en: ['3'] });
    expect(printed.find((v) => v.field.variable === 'physicalScore')).toMatchObject({ fa: ['۸۷٫۵ از ۱۰۰'], en: ['87.5 / 100'] });
    const areas = printedValues(loadCertificateTemplate('data-centre-audit-body-qualification'), { auditAreas: ['physical-infrastructure', 'management'] });
    expect(areas[0]).toMatchObject({ fa: ['زیرساخت فیزیکی', 'مدیریت'], en: ['Physical infrastructure', 'Management'] });
  });

  it('takes a score from 0 to 100 as a number or numeric text, to one decimal', () => {
    const base = { dataCentreName: 'مرکز داده', grade: '2', itScore: '80', managementScore: 70, energyScore: 0 };
    expect(readSubject(grading, { ...base, physicalScore: 87.46 })).toEqual({ ok: true, subject: { ...base, physicalScore: '87.5', managementScore: '70', energyScore: '0' } });
    for (const bad of [100.1, -1, 'high', Number.NaN]) {
      expect(readSubject(grading, { ...base, physicalScore: bad })).toMatchObject({ ok: false, problems: [{ variable: 'physicalScore', message: 'must be a score from 0 to 100' }] });
    }
  });

  it('describes the subject keys for the public record: label, kind and option labels', () => {
    const fields = publicSubjectFields(technicalApproval);
    expect(fields.map((f) => f.key)).toEqual(['productName', 'productVersion', 'platform', 'description']);
    expect(fields[2]).toEqual({
      key: 'platform',
      kind: 'enum',
      label: { fa: 'بستر اجرا', en: 'Platform' },
      options: { web: { fa: 'وب', en: 'Web' }, desktop: { fa: 'دسکتاپ', en: 'Desktop' }, mobile: { fa: 'موبایل', en: 'Mobile' }, server: { fa: 'سرور', en: 'Server' }, embedded: { fa: 'نهفته', en: 'Embedded' } },
    });
    expect(fields[0]).not.toHaveProperty('options');
  });
});
