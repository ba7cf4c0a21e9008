/**
 * The page design of a bilingual certificate (A4 portrait): frame, header, two mirrored
 * columns (Persian right, English left) holding the holder, whatever subject and scope fields the
 * template lists, and the dates; page-wide text below them; the verification footer.
 *
 * Everything must fit on one page. The body is measured first (a dry run of the same code) at
 * the normal spacing, then tighter ones; a page that does not fit even at the tightest is refused.
 * Pure drawing; the data arrives already formatted in CertificatePage.
 */
import type PDFDocument from 'pdfkit';
import type { Bilingual, CertificateTemplate, SubjectField } from './certificate-template';
import { DEFAULT_PAGE_MAX_LINES } from './certificate-template';
import type { PrintedValue } from './certificate-subject';
import type { CertificateEmblem } from './certificate-emblem';
import { COLOURS, drawEmblem, drawFrameAndBackground, FONT_BOLD, FONT_REGULAR, goldRule, PAGE_W } from './certificate-ornaments';
import { toPersianDigits } from './digits';
import { drawBidiLine, drawBidiParagraph, measureBidiLine, ParagraphBox, TextStyle, wrapBidiText } from './persian-text';
import { taggedLine } from './text-tagging';

type Doc = InstanceType<typeof PDFDocument>;

const { navy: NAVY, gold: GOLD, ink: INK, muted: MUTED, tint: TINT } = COLOURS;
const MARGIN = 56;
const COLUMN_GAP = 28;
const COLUMN_W = (PAGE_W - 2 * MARGIN - COLUMN_GAP) / 2;
const FA_X = PAGE_W - MARGIN - COLUMN_W;
const EN_X = MARGIN;
const FOOTER_TOP = 668;
const BODY_LIMIT = FOOTER_TOP - 20;

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
  /** The subject and scope, in template order. */
  subject: PrintedValue[];
  issueDate: FieldValue;
  expiryDate: FieldValue;
  verifyUrl: string;
  trackingNumber: string;
  /** The short record hash (see record-hash.ts). */
  recordHash: string;
  qrPng: Buffer;
  emblem: CertificateEmblem;
}

const style = (font: string, size: number, color: string = INK): TextStyle => ({ font, size, color });

/**
 * Draws, or only measures when `dry`: the layout runs the same code twice, first to find a
 * spacing at which the body fits, then to draw it.
 */
class Pen {
  constructor(
    readonly doc: Doc,
    readonly dry: boolean,
  ) {}

  line(text: string, textStyle: TextStyle, box: Parameters<typeof drawBidiLine>[3]): void {
    if (!this.dry) drawBidiLine(this.doc, text, textStyle, box);
  }

  /** Returns the y below the paragraph's last line. */
  paragraph(text: string, textStyle: TextStyle, box: ParagraphBox): number {
    if (!this.dry) return drawBidiParagraph(this.doc, text, textStyle, box);
    const lines = wrapBidiText(this.doc, text, textStyle, box.width, box.base ?? 'auto').length;
    return box.y + Math.min(lines, box.maxLines ?? Infinity) * box.lineHeight;
  }
}

interface Fit {
  size: number;
  lineHeight: number;
  maxLines: number;
}

/** Long names are set smaller rather than cut: a certificate must show the holder and product in full. */
const VALUE_FITS: Fit[] = [
  { size: 11, lineHeight: 16, maxLines: 2 },
  { size: 10, lineHeight: 14, maxLines: 2 },
  { size: 9, lineHeight: 12.5, maxLines: 3 },
  { size: 8, lineHeight: 11, maxLines: 4 },
];

/** The same, a size smaller, for crowded pages. */
const COMPACT_VALUE_FITS: Fit[] = [
  { size: 10, lineHeight: 14, maxLines: 2 },
  { size: 9, lineHeight: 12.5, maxLines: 3 },
  { size: 8, lineHeight: 11, maxLines: 4 },
  { size: 7.5, lineHeight: 10, maxLines: 5 },
];

/** A grade stands out; a long one falls back to the ordinary sizes. */
const GRADE_FIT: Fit = { size: 15, lineHeight: 19, maxLines: 1 };

