/**
 * The archival form of every family's certificate, judged by independent tools: veraPDF says the
 * signed file is PDF/A-3b; pdfsig still finds the signature valid over the whole file; the
 * signature has a visible appearance (the seal, with the family code) where its widget says;
 * pdftotext gives a holder's name with a ZWNJ and brackets as stored; a title with `&` or `<`
 * keeps it PDF/A (its XMP escaped, its Info as written); the emblem is the image
 * file an administrator can replace, and a missing one stops rendering with its name.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { ensureVeraPdf } from '../../test/support/validators/verapdf/ensure-verapdf';
import { validatePdfA } from '../../test/support/validators/verapdf/validate-pdfa';
import { DEFAULT_EMBLEM_FILE } from './certificate-emblem';
import { inputFor } from './certificate-samples.test-helper';
import { SEAL_BOX, SEAL_WORDS } from './certificate-seal';
import { loadAllCertificateTemplates } from './certificate-template';
import { pdfsig, runTool } from './pdf-tools.test-helper';
import { ensureDemoPki, Pki } from './pki';
import { renderCertificatePdf } from './render-certificate-pdf';
import { signPdf } from './sign-pdf';
import { certificateQrText } from './offline-qr/sign-payload';
import { pkiTimeStamper } from './timestamp';

const PAGE_HEIGHT = 841.89;

/** A name with ZWNJs and brackets (certificate-text-extraction.test.ts checks more, with pypdf too). */
const NAME_WITH_ZWNJ_AND_BRACKETS = 'شرکت (سهامی خاص) نرم‌افزاری پارس‌آزما';
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e]/g;

/** pdfimages -list rows as "width x height". */
function imageSizes(file: string): string[] {
  return runTool('pdfimages', ['-list', file]).stdout.split('\n').slice(2).filter(Boolean).map((row) => {
    const [, , , width, height] = row.trim().split(/\s+/);
    return `${width}x${height}`;
  });
}

