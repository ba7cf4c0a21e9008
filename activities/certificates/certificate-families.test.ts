/**
 * Every certificate family, rendered from its template with the longest values it may
 * realistically carry, signed, and judged by poppler: one A4 page, its Persian and English texts
 * (scope lists included) in the text layer, a signature pdfsig accepts and trusts, a QR code that
 * decodes to the verification URL and a signed payload that verifies offline with the family's
 * signer, and the short record hash. Page 1 of each family is kept in
 * test-artifacts/certificates/<key>.png for a look.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CertificateSubject } from './certificate-subject';
import { printedValues } from './certificate-subject';
import { CertificateTemplate, loadAllCertificateTemplates, validateCertificateTemplate } from './certificate-template';
import { readOfflinePayload } from './offline-qr';
import { certificateQrText } from './offline-qr/sign-payload';
import { nssDatabaseTrusting, pageQrText, pdfsig, runTool } from './pdf-tools.test-helper';
import { ensureDemoPki, Pki } from './pki';
import { recordSha256, shortRecordHash } from './record-hash';
import { renderCertificatePdf } from './render-certificate-pdf';
import { EXPIRES, HOLDER, inputFor, ISSUED, SUBJECTS } from './certificate-samples.test-helper';
import { signPdf } from './sign-pdf';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/certificates');

/**
 * Words to compare the text layer with: poppler drops ZWNJ, wraps runs in bidi embeddings, gives
 * the lam-alef ligature as alef + lam, and the issuer's English is set in capitals.
 */