/** Spacing from the roomiest (every template that fits uses it) to the tightest. */
interface Density {
  /** From the number box to the body. */
  topGap: number;
  /** Below each field. */
  fieldGap: number;
  /** Between the legal basis and the first field. */
  afterIntro: number;
  /** From a field's label to its value. */
  labelGap: number;
  statementLineHeight: Record<'fa' | 'en', number>;
  legalLineHeight: Record<'fa' | 'en', number>;
  listSize: number;
  listLineHeight: number;
  valueFits: Fit[];
}

const DENSITIES: Density[] = [
  { topGap: 22, fieldGap: 7, afterIntro: 10, labelGap: 12, statementLineHeight: { fa: 18, en: 15 }, legalLineHeight: { fa: 14, en: 12 }, listSize: 9, listLineHeight: 12.5, valueFits: VALUE_FITS },
  { topGap: 20, fieldGap: 5, afterIntro: 7, labelGap: 12, statementLineHeight: { fa: 17, en: 14 }, legalLineHeight: { fa: 13, en: 11.5 }, listSize: 8, listLineHeight: 11, valueFits: VALUE_FITS },
  { topGap: 17, fieldGap: 3.5, afterIntro: 5, labelGap: 11.5, statementLineHeight: { fa: 16, en: 13.5 }, legalLineHeight: { fa: 12.5, en: 11 }, listSize: 7.5, listLineHeight: 10, valueFits: COMPACT_VALUE_FITS },
  { topGap: 14, fieldGap: 3, afterIntro: 4, labelGap: 11, statementLineHeight: { fa: 15, en: 13 }, legalLineHeight: { fa: 12, en: 10.5 }, listSize: 7, listLineHeight: 9, valueFits: COMPACT_VALUE_FITS },
];

function centred(doc: Doc, text: string, textStyle: TextStyle, y: number, base: 'rtl' | 'ltr'): void {
  drawBidiLine(doc, text, textStyle, { x: MARGIN, y, width: PAGE_W - 2 * MARGIN, align: 'center', base });
}

/** The style at `size`, or smaller so that `text` fits on one line of the page (long family titles). */
function fitted(doc: Doc, text: string, font: string, size: number, base: 'rtl' | 'ltr'): TextStyle {
  const width = measureBidiLine(doc, text, style(font, size), base);
  const room = PAGE_W - 2 * MARGIN;
  return style(font, width <= room ? size : Math.floor((size * room * 10) / width) / 10, NAVY);
}

function drawHeader(doc: Doc, page: CertificatePage): number {
  const { template } = page;
  drawEmblem(doc, page.emblem, PAGE_W / 2, 76);
  centred(doc, template.issuer.fa, style(FONT_BOLD, 14, NAVY), 110, 'rtl');
  centred(doc, template.issuer.en.toUpperCase(), style(FONT_REGULAR, 8.5, MUTED), 134, 'ltr');
  goldRule(doc, 156, 120);
  const titleFa = fitted(doc, template.title.fa, FONT_BOLD, 23, 'rtl');
  // A smaller title sits lower, so its baseline stays where a full-size one would have it.
  centred(doc, template.title.fa, titleFa, 164 + (23 - titleFa.size) * 0.8, 'rtl');
  const titleEn = fitted(doc, template.title.en, FONT_REGULAR, 13.5, 'ltr');
  centred(doc, template.title.en, titleEn, 203 + (13.5 - titleEn.size) * 0.8, 'ltr');

  const boxW = 290;
  const boxX = (PAGE_W - boxW) / 2;
  const boxY = 232;
  doc.save().lineWidth(0.8).strokeColor(GOLD).fillColor(TINT).roundedRect(boxX, boxY, boxW, 50, 5).fillAndStroke().restore();
  const label = `${template.labels.number.en}  ·  ${template.labels.number.fa}`;
  drawBidiLine(doc, label, style(FONT_REGULAR, 8, MUTED), { x: boxX, y: boxY + 5, width: boxW, align: 'center', base: 'ltr' });
  doc.font(FONT_BOLD).fontSize(19).fillColor(NAVY);
  const spacing = 1.2;
  const numberW = doc.widthOfString(page.number, { characterSpacing: spacing }) - spacing;
  taggedLine(doc, 'ltr', () => doc.text(page.number, boxX + (boxW - numberW) / 2, boxY + 19, { lineBreak: false, characterSpacing: spacing }));
  return boxY + 50;
}