describe('certificates - PDF/A-3b, the seal and the emblem file', () => {
  const templates = loadAllCertificateTemplates();
  let dir: string;
  let pki: Pki;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-pdfa-'));
    pki = await ensureDemoPki(path.join(dir, 'pki'), 'test-passphrase');
    ensureVeraPdf(); // on a fresh machine Maven fetches veraPDF first
  }, 600_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  describe.each(templates.map((t) => [t.key, t] as const))('%s', (key, template) => {
    let file: string;
    let pdf: Buffer;

    beforeAll(async () => {
      // as issued: the QR's signed payload and a signature time-stamp (PDF/A must hold for both)
      const input = inputFor(template);
      const signer = await pki.signerFor(template.family);
      const qrText = certificateQrText(input, { key: template.key, code: template.family }, signer);
      pdf = await signPdf(await renderCertificatePdf({ ...input, qrText }, template), signer, pkiTimeStamper(pki));
      file = path.join(dir, `${key}.pdf`);
      await fs.writeFile(file, pdf);
    });

    it('is PDF/A-3b by veraPDF', async () => {
      expect(await validatePdfA(file)).toEqual({ compliant: true, failures: [] });
    }, 120_000);

    it('keeps a valid signature over the whole file (pdfsig)', () => {
      const report = pdfsig(file);
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Total document signed');
    });

    it('shows the signature as the seal: a printed widget over the seal, with an appearance naming the family', () => {
      const text = pdf.toString('latin1');
      const rect = [SEAL_BOX.x, PAGE_HEIGHT - SEAL_BOX.y - SEAL_BOX.height, SEAL_BOX.x + SEAL_BOX.width, PAGE_HEIGHT - SEAL_BOX.y];
      const widget = /\/Subtype \/Widget\s*\/FT \/Sig\s*\/Rect \[([^\]]+)\]\s*\/AP <<\s*\/N (\d+) 0 R/.exec(text);
      expect(widget).not.toBeNull();
      expect(widget![1].trim().split(/\s+/).map(Number)).toEqual(rect.map((n) => expect.closeTo(n, 2)));
      expect(text).toMatch(new RegExp(`${widget![2]} 0 obj\\s*<<\\s*/Type /XObject\\s*/Subtype /Form`));
      // poppler wraps runs in bidi embedding controls
      const shown = runTool('pdftotext', [file, '-']).stdout.replace(/[\u200e\u200f\u202a-\u202e]/g, ' ');
      expect(shown).toContain(SEAL_WORDS.en);
      expect(shown.split(/\s+/)).toContain(template.family);
    });
  });

  describe.each(templates.map((t) => [t.key, t] as const))('%s, its text layer', (key, template) => {
    it('gives pdftotext the holder name as stored, ZWNJ and brackets included', async () => {
      const input = { ...inputFor(template), holder: { name: NAME_WITH_ZWNJ_AND_BRACKETS, nationalId: '14003456789' } };
      const file = path.join(dir, `${key}-text.pdf`);
      await fs.writeFile(file, await renderCertificatePdf(input, template));
      const lines = runTool('pdftotext', [file, '-']).stdout.replace(BIDI_CONTROLS, '').split('\n');
      expect(lines).toContain(NAME_WITH_ZWNJ_AND_BRACKETS);
    });
  });

  it('stays PDF/A-3b when a template\'s title and issuer carry XML\'s special characters, which the Info dictionary keeps as written', async () => {
    const base = templates.find((t) => t.key === 'software-technical-approval')!;
    const template = {
      ...base,
      title: { fa: `${base.title.fa} & <آزمایشی>`, en: 'Research & Development <Pilot> Approval' },
      issuer: { ...base.issuer, en: 'R&D Office <Test>' },
    };
    const file = path.join(dir, 'xml-special.pdf');
    await fs.writeFile(file, await signPdf(await renderCertificatePdf(inputFor(template), template), await pki.signerFor(template.family), null));
    expect(await validatePdfA(file)).toEqual({ compliant: true, failures: [] });
    const info = runTool('pdfinfo', [file]).stdout;
    expect(info).toMatch(/Title:\s+Research & Development <Pilot> Approval /);
    expect(info).toMatch(/Author:\s+R&D Office <Test>/);
  }, 120_000);

  describe('the emblem file', () => {
    const template = () => templates.find((t) => t.key === 'software-technical-approval')!;

    async function renderTo(name: string, emblemFile?: string): Promise<string> {
      const file = path.join(dir, name);
      await fs.writeFile(file, await renderCertificatePdf(inputFor(template()), template(), { emblemFile }));
      return file;
    }

    it('prints the emblem file, and a replacement file instead of it', async () => {
      const emblem = await fs.readFile(DEFAULT_EMBLEM_FILE);
      const [width, height] = [emblem.readUInt32BE(16), emblem.readUInt32BE(20)]; // the PNG's IHDR
      expect(imageSizes(await renderTo('default-emblem.pdf'))).toContain(`${width}x${height}`);

      // Any PNG will do as a replacement: a 21x21 one (a QR code of one pixel per module, no margin).
      const replacementFile = path.join(dir, 'replacement-emblem.png');
      await fs.writeFile(replacementFile, await QRCode.toBuffer('emblem', { type: 'png', version: 1, margin: 0, scale: 1 }));
      const sizes = imageSizes(await renderTo('replaced-emblem.pdf', replacementFile));
      expect(sizes).toContain('21x21');
      expect(sizes).not.toContain(`${width}x${height}`);
    });

    it('refuses to render without a readable emblem, naming the file', async () => {
      const missing = path.join(dir, 'no-such-emblem.png');
      await expect(renderTo('missing.pdf', missing)).rejects.toThrow(`certificate emblem ${missing} cannot be read`);
      const notImage = path.join(dir, 'emblem.txt');
      await fs.writeFile(notImage, 'not an image');
      await expect(renderTo('not-image.pdf', notImage)).rejects.toThrow(`certificate emblem ${notImage} is not a PNG or JPEG image`);
    });
  });
});
