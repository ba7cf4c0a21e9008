import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadAllCertificateTemplates,
  loadCertificateTemplate,
  loadCertificateTemplateForFamily,
  TemplateShapeError,
  validateCertificateTemplate,
} from './certificate-template';

describe('certificates - certificate template', () => {
  it('loads the software technical approval template with its bilingual title, issuer and 24-month validity', () => {
    const template = loadCertificateTemplate('software-technical-approval');
    expect(template.family).toBe('TA');
    expect(template.title).toEqual({ fa: 'گواهی تأیید فنی نرم‌افزار', en: 'Software Technical Approval Certificate' });
    expect(template.issuer).toEqual({ fa: 'سازمان فناوری اطلاعات ایران', en: 'Information Technology Organization of Iran' });
    expect(template.legalBasis.fa).toContain('۱۳۷۹');
    expect(template.legalBasis.en).toMatch(/Articles 2 and 17/);
    expect(template.validityMonths).toBe(24);
  });

  it('finds a template by its certificate-number family code', () => {
    expect(loadCertificateTemplateForFamily('TA').key).toBe('software-technical-approval');
    expect(() => loadCertificateTemplateForFamily('ZZ')).toThrow(/no certificate template for family "ZZ"/);
  });

  it('names the unknown key and the known ones when a template does not exist', () => {
    expect(() => loadCertificateTemplate('cloud-services')).toThrow(/unknown certificate template "cloud-services"; known: .*software-technical-approval/);
    expect(() => loadCertificateTemplate('../package')).toThrow(/kebab-case/);
  });

  it('lists every shape problem of a bad template', () => {
    const good = loadCertificateTemplate('software-technical-approval');
    const bad = { ...good, family: 'ta', validityMonths: 0, title: { fa: 'x' }, labels: { ...good.labels, holder: undefined } };
    expect(() => validateCertificateTemplate(bad, 'bad.json')).toThrow(
      'certificate template bad.json is invalid: family must be 2-4 uppercase letters; title.en must be a non-empty string; validityMonths must be an integer from 1 to 120; labels.holder must be an object with fa and en',
    );
    expect(() => validateCertificateTemplate([], 'list.json')).toThrow(/top level must be an object/);
  });

  it('rejects a file that is not JSON or whose key does not match its name', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-templates-'));
    try {
      await fs.writeFile(path.join(dir, 'broken.json'), '{ nope');
      const good = loadCertificateTemplate('software-technical-approval');
      await fs.writeFile(path.join(dir, 'renamed.json'), JSON.stringify(good));
      expect(() => loadCertificateTemplate('broken', dir)).toThrow(/not valid JSON/);
      expect(() => loadCertificateTemplate('renamed', dir)).toThrow(/file is named renamed.json/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('certificates - every family as a template', () => {
  const templates = loadAllCertificateTemplates();
  const byKey = new Map(templates.map((t) => [t.key, t]));

  it('has one valid template per family the product issues, with distinct two-letter codes', () => {
    expect(templates.map((t) => [t.key, t.family])).toEqual([
      ['afta-product-security-certificate', 'AP'],
      ['afta-security-services-licence', 'AL'],
      ['cloud-provider-profile', 'CP'],
      ['data-centre-audit-body-qualification', 'DA'],
      ['data-centre-grading', 'DG'],
      ['evaluation-lab-licence', 'EL'],
      ['software-authenticity', 'SA'],
      ['software-technical-approval', 'TA'],
    ]);
    for (const template of templates) expect(loadCertificateTemplateForFamily(template.family).key).toBe(template.key);
  });

  it('uses the names and legal bases of the domain digests', () => {
    const title = (key: string) => byKey.get(key)!.title.fa;
    expect(title('software-authenticity')).toBe('گواهی سلامت و احراز اصالت نرم‌افزار');
    expect(byKey.get('software-authenticity')!.legalBasis.fa).toContain('مواد ۲۰ تا ۲۲ قانون ارتقای سلامت نظام اداری و مقابله با فساد');
    expect(title('afta-security-services-licence')).toContain('پروانه فعالیت خدمات امنیت فضای تولید و تبادل اطلاعات');
    expect(title('afta-product-security-certificate')).toBe('گواهی ارزیابی امنیتی محصولات فاوا');
    expect(title('cloud-provider-profile')).toBe('شناسنامه ارائه‌دهنده خدمات ابری');
    expect(byKey.get('cloud-provider-profile')!.legalBasis.en).toContain('clause 2-2-1-14 of the National Information Network master plan');
    expect(title('data-centre-grading')).toBe('گواهی رتبه‌بندی ارائه‌دهنده خدمات مراکز داده');
    expect(title('data-centre-audit-body-qualification')).toBe('گواهی صلاحیت نهادهای ارائه‌دهنده خدمات ممیزی مراکز داده');
    for (const key of ['data-centre-grading', 'data-centre-audit-body-qualification']) {
      expect(byKey.get(key)!.legalBasis.fa).toContain('مصوبه شماره ۳ جلسه شماره ۲۴۷ کمیسیون تنظیم مقررات');
    }
  });

  it('grants the eleven AFTA activity categories, the four data-centre criteria groups and the cloud services as lists', () => {
    const options = (key: string, variable: string) => byKey.get(key)!.fields.find((f) => f.variable === variable)!.options!.map((o) => o.value);
    expect(options('afta-security-services-licence', 'activityCategories')).toHaveLength(11);
    expect(options('data-centre-audit-body-qualification', 'auditAreas')).toEqual(['physical-infrastructure', 'it-infrastructure', 'management', 'energy-environment']);
    // a grading prints its result in each of the four groups
    expect(byKey.get('data-centre-grading')!.fields.filter((f) => f.kind === 'score').map((f) => [f.variable, f.required])).toEqual([
      ['physicalScore', true], ['itScore', true], ['managementScore', true], ['energyScore', true],
    ]);
    expect(options('cloud-provider-profile', 'cloudServices')).toEqual(['iaas', 'kaas', 'staas', 'dns', 'bare-metal', 'colocation', 'baas']);
    expect(options('evaluation-lab-licence', 'labScopes')).toEqual(['afta-product-evaluation', 'cloud-service-evaluation']);
    expect(byKey.get('data-centre-grading')!.fields.find((f) => f.variable === 'grade')).toMatchObject({ kind: 'grade', required: true });
  });

  it('keeps the technical approval subject the portal has always stored', () => {
    const fields = byKey.get('software-technical-approval')!.fields;
    expect(fields.map((f) => [f.variable, f.kind, f.required])).toEqual([
      ['productName', 'text', true],
      ['productVersion', 'version', true],
      ['platform', 'enum', true],
      ['description', 'text', false],
    ]);
  });
});

describe('certificates - a broken template is refused with every problem named', () => {
  const good = loadCertificateTemplate('software-technical-approval');
  const withFields = (fields: unknown[]) => ({ ...good, fields });
  const problemsOf = (data: unknown): string[] => {
    try {
      validateCertificateTemplate(data, 'broken.json');
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateShapeError);
      return (err as TemplateShapeError).problems;
    }
    throw new Error('the template was accepted');
  };
  const label = { fa: 'برچسب', en: 'Label' };

  it('names an unknown field kind and lists the known ones', () => {
    expect(problemsOf(withFields([{ variable: 'size', label, kind: 'number', required: true }]))).toEqual([
      'fields[0] (size).kind must be one of "text", "version", "enum", "list", "grade", "score", got "number"',
    ]);
  });

  it('names a field without a label, or with half of one', () => {
    expect(problemsOf(withFields([{ variable: 'productName', kind: 'text', required: true }, { variable: 'other', label: { fa: 'x' }, kind: 'text', required: false }]))).toEqual([
      'fields[0] (productName).label must be an object with fa and en',
      'fields[1] (other).label.en must be a non-empty string',
    ]);
  });

  it('names a variable used twice', () => {
    const field = { variable: 'productName', label, kind: 'text', required: true };
    expect(problemsOf(withFields([field, { ...field, kind: 'version' }]))).toEqual(['fields[1] (productName): variable "productName" is used twice (also fields[0])']);
  });

  it('needs options for enums and lists, each value once, and no options on text', () => {
    expect(
      problemsOf(
        withFields([
          { variable: 'a', label, kind: 'enum', required: true },
          { variable: 'b', label, kind: 'list', required: true, options: [{ value: 'x', label }, { value: 'x', label }, { value: 'y' }] },
          { variable: 'c', label, kind: 'text', required: true, options: [{ value: 'x', label }] },
        ]),
      ),
    ).toEqual([
      'fields[0] (a).options must be a non-empty list of { value, label }',
      'fields[1] (b).options[1].value "x" is listed twice',
      'fields[1] (b).options[2].label must be an object with fa and en',
      'fields[2] (c).options is only for enum, list and grade fields',
    ]);
  });

  it('checks widths, line and length limits, required, names, typos and an empty field list', () => {
    expect(
      problemsOf(
        withFields([
          { variable: 'scope', label, kind: 'list', required: true, width: 'half', maxLines: 2, options: [{ value: 'x', label }] },
          { variable: 'v', label, kind: 'version', required: 'yes', width: 'page', maxLines: 9 },
          { variable: '2nd', label, kind: 'text', required: false, maxLength: 0, lable: label },
        ]),
      ),
    ).toEqual([
      'fields[0] (scope).width "half" is not for lists: a list takes the whole column',
      'fields[0] (scope).maxLines is only for fields of width "page"',
      'fields[1] (v).required must be true or false',
      'fields[1] (v).width "page" is only for text fields',
      'fields[1] (v).maxLines must be an integer from 1 to 6',
      'fields[2] (2nd) has an unknown property "lable" (known: variable, label, kind, required, maxLength, options, width, maxLines)',
      'fields[2].variable must be a process variable name (a letter, then letters, digits or _), got "2nd"',
      'fields[2] (2nd).maxLength must be an integer from 1 to 4000',
    ]);
    expect(problemsOf(withFields([]))).toEqual(['fields must be a non-empty list of subject fields']);
    expect(problemsOf({ ...good, titel: good.title })).toEqual([expect.stringMatching(/^has an unknown property "titel"/)]);
    const { recordHash: _dropped, ...labels } = good.labels;
    expect(problemsOf({ ...good, labels })).toEqual(['labels.recordHash must be an object with fa and en']);
  });

  it('refuses two templates with one family code', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-templates-'));
    try {
      await fs.writeFile(path.join(dir, 'one.json'), JSON.stringify({ ...good, key: 'one' }));
      await fs.writeFile(path.join(dir, 'two.json'), JSON.stringify({ ...good, key: 'two' }));
      expect(() => loadAllCertificateTemplates(dir)).toThrow('certificate templates one and two both use family code TA');
      expect(() => loadCertificateTemplateForFamily('TA', dir)).toThrow(/both use family code TA/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
