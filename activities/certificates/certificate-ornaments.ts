/** The decorative parts of the certificate page: palette, frame, guilloche, emblem and rules. */
import type PDFDocument from 'pdfkit';
import { drawBidiLine } from './persian-text';

type Doc = InstanceType<typeof PDFDocument>;

export const FONT_REGULAR = 'Vazirmatn';
export const FONT_BOLD = 'Vazirmatn-Bold';

export const COLOURS = {
  navy: '#13315c',
  gold: '#a8832f',
  ink: '#1f2328',
  muted: '#5d6673',
  tint: '#f7f2e6',
} as const;

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;

const { navy: NAVY, gold: GOLD } = COLOURS;

export function drawFrameAndBackground(doc: Doc): void {
  doc.save();
  // A faint guilloche rosette behind the body, in the manner of printed security paper.
  const cx = PAGE_W / 2;
  const cy = 470;
  doc.lineWidth(0.35).strokeColor(GOLD).strokeOpacity(0.13);
  for (let i = 0; i < 48; i++) {
    doc.save().rotate((i * 180) / 48, { origin: [cx, cy] }).ellipse(cx, cy, 190, 28).stroke().restore();
  }
  doc.restore();

  doc.save();
  doc.lineWidth(3).strokeColor(NAVY).rect(20, 20, PAGE_W - 40, PAGE_H - 40).stroke();
  doc.lineWidth(0.8).strokeColor(GOLD).rect(27, 27, PAGE_W - 54, PAGE_H - 54).stroke();
  for (const [x, y] of [[27, 27], [PAGE_W - 27, 27], [27, PAGE_H - 27], [PAGE_W - 27, PAGE_H - 27]]) {
    doc.polygon([x, y - 5], [x + 5, y], [x, y + 5], [x - 5, y]).fillColor(GOLD).fill();
  }
  doc.restore();
}

export function drawEmblem(doc: Doc, cx: number, cy: number): void {
  doc.save();
  doc.lineWidth(1.6).strokeColor(NAVY).circle(cx, cy, 27).stroke();
  doc.lineWidth(0.7).strokeColor(GOLD).circle(cx, cy, 23).stroke();
  for (let i = 0; i < 24; i++) {
    const a = (i * Math.PI) / 12;
    doc.circle(cx + Math.cos(a) * 25, cy + Math.sin(a) * 25, 0.6).fillColor(GOLD).fill();
  }
  doc.restore();
  drawBidiLine(doc, 'ITO', { font: FONT_BOLD, size: 15, color: NAVY }, { x: cx - 30, y: cy - 12, width: 60, align: 'center' });
}

export function goldRule(doc: Doc, y: number, halfWidth: number): void {
  const cx = PAGE_W / 2;
  doc.save().lineWidth(0.7).strokeColor(GOLD);
  doc.moveTo(cx - halfWidth, y).lineTo(cx - 7, y).stroke();
  doc.moveTo(cx + 7, y).lineTo(cx + halfWidth, y).stroke();
  doc.polygon([cx, y - 3.5], [cx + 3.5, y], [cx, y + 3.5], [cx - 3.5, y]).fillColor(GOLD).fill();
  doc.restore();
}
