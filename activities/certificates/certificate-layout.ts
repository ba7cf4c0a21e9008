/**
 * The page design of a bilingual certificate (A4 portrait): frame, header, two mirrored
 * columns (Persian right, English left), optional description, and the verification footer.
 * Pure drawing; the data arrives already formatted in CertificatePage.
 */
import type PDFDocument from 'pdfkit';
import type { Bilingual, CertificateTemplate } from './certificate-template';
import { COLOURS, drawEmblem, drawFrameAndBackground, FONT_BOLD, FONT_REGULAR, goldRule, PAGE_W } from './certificate-ornaments';
import { toPersianDigits } from './digits';
import { drawBidiLine, drawBidiParagraph, TextStyle, wrapBidiText } from './persian-text';

type Doc = InstanceType<typeof PDFDocument>;

const { navy: NAVY, gold: GOLD, ink: INK, muted: MUTED, tint: TINT } = COLOURS;
const MARGIN = 56;
const COLUMN_GAP = 28;
const COLUMN_W = (PAGE_W - 2 * MARGIN - COLUMN_GAP) / 2;
const FA_X = PAGE_W - MARGIN - COLUMN_W;
const EN_X = MARGIN;

export interface FieldValue {
  label: Bilingual;
  fa: string;
  en: string;
}

/** Everything printed, already formatted per language. */
export interface CertificatePage {
  template: CertificateTemplate;
  number: string;
  holder: FieldValue;
  nationalId: FieldValue;
  product: FieldValue;
  version: FieldValue;
  platform: FieldValue;
  issueDate: FieldValue;
  expiryDate: FieldValue;
  description?: string;
  verifyUrl: string;
  trackingNumber: string;
  qrPng: Buffer;
}

const style = (font: string, size: number, color: string = INK): TextStyle => ({ font, size, color });

function centred(doc: Doc, text: string, textStyle: TextStyle, y: number, base: 'rtl' | 'ltr'): void {
  drawBidiLine(doc, text, textStyle, { x: MARGIN, y, width: PAGE_W - 2 * MARGIN, align: 'center', base });
}

function drawHeader(doc: Doc, page: CertificatePage): number {
  const { template } = page;
  drawEmblem(doc, PAGE_W / 2, 76);
  centred(doc, template.issuer.fa, style(FONT_BOLD, 14, NAVY), 110, 'rtl');
  centred(doc, template.issuer.en.toUpperCase(), style(FONT_REGULAR, 8.5, MUTED), 134, 'ltr');
  goldRule(doc, 156, 120);
  centred(doc, template.title.fa, style(FONT_BOLD, 23, NAVY), 164, 'rtl');
  centred(doc, template.title.en, style(FONT_REGULAR, 13.5, NAVY), 203, 'ltr');

  const boxW = 290;
  const boxX = (PAGE_W - boxW) / 2;
  const boxY = 232;
  doc.save().lineWidth(0.8).strokeColor(GOLD).fillColor(TINT).roundedRect(boxX, boxY, boxW, 50, 5).fillAndStroke().restore();
  const label = `${template.labels.number.en}  ·  ${template.labels.number.fa}`;
  drawBidiLine(doc, label, style(FONT_REGULAR, 8, MUTED), { x: boxX, y: boxY + 5, width: boxW, align: 'center', base: 'ltr' });
  doc.font(FONT_BOLD).fontSize(19).fillColor(NAVY);
  const spacing = 1.2;
  const numberW = doc.widthOfString(page.number, { characterSpacing: spacing }) - spacing;
  doc.text(page.number, boxX + (boxW - numberW) / 2, boxY + 19, { lineBreak: false, characterSpacing: spacing });
  return boxY + 50;
}

interface Column {
  lang: 'fa' | 'en';
  x: number;
}

/** Long names are set smaller rather than cut: a certificate must show the holder and product in full. */
const VALUE_FITS = [
  { size: 11, lineHeight: 16, maxLines: 2 },
  { size: 10, lineHeight: 14, maxLines: 2 },
  { size: 9, lineHeight: 12.5, maxLines: 3 },
  { size: 8, lineHeight: 11, maxLines: 4 },
];

function drawField(doc: Doc, column: Column, field: FieldValue, x: number, y: number, width: number): number {
  const base = column.lang === 'fa' ? 'rtl' : 'ltr';
  const align = column.lang === 'fa' ? 'right' : 'left';
  drawBidiLine(doc, field.label[column.lang], style(FONT_REGULAR, 8, GOLD), { x, y, width, align, base });
  const value = field[column.lang];
  const fit = VALUE_FITS.find((f) => wrapBidiText(doc, value, style(FONT_BOLD, f.size), width).length <= f.maxLines);
  if (!fit) throw new Error(`${field.label.en} is too long to print on the certificate`);
  // Values keep their own direction (a Latin product name in the Persian column, a Persian holder name in the English one).
  return drawBidiParagraph(doc, value, style(FONT_BOLD, fit.size, INK), {
    x,
    y: y + 12,
    width,
    align,
    base: 'auto',
    lineHeight: fit.lineHeight,
    maxLines: fit.maxLines,
  });
}

