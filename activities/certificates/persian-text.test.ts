import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { visualPieces } from './bidi-runs';
import { FONT_REGULAR } from './certificate-ornaments';
import { runTool } from './pdf-tools.test-helper';
import { drawBidiLine, drawBidiParagraph, wrapBidiText } from './persian-text';

const FONT_FILE = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts/ttf/Vazirmatn-Regular.ttf');
const STYLE = { font: FONT_REGULAR, size: 14 };

function newDoc(): InstanceType<typeof PDFDocument> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  doc.registerFont(FONT_REGULAR, FONT_FILE);
  return doc;
}

interface Word {
  text: string;
  x: number;
  y: number;
}

/** Draws with `draw`, then asks poppler where each word landed (words come back in visual glyph order). */
async function drawnWords(draw: (doc: InstanceType<typeof PDFDocument>) => void): Promise<Word[]> {
  const doc = newDoc();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-bidi-'));
  try {
    const file = path.join(dir, 'text.pdf');
    await fs.writeFile(file, await done);
    const html = runTool('pdftotext', ['-bbox', file, '-']).stdout;
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      text: m[3],
    }));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const reversed = (s: string): string => [...s].reverse().join('');

function xOf(words: Word[], logical: string): number {
  const word = words.find((w) => w.text === logical || w.text === reversed(logical));
  if (!word) throw new Error(`word ${logical} not found among ${words.map((w) => w.text).join(' ')}`);
  return word.x;
}

describe('certificates - persian text', () => {
  describe('visual pieces', () => {
    it('puts a Latin code left of its Persian label in a right-to-left line', () => {
      expect(visualPieces('شماره گواهی: TA-1405-000123-7', 'rtl')).toEqual([
        { text: 'TA-1405-000123-7', rtl: false, logicalStart: 13 },
        { text: 'شماره گواهی: ', rtl: true, logicalStart: 0 },
      ]);
    });

    it('pre-reverses Persian digits, which fontkit would otherwise reverse as Arabic script', () => {
      expect(visualPieces('تاریخ ۱۴۰۵/۰۹/۰۲', 'rtl')).toEqual([
        { text: '۲۰/۹۰/۵۰۴۱', rtl: false, logicalStart: 6 },
        { text: 'تاریخ ', rtl: true, logicalStart: 0 },
      ]);
      expect(visualPieces('Windows ۱۲', 'ltr')).toEqual([
        { text: 'Windows ', rtl: false, logicalStart: 0 },
        { text: '۲۱', rtl: false, logicalStart: 8 },
      ]);
    });

    it('mirrors brackets in right-to-left runs and reverses runs of neutrals that fontkit would not', () => {
      // the drawn (mirrored) characters, and the stored ones they stand for
      expect(visualPieces('(مصوب)', 'rtl')).toEqual([{ text: ')مصوب(', rtl: true, source: '(مصوب)', logicalStart: 0 }]);
      expect(visualPieces('12 :- 34', 'rtl').map((p) => p.text)).toEqual(['34', ' -: ', '12']);
    });

    it('takes the direction from the first strong character with base auto', () => {
      expect(visualPieces('Product سپیدار', 'auto').map((p) => p.rtl)).toEqual([false, true]);
      expect(visualPieces('سپیدار Product', 'auto').map((p) => p.text)).toEqual(['Product', 'سپیدار ']);
    });
  });

  describe('drawing', () => {
    it('lays Persian words out right to left and keeps the Latin number whole on the left', async () => {
      const words = await drawnWords((doc) =>
        drawBidiLine(doc, 'شماره گواهی: TA-1405-000123-7', STYLE, { x: 50, y: 50, width: 400, base: 'rtl' }),
      );
      // poppler gives each unit drawn on its own (extractable-glyphs.ts) as a word: the colon is one
      expect(xOf(words, 'TA-1405-000123-7')).toBeLessThan(xOf(words, 'گواهی'));
      expect(xOf(words, 'گواهی')).toBeLessThan(xOf(words, 'شماره'));
    });

    it('right-aligns right-to-left text in its box', async () => {
      const words = await drawnWords((doc) => drawBidiLine(doc, 'سازمان فناوری', STYLE, { x: 50, y: 50, width: 400, base: 'rtl' }));
      const rightmost = Math.max(...words.map((w) => w.x));
      expect(rightmost).toBeGreaterThan(350);
      expect(xOf(words, 'سازمان')).toBe(rightmost);
    });

    it('wraps a Persian paragraph within the width, reading right to left on every line', async () => {
      const text = 'بدین‌وسیله گواهی می‌شود نرم‌افزار مشخص‌شده در این گواهی مورد ارزیابی فنی قرار گرفته و تأیید شده است';
      const doc = newDoc();
      const lines = wrapBidiText(doc, text, STYLE, 200, 'rtl');
      expect(lines.length).toBeGreaterThan(2);
      expect(lines.join(' ')).toBe(text);
      const words = await drawnWords((d) => drawBidiParagraph(d, text, STYLE, { x: 50, y: 50, width: 200, lineHeight: 24, base: 'rtl' }));
      expect(Math.min(...words.map((w) => w.x))).toBeGreaterThanOrEqual(49);
      expect(xOf(words, 'گواهی')).toBeLessThan(xOf(words, 'بدین'));
    });

    it('keeps a number that starts a wrapped line in order with the Latin words after it', async () => {
      const words = await drawnWords((doc) =>
        drawBidiParagraph(doc, 'Windows Server 2019 / Linux x64', STYLE, { x: 50, y: 50, width: 110, lineHeight: 24, base: 'rtl' }),
      );
      const secondLine = words.filter((w) => w.y > 60);
      expect(secondLine.map((w) => w.text)).toEqual(['2019', '/', 'Linux', 'x64']);
    });

    it('breaks a URL that is wider than the line between characters', () => {
      const doc = newDoc();
      const url = 'https://verify.ito.gov.ir/certificates/TA-1405-000123-7?lang=fa';
      const lines = wrapBidiText(doc, url, { ...STYLE, size: 9 }, 120, 'ltr');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('')).toBe(url);
    });
  });
});
