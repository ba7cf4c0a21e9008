import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadCertificateTemplate,
  loadCertificateTemplateForFamily,
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
