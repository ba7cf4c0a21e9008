/** The decorative parts of the certificate page: palette, frame, guilloche, emblem and rules. */
import type PDFDocument from 'pdfkit';
import type { CertificateEmblem } from './certificate-emblem';

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
  // A flower of circles fills the rosette's centre, which the ellipses leave empty (the seal is beside the number, see certificate-seal.ts).
  for (let i = 0; i < 24; i++) {
    const a = (i * Math.PI) / 12;
    doc.circle(cx + Math.cos(a) * 14, cy + Math.sin(a) * 14, 14).stroke();
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

/** The emblem image (certificate-emblem.ts), 54 pt across, centred on (cx, cy). */
export function drawEmblem(doc: Doc, emblem: CertificateEmblem, cx: number, cy: number): void {
  const size = 54;
  try {
    doc.image(emblem.image, cx - size / 2, cy - size / 2, { fit: [size, size], align: 'center', valign: 'center' });
  } catch (err) {
    throw new Error(`certificate emblem ${emblem.file} cannot be drawn: ${(err as Error).message}`);
  }
}

export function goldRule(doc: Doc, y: number, halfWidth: number): void {
  const cx = PAGE_W / 2;
  doc.save().lineWidth(0.7).strokeColor(GOLD);
  doc.moveTo(cx - halfWidth, y).lineTo(cx - 7, y).stroke();
  doc.moveTo(cx + 7, y).lineTo(cx + halfWidth, y).stroke();
  doc.polygon([cx, y - 3.5], [cx + 3.5, y], [cx, y + 3.5], [cx - 3.5, y]).fillColor(GOLD).fill();
  doc.restore();
}