interface Column {
  lang: 'fa' | 'en';
  x: number;
}

const LABEL_STYLE = style(FONT_REGULAR, 8, GOLD);

function drawField(pen: Pen, column: Column, label: Bilingual, value: string, x: number, y: number, width: number, labelGap: number, fits: Fit[], color: string = INK): number {
  const base = column.lang === 'fa' ? 'rtl' : 'ltr';
  const align = column.lang === 'fa' ? 'right' : 'left';
  pen.line(label[column.lang], LABEL_STYLE, { x, y, width, align, base });
  const fit = fits.find((f) => wrapBidiText(pen.doc, value, style(FONT_BOLD, f.size), width).length <= f.maxLines);
  if (!fit) throw new Error(`${label.en} is too long to print on the certificate`);
  // Values keep their own direction (a Latin product name in the Persian column, a Persian holder name in the English one).
  return pen.paragraph(value, style(FONT_BOLD, fit.size, color), {
    x,
    y: y + labelGap,
    width,
    align,
    base: 'auto',
    lineHeight: fit.lineHeight,
    maxLines: fit.maxLines,
  });
}

/** A scope: the label, then one bullet line per item (wrapped under its own text). */
function drawList(pen: Pen, column: Column, label: Bilingual, items: string[], y: number, density: Density): number {
  const rtl = column.lang === 'fa';
  const base = rtl ? 'rtl' : 'ltr';
  const align = rtl ? 'right' : 'left';
  pen.line(label[column.lang], LABEL_STYLE, { x: column.x, y, width: COLUMN_W, align, base });
  const indent = density.listSize + 2;
  const itemStyle = style(FONT_REGULAR, density.listSize, INK);
  let itemY = y + density.labelGap + 0.5;
  for (const item of items) {
    const bulletX = rtl ? column.x + COLUMN_W - indent : column.x;
    pen.line('•', style(FONT_BOLD, density.listSize, GOLD), { x: bulletX, y: itemY, width: indent, align: 'center', base });
    itemY = pen.paragraph(item, itemStyle, {
      x: rtl ? column.x : column.x + indent,
      y: itemY,
      width: COLUMN_W - indent,
      align,
      base,
      lineHeight: density.listLineHeight,
    });
  }
  return itemY + 1.5;
}

function fieldText(value: FieldValue | PrintedValue, lang: 'fa' | 'en'): string {
  const text = value[lang];
  return Array.isArray(text) ? text.join('، ') : text;
}

function labelOf(value: FieldValue | PrintedValue): Bilingual {
  return 'field' in value ? value.field.label : value.label;
}

function drawSubjectField(pen: Pen, column: Column, value: FieldValue | PrintedValue, x: number, y: number, width: number, density: Density): number {
  const grade = 'field' in value && value.field.kind === 'grade';
  const fits = grade ? [GRADE_FIT, ...density.valueFits] : density.valueFits;
  return drawField(pen, column, labelOf(value), fieldText(value, column.lang), x, y, width, density.labelGap, fits, grade ? NAVY : INK);
}

/** Two fields side by side; in the Persian column the first one sits on the right. */
function drawFieldPair(pen: Pen, column: Column, first: FieldValue | PrintedValue, second: FieldValue | PrintedValue | undefined, y: number, density: Density): number {
  const half = (COLUMN_W - 12) / 2;
  const [firstX, secondX] = column.lang === 'fa' ? [column.x + COLUMN_W - half, column.x] : [column.x, column.x + COLUMN_W - half];
  const a = drawSubjectField(pen, column, first, firstX, y, half, density);
  return second ? Math.max(a, drawSubjectField(pen, column, second, secondX, y, half, density)) : a;
}

const widthOf = (field: SubjectField) => field.width ?? 'full';