/** Two fields side by side; in the Persian column the first one sits on the right. */
function drawFieldPair(doc: Doc, column: Column, first: FieldValue, second: FieldValue, y: number): number {
  const half = (COLUMN_W - 12) / 2;
  const [firstX, secondX] = column.lang === 'fa' ? [column.x + COLUMN_W - half, column.x] : [column.x, column.x + COLUMN_W - half];
  return Math.max(drawField(doc, column, first, firstX, y, half), drawField(doc, column, second, secondX, y, half));
}

function drawColumn(doc: Doc, page: CertificatePage, column: Column, top: number): number {
  const { template } = page;
  const lang = column.lang;
  const base = lang === 'fa' ? 'rtl' : 'ltr';
  const align = lang === 'fa' ? 'right' : 'left';
  let y = drawBidiParagraph(doc, template.statement[lang], style(FONT_REGULAR, 10, INK), {
    x: column.x, y: top, width: COLUMN_W, align, base, lineHeight: lang === 'fa' ? 18 : 15,
  });
  y = drawBidiParagraph(doc, template.legalBasis[lang], style(FONT_REGULAR, 8, MUTED), {
    x: column.x, y: y + 3, width: COLUMN_W, align, base, lineHeight: lang === 'fa' ? 14 : 12,
  });
  y += 10;
  for (const field of [page.holder, page.nationalId, page.product]) {
    y = drawField(doc, column, field, column.x, y, COLUMN_W) + 7;
  }
  y = drawFieldPair(doc, column, page.version, page.platform, y) + 7;
  y = drawFieldPair(doc, column, page.issueDate, page.expiryDate, y) + 7;
  return y;
}

function drawBody(doc: Doc, page: CertificatePage, top: number, limit: number): number {
  const faBottom = drawColumn(doc, page, { lang: 'fa', x: FA_X }, top);
  const enBottom = drawColumn(doc, page, { lang: 'en', x: EN_X }, top);
  const bottom = Math.max(faBottom, enBottom);
  doc.save().lineWidth(0.5).strokeColor(GOLD).strokeOpacity(0.7);
  doc.moveTo(PAGE_W / 2, top + 4).lineTo(PAGE_W / 2, bottom - 8).stroke().restore();

  const roomForDescription = Math.min(3, Math.floor((limit - bottom - 17) / 15));
  if (!page.description || roomForDescription < 1) return bottom;
  const label = page.template.labels.description;
  const y = bottom + 4;
  centred(doc, `${label.en}  ·  ${label.fa}`, style(FONT_REGULAR, 8, GOLD), y, 'ltr');
  return drawBidiParagraph(doc, page.description, style(FONT_REGULAR, 9.5, INK), {
    x: MARGIN + 20, y: y + 13, width: PAGE_W - 2 * MARGIN - 40, align: 'center', lineHeight: 15, maxLines: roomForDescription,
  });
}

const FOOTER_TOP = 668;

function drawFooter(doc: Doc, page: CertificatePage): void {
  const { template } = page;
  const top = FOOTER_TOP;
  goldRule(doc, top - 14, PAGE_W / 2 - MARGIN);

  const qrSize = 96;
  doc.image(page.qrPng, MARGIN, top, { width: qrSize, height: qrSize });

  const textX = MARGIN + qrSize + 12;
  const textW = 175;
  let y = drawBidiParagraph(doc, template.labels.verification.en, style(FONT_REGULAR, 8.5, MUTED), {
    x: textX, y: top + 4, width: textW, base: 'ltr', lineHeight: 12,
  });
  y = drawBidiParagraph(doc, page.verifyUrl, style(FONT_BOLD, 8.5, NAVY), {
    x: textX, y, width: textW, base: 'ltr', lineHeight: 12, maxLines: 3,
  });
  drawBidiLine(doc, `${template.labels.trackingNumber.en}: ${page.trackingNumber}`, style(FONT_REGULAR, 8.5, INK), {
    x: textX, y: y + 6, width: textW, base: 'ltr',
  });

  const faX = PAGE_W / 2 + 20;
  const faW = PAGE_W - MARGIN - faX;
  y = drawBidiParagraph(doc, template.labels.verification.fa, style(FONT_REGULAR, 8.5, MUTED), {
    x: faX, y: top + 2, width: faW, base: 'rtl', lineHeight: 14,
  });
  const trackingFa = /^\d+$/.test(page.trackingNumber) ? toPersianDigits(page.trackingNumber) : page.trackingNumber;
  drawBidiLine(doc, `${template.labels.trackingNumber.fa}: ${trackingFa}`, style(FONT_REGULAR, 8.5, INK), {
    x: faX, y: y + 2, width: faW, base: 'rtl',
  });
  y = drawBidiParagraph(doc, template.labels.signature.fa, style(FONT_BOLD, 8.5, NAVY), {
    x: faX, y: y + 24, width: faW, base: 'rtl', lineHeight: 14,
  });
  drawBidiParagraph(doc, template.labels.signature.en, style(FONT_REGULAR, 7.5, MUTED), {
    x: faX, y, width: faW, base: 'ltr', align: 'right', lineHeight: 11,
  });
}

export function drawCertificatePage(doc: Doc, page: CertificatePage): void {
  drawFrameAndBackground(doc);
  const headerBottom = drawHeader(doc, page);
  const limit = FOOTER_TOP - 20;
  // Values shrink before they wrap past four lines, so only absurdly long input gets here.
  if (drawBody(doc, page, headerBottom + 22, limit) > limit) throw new Error('the certificate text does not fit on one page');
  drawFooter(doc, page);
}
