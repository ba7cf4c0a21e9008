/**
 * The seal: the signature's visible appearance. Drawn from the template (the family code, the
 * issuer in Persian and English, "signed electronically" in both), as the widget's appearance
 * stream; the widget's /Rect is SEAL_BOX, beside the certificate number.
 *
 * It sits beside the number box rather than in the rosette at the middle of the page: that spot
 * is the gap between the two text columns (28 pt), and a seal legible there would cover text.
 */
import type PDFDocument from 'pdfkit';
import type { CertificateTemplate } from './certificate-template';
import { COLOURS, FONT_BOLD, FONT_REGULAR } from './certificate-ornaments';
import { drawBidiLine, drawBidiParagraph, measureBidiLine, TextStyle, wrapBidiText } from './persian-text';

type Doc = InstanceType<typeof PDFDocument>;

const RADIUS = 37;
// Below the English title (at most 13.5 pt from y 203) and above the body (from y 296 at the tightest spacing).
const CENTRE = { x: 104, y: 259 };

/** The seal's square, in pdfkit's (top-left) page coordinates. */
export const SEAL_BOX = { x: CENTRE.x - RADIUS, y: CENTRE.y - RADIUS, width: 2 * RADIUS, height: 2 * RADIUS };

export const SEAL_WORDS = { fa: 'امضای الکترونیکی', en: 'SIGNED ELECTRONICALLY' } as const;

const { navy: NAVY, gold: GOLD, tint: TINT } = COLOURS;

/** The largest size up to `max` at which `text` fits `width` on one line. */
function sizeToFit(doc: Doc, text: string, font: string, max: number, width: number): number {
  const natural = measureBidiLine(doc, text, { font, size: max });
  return natural <= width ? max : Math.floor((max * width * 10) / natural) / 10;
}

function centredLine(doc: Doc, text: string, style: TextStyle, y: number, width: number): void {
  drawBidiLine(doc, text, style, { x: CENTRE.x - width / 2, y, width, align: 'center' });
}

/** Draws the seal in page coordinates (signature-placeholder.ts moves it into the appearance stream). */
export function drawSeal(doc: Doc, template: CertificateTemplate): void {
  const { x: cx, y: cy } = CENTRE;
  doc.save();
  doc.lineWidth(1.5).strokeColor(NAVY).fillColor('#ffffff').circle(cx, cy, RADIUS - 1).fillAndStroke();
  doc.lineWidth(0.6).strokeColor(GOLD).circle(cx, cy, RADIUS - 4.5).stroke();
  for (let i = 0; i < 36; i++) {
    const a = (i * Math.PI) / 18;
    doc.circle(cx + Math.cos(a) * (RADIUS - 2.8), cy + Math.sin(a) * (RADIUS - 2.8), 0.45).fillColor(GOLD).fill();
  }
  doc.lineWidth(0.5).strokeColor(GOLD).fillColor(TINT).circle(cx, cy, 11.5).fillAndStroke();
  doc.restore();

  const issuerFa = template.issuer.fa;
  centredLine(doc, issuerFa, { font: FONT_BOLD, size: sizeToFit(doc, issuerFa, FONT_BOLD, 5.5, 38), color: NAVY }, cy - 26.5, 38);
  centredLine(doc, SEAL_WORDS.fa, { font: FONT_BOLD, size: 5.5, color: GOLD }, cy - 19, 54);
  const code = { font: FONT_BOLD, size: 12, color: NAVY };
  centredLine(doc, template.family, code, cy - 9, 24);
  centredLine(doc, SEAL_WORDS.en, { font: FONT_REGULAR, size: 4.2, color: GOLD }, cy + 12.5, 56);
  // The English issuer is long: two small lines, smaller still if two do not hold it.
  const issuerEn = template.issuer.en.toUpperCase();
  const size = [3.8, 3.5, 3.2].find((s) => wrapBidiText(doc, issuerEn, { font: FONT_REGULAR, size: s }, 46, 'ltr').length <= 2) ?? 3.2;
  drawBidiParagraph(doc, issuerEn, { font: FONT_REGULAR, size, color: NAVY }, {
    x: cx - 23, y: cy + 18.5, width: 46, align: 'center', base: 'ltr', lineHeight: size + 1.2, maxLines: 2,
  });
}