function drawColumn(pen: Pen, page: CertificatePage, column: Column, top: number, density: Density): number {
  const { template } = page;
  const lang = column.lang;
  const base = lang === 'fa' ? 'rtl' : 'ltr';
  const align = lang === 'fa' ? 'right' : 'left';
  let y = pen.paragraph(template.statement[lang], style(FONT_REGULAR, 10, INK), {
    x: column.x, y: top, width: COLUMN_W, align, base, lineHeight: density.statementLineHeight[lang],
  });
  y = pen.paragraph(template.legalBasis[lang], style(FONT_REGULAR, 8, MUTED), {
    x: column.x, y: y + 3, width: COLUMN_W, align, base, lineHeight: density.legalLineHeight[lang],
  });
  y += density.afterIntro;
  for (const field of [page.holder, page.nationalId]) {
    y = drawSubjectField(pen, column, field, column.x, y, COLUMN_W, density) + density.fieldGap;
  }
  const inColumns = page.subject.filter((v) => widthOf(v.field) !== 'page');
  for (let i = 0; i < inColumns.length; i++) {
    const value = inColumns[i];
    if (value.field.kind === 'list') {
      y = drawList(pen, column, value.field.label, value[lang], y, density) + density.fieldGap;
    } else if (widthOf(value.field) === 'half') {
      const next = inColumns[i + 1];
      const pair = next && widthOf(next.field) === 'half' ? next : undefined;
      if (pair) i++;
      y = drawFieldPair(pen, column, value, pair, y, density) + density.fieldGap;
    } else {
      y = drawSubjectField(pen, column, value, column.x, y, COLUMN_W, density) + density.fieldGap;
    }
  }
  return drawFieldPair(pen, column, page.issueDate, page.expiryDate, y, density) + density.fieldGap;
}

const PAGE_FIELD = { gap: 4, label: 13, lineHeight: 15, width: PAGE_W - 2 * MARGIN - 40 };
const PAGE_TEXT_STYLE = style(FONT_REGULAR, 9.5, INK);

/**
 * Page-wide text below the columns (a description, an address), printed once, up to the field's
 * maxLines. When `cut`, only what fits above the footer: an optional field may lose lines or be
 * left off (the record keeps the whole text), a required one keeps at least a line.
 */
function drawPageFields(pen: Pen, page: CertificatePage, top: number, cut: boolean): number {
  let y = top;
  for (const value of page.subject.filter((v) => widthOf(v.field) === 'page')) {
    const text = value.fa.join(' ');
    const lines = wrapBidiText(pen.doc, text, PAGE_TEXT_STYLE, PAGE_FIELD.width).length;
    let keep = Math.min(lines, value.field.maxLines ?? DEFAULT_PAGE_MAX_LINES);
    if (cut) keep = Math.min(keep, Math.floor((BODY_LIMIT - y - PAGE_FIELD.label - PAGE_FIELD.gap) / PAGE_FIELD.lineHeight));
    if (keep < 1) {
      if (value.field.required) throw new Error('the certificate text does not fit on one page');
      continue;
    }
    const { label } = value.field;
    const labelY = y + PAGE_FIELD.gap;
    pen.line(`${label.en}  ·  ${label.fa}`, LABEL_STYLE, { x: MARGIN, y: labelY, width: PAGE_W - 2 * MARGIN, align: 'center', base: 'ltr' });
    y = pen.paragraph(text, PAGE_TEXT_STYLE, {
      x: MARGIN + 20, y: labelY + PAGE_FIELD.label, width: PAGE_FIELD.width, align: 'center', lineHeight: PAGE_FIELD.lineHeight, maxLines: keep,
    });
  }
  return y;
}

/** The y below both columns, drawn or (dry) measured. */
function drawColumns(pen: Pen, page: CertificatePage, top: number, density: Density): number {
  const faBottom = drawColumn(pen, page, { lang: 'fa', x: FA_X }, top, density);
  const enBottom = drawColumn(pen, page, { lang: 'en', x: EN_X }, top, density);
  return Math.max(faBottom, enBottom);
}

