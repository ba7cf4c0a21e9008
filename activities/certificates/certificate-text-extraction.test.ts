/**
 * Copy, paste and search give the stored Persian: for a certificate of every family, pdftotext
 * (poppler, which sorts glyphs by position and reverses right-to-left lines) and pypdf (which
 * reads the content stream in order and ignores /ActualText) each give the holder's name exactly
 * as stored — ZWNJs, lam-alef ligatures and brackets included — and the family's Persian title;
 * pypdf also gives Persian digits in a Persian line as stored. (poppler reads a page with more
 * Latin than Persian letters left to right and puts a Persian line's digits where that reading
 * meets them; see the README, "Text extraction".)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePyPdf, pypdfPageTexts } from '../../test/support/validators/pypdf/pypdf-text';
import { inputFor } from './certificate-samples.test-helper';
import { loadAllCertificateTemplates } from './certificate-template';
import { runTool } from './pdf-tools.test-helper';
import { renderCertificatePdf } from './render-certificate-pdf';

/** Names that each fit on one line of the holder box. */
const HOLDER_NAMES = {
  'ZWNJs and brackets inside the line': 'شرکت (سهامی خاص) نرم‌افزاری پارس‌آزما',
  'lam-alef ligatures': 'سلامت اطلاعات فلات',
  'a bracket ending the line': 'اطلاعات کاوش (سهامی خاص)',
};
const NAME_WITH_DIGITS = 'سلامت ۱۴۰۵ اطلاعات ۲۳';
// poppler marks runs with bidi embedding controls
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e]/g;

const linesOf = (text: string): string[] => text.replace(BIDI_CONTROLS, '').split('\n').map((line) => line.trim());

describe('certificates - the text layer gives the stored Persian', () => {
  const templates = loadAllCertificateTemplates();
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-text-'));
    ensurePyPdf(); // on a fresh machine pip installs it first
  }, 600_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe.each(templates.map((t) => [t.key, t] as const))('%s', (key, template) => {
    describe.each(Object.entries(HOLDER_NAMES))('a holder name with %s', (kind, name) => {
      let file: string;

      beforeAll(async () => {
        file = path.join(dir, `${key}-${Object.keys(HOLDER_NAMES).indexOf(kind)}.pdf`);
        const input = { ...inputFor(template), holder: { name, nationalId: '14003456789' } };
        await fs.writeFile(file, await renderCertificatePdf(input, template));
      });

      it('pdftotext gives the name and the Persian title as stored', () => {
        const lines = linesOf(runTool('pdftotext', [file, '-']).stdout);
        expect(lines).toContain(name);
        expect(lines).toContain(template.title.fa);
      });

      it('pypdf gives the name and the Persian title as stored', () => {
        const lines = linesOf(pypdfPageTexts(file)[0]);
        expect(lines).toContain(name);
        expect(lines).toContain(template.title.fa);
      });
    });

    it('pypdf gives Persian digits in a Persian line as stored', async () => {
      const file = path.join(dir, `${key}-digits.pdf`);
      await fs.writeFile(file, await renderCertificatePdf({ ...inputFor(template), holder: { name: NAME_WITH_DIGITS, nationalId: '14003456789' } }, template));
      expect(linesOf(pypdfPageTexts(file)[0])).toContain(NAME_WITH_DIGITS);
    });
  });
});