const JOINERS = /[\u200b-\u200d]/g;
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const PUNCTUATION = /[()«»،؛.:;,/"“”'’!?[\]{}•·…]/g;
const words = (text: string): string[] =>
  text
    .normalize('NFKC')
    .replace(JOINERS, '')
    .replace(BIDI_CONTROLS, ' ')
    .replace(/لا/g, 'ال')
    .replace(PUNCTUATION, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);

describe('certificates - one template per family, rendered, signed and judged by poppler', () => {
  const templates = loadAllCertificateTemplates();
  let dir: string;
  let pki: Pki;
  let nssDir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-families-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase');
    nssDir = await nssDatabaseTrusting(path.join(dir, 'nss'), pki.rootCertPem);
    await fs.mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('has sample values for every template here', () => {
    expect(Object.keys(SUBJECTS).sort()).toEqual(templates.map((t) => t.key));
  });

  describe.each(templates.map((t) => [t.key, t] as const))('%s', (key, template) => {
    const input = inputFor(template);
    let file: string;
    let raw: string;
    let text: Set<string>;

    let qrText: string;

    beforeAll(async () => {
      const signer = await pki.signerFor(template.family);
      qrText = certificateQrText(input, { key: template.key, code: template.family }, signer);
      const signed = await signPdf(await renderCertificatePdf({ ...input, qrText }, template), signer, null);
      file = path.join(dir, `${key}.pdf`);
      await fs.writeFile(file, signed);
      raw = runTool('pdftotext', [file, '-']).stdout;
      text = new Set(words(raw));
    });

    // In right-to-left text, hyphen-separated Persian numbers (a clause 2-2-1-14) run right to left
    // (UAX #9: a hyphen between Arabic-script numbers is neutral); poppler gives them as drawn.
    const drawn = (w: string) => (/^[۰-۹]+(-[۰-۹]+)+$/.test(w) ? w.split('-').reverse().join('-') : w);
    const expectWords = (source: string) => {
      const missing = words(source).filter((w) => !text.has(w) && !text.has(drawn(w)));
      expect({ source, missing }).toEqual({ source, missing: [] });
    };

    it('is one A4 page', () => {
      const info = runTool('pdfinfo', [file]).stdout;
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    });

    it('carries a signature pdfsig finds valid and trusted', () => {
      const report = pdfsig(file, nssDir);
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Certificate is Trusted.');
    });

    it('prints the family texts in Persian and English', () => {
      for (const part of [template.title, template.issuer, template.statement, template.legalBasis]) {
        expectWords(part.fa);
        expectWords(part.en);
      }
      for (const label of [template.labels.holder, template.labels.issueDate, template.labels.expiryDate, template.labels.recordHash]) {
        expectWords(label.fa);
        expectWords(label.en);
      }
    });

    it('prints the holder, every subject field with its label and every scope item, in both languages', () => {
      expectWords(HOLDER.name);
      expect(text.has(HOLDER.nationalId)).toBe(true);
      expect(text.has('۱۴۰۰۳۴۵۶۷۸۹')).toBe(true);
      for (const value of printedValues(template, input.subject)) {
        expectWords(value.field.label.fa);
        expectWords(value.field.label.en);
        // a page-wide description is cut to its lines: its start is enough
        const items = value.field.width === 'page' ? [value.fa[0].split(' ').slice(0, 12).join(' ')] : [...value.fa, ...value.en];
        for (const item of items) expectWords(item);
      }
    });

    it('prints the number, both calendars, the verification URL and the short record hash', () => {
      const hash = shortRecordHash(recordSha256({ number: input.number, family: template.key, holder: HOLDER, subject: input.subject, issuedAt: ISSUED, expiresAt: EXPIRES }));
      for (const expected of [input.number, '2026-11-23', '2027-11-22', '۱۴۰۵/۰۹/۰۲', '۱۴۰۶/۰۹/۰۱', input.verifyUrl, hash]) {
        // a long URL may wrap in the footer
        expect(raw.replace(/\s+/g, '')).toContain(expected);
      }
    });

    it('renders page 1 to PNG, with a QR code that holds the verification URL and a payload the family signer verifies offline', async () => {
      const prefix = path.join(ARTIFACTS, key);
      expect(runTool('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, prefix]).status).toBe(0);
      expect((await fs.stat(`${prefix}.png`)).size).toBeGreaterThan(10_000);
      const scanned = pageQrText(file, path.join(dir, `${key}-300dpi`));
      expect(scanned).toBe(qrText);
      expect(scanned.startsWith(`${input.verifyUrl}#`)).toBe(true);
      const reading = await readOfflinePayload(scanned, [(await pki.signerFor(template.family)).certPem]);
      expect(reading).toMatchObject({ valid: true, problem: null, claims: { number: input.number, familyCode: template.family, holder: HOLDER } });
    });
  });

  describe('what a family does not grant is not printed', () => {
    it('leaves out scope items and enum values that were not chosen', async () => {
      const byKey = new Map(templates.map((t) => [t.key, t]));
      const auditBody = byKey.get('data-centre-audit-body-qualification')!;
      const product = byKey.get('afta-product-security-certificate')!;
      const auditText = words(runTool('pdftotext', [await writeRendered(auditBody, { auditAreas: ['physical-infrastructure', 'management'] }), '-']).stdout);
      expect(auditText).toContain('management');
      expect(auditText).not.toContain('energy');
      const productText = words(runTool('pdftotext', [await writeRendered(product), '-']).stdout);
      expect(productText).toContain('imported');
      expect(productText).not.toContain('domestic');
    });

    async function writeRendered(template: CertificateTemplate, subject?: CertificateSubject): Promise<string> {
      const file = path.join(dir, `${template.key}-unsigned.pdf`);
      await fs.writeFile(file, await renderCertificatePdf(inputFor(template, subject), template));
      return file;
    }
  });

  describe('refusals', () => {
    const licence = () => templates.find((t) => t.key === 'afta-security-services-licence')!;

    it('refuses a subject without a required variable, naming it', async () => {
      await expect(renderCertificatePdf(inputFor(licence(), {}), licence())).rejects.toThrow(
        'subject of afta-security-services-licence: variable "activityCategories" is required',
      );
      const product = templates.find((t) => t.key === 'afta-product-security-certificate')!;
      const { productOrigin: _origin, ...withoutOrigin } = SUBJECTS[product.key];
      await expect(renderCertificatePdf(inputFor(product, withoutOrigin), product)).rejects.toThrow(/variable "productOrigin" is required/);
    });

    it('refuses scope items the template does not know and keys that are not its fields', async () => {
      await expect(renderCertificatePdf(inputFor(licence(), { activityCategories: ['espionage'] }), licence())).rejects.toThrow(
        /variable "activityCategories" has unknown item "espionage"/,
      );
      await expect(renderCertificatePdf(inputFor(licence(), { ...SUBJECTS[licence().key], productName: 'x' }), licence())).rejects.toThrow(
        /"productName" is not a field of the template/,
      );
    });

    it('refuses a page it cannot fit rather than spilling onto a second one', async () => {
      const label = { fa: 'زمینه فعالیت بسیار طولانی برای آزمودن جای صفحه', en: 'A very long activity category to test the room on the page' };
      const options = Array.from({ length: 40 }, (_, i) => ({ value: `item-${i}`, label }));
      const crowded = validateCertificateTemplate({ ...licence(), fields: [{ variable: 'items', label, kind: 'list', required: true, options }] });
      await expect(renderCertificatePdf(inputFor(crowded, { items: options.map((o) => o.value) }), crowded)).rejects.toThrow(
        'the certificate text does not fit on one page',
      );
    });
  });
});