/** Room the page-wide fields need at least: one line of each required one. */
function requiredPageRoom(page: CertificatePage): number {
  return page.subject.filter((v) => widthOf(v.field) === 'page' && v.field.required).length * (PAGE_FIELD.gap + PAGE_FIELD.label + PAGE_FIELD.lineHeight);
}

/**
 * The roomiest spacing at which everything fits, page-wide text in full (up to its maxLines);
 * failing that, the tightest, with page-wide text cut to the room left.
 */
function chooseDensity(doc: Doc, page: CertificatePage, headerBottom: number): { density: Density; cut: boolean } {
  const dry = new Pen(doc, true);
  for (const density of DENSITIES) {
    const bottom = drawColumns(dry, page, headerBottom + density.topGap, density);
    if (drawPageFields(dry, page, bottom, false) <= BODY_LIMIT) return { density, cut: false };
  }
  // The tightest spacing leaves the most room for the page-wide text.
  const tightest = DENSITIES[DENSITIES.length - 1];
  if (drawColumns(dry, page, headerBottom + tightest.topGap, tightest) + requiredPageRoom(page) <= BODY_LIMIT) return { density: tightest, cut: true };
  throw new Error('the certificate text does not fit on one page');
}

function drawBody(doc: Doc, page: CertificatePage, headerBottom: number): number {
  const { density, cut } = chooseDensity(doc, page, headerBottom);
  const pen = new Pen(doc, false);
  const top = headerBottom + density.topGap;
  const bottom = drawColumns(pen, page, top, density);
  doc.save().lineWidth(0.5).strokeColor(GOLD).strokeOpacity(0.7);
  doc.moveTo(PAGE_W / 2, top + 4).lineTo(PAGE_W / 2, bottom - 8).stroke().restore();
  return drawPageFields(pen, page, bottom, cut);
}

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
  // A URL is set smaller before it wraps (a lone last character on a line of its own reads badly).
  const urlSize = [8.5, 8, 7.5, 7].find((size) => measureBidiLine(doc, page.verifyUrl, style(FONT_BOLD, size), 'ltr') <= textW) ?? 7;
  y = drawBidiParagraph(doc, page.verifyUrl, style(FONT_BOLD, urlSize, NAVY), {
    x: textX, y, width: textW, base: 'ltr', lineHeight: 12, maxLines: 3,
  });
  drawBidiLine(doc, `${template.labels.trackingNumber.en}: ${page.trackingNumber}`, style(FONT_REGULAR, 8.5, INK), {
    x: textX, y: y + 6, width: textW, base: 'ltr',
  });
  drawBidiLine(doc, `${template.labels.recordHash.en}: ${page.recordHash}`, style(FONT_REGULAR, 8.5, INK), {
    x: textX, y: y + 19, width: textW, base: 'ltr',
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
  // The hash stays in Latin hex, drawn on its own to the left of its label.
  const hashLabelW = drawBidiLine(doc, `${template.labels.recordHash.fa}: `, style(FONT_REGULAR, 8.5, INK), {
    x: faX, y: y + 16, width: faW, base: 'rtl',
  });
  drawBidiLine(doc, page.recordHash, style(FONT_REGULAR, 8.5, INK), {
    x: faX, y: y + 16, width: faW - hashLabelW - 2, align: 'right', base: 'ltr',
  });
  y = drawBidiParagraph(doc, template.labels.signature.fa, style(FONT_BOLD, 8.5, NAVY), {
    x: faX, y: y + 38, width: faW, base: 'rtl', lineHeight: 14,
  });
  drawBidiParagraph(doc, template.labels.signature.en, style(FONT_REGULAR, 7.5, MUTED), {
    x: faX, y, width: faW, base: 'ltr', align: 'right', lineHeight: 11,
  });
}

export function drawCertificatePage(doc: Doc, page: CertificatePage): void {
  drawFrameAndBackground(doc);
  const headerBottom = drawHeader(doc, page);
  // Values shrink before they wrap past four lines, and the spacing tightens, so only absurdly long input gets here.
  if (drawBody(doc, page, headerBottom) > BODY_LIMIT) throw new Error('the certificate text does not fit on one page');
  drawFooter(doc, page);
}
