/**
 * Drawing mixed Persian/English lines and paragraphs with pdfkit, using bidi-runs for order.
 * Each visual piece is drawn on its own at a computed x; pdfkit only ever sees one piece. In a
 * tagged document each line is a Span of the structure tree (text-tagging.ts).
 */
import type PDFDocument from 'pdfkit';
import { BaseDirection, BidiParagraph, bidiParagraph, linePieces, shapedRightToLeft, strongDirectionOf, VisualPiece } from './bidi-runs';
import { drawExtractablePiece, drawRightToLeftMark } from './extractable-glyphs';
import { taggedLine, taggedParagraph } from './text-tagging';

type Doc = InstanceType<typeof PDFDocument>;

// A features array, even empty, makes pdfkit shape the piece as one fontkit run; without it
// pdfkit lays out word by word, which breaks the order of right-to-left words.
const WHOLE_RUN = { features: [] };

export interface TextStyle {
  /** A font name registered with doc.registerFont. */
  font: string;
  size: number;
  color?: string;
}

export interface LineBox {
  /** Left edge of the box the line is aligned in. */
  x: number;
  /** Top of the line, as in pdfkit's doc.text. */
  y: number;
  width: number;
  /** Defaults to 'right' for right-to-left text and 'left' otherwise. */
  align?: 'left' | 'right' | 'center';
  /** Paragraph direction; 'auto' (default) takes it from the first strong character. */
  base?: BaseDirection;
}

export interface ParagraphBox extends LineBox {
  lineHeight: number;
  /** Extra lines are dropped and the last kept line ends with an ellipsis. */
  maxLines?: number;
}

interface LineRange {
  start: number;
  end: number;
}

function applyStyle(doc: Doc, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size).fillColor(style.color ?? 'black');
}

/**
 * Text widths by font, size and text. Shaping a run (fontkit) is the costly part of laying out a
 * certificate, and the layout measures the same runs many times: while wrapping (each word re-measures
 * its line), in the dry run that picks the spacing, and again when drawing. A width depends only on
 * the font file, the size and the text, so it is kept across documents (bounded).
 */
const widths = new Map<string, number>();
const MAX_WIDTHS = 20_000;

function widthOf(doc: Doc, text: string): number {
  const state = doc as unknown as { _font?: { name?: string }; _fontSize?: number };
  const key = `${state._font?.name ?? ''}\u0000${state._fontSize ?? 0}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    width = doc.widthOfString(text, WHOLE_RUN);
    if (widths.size >= MAX_WIDTHS) widths.clear();
    widths.set(key, width);
  }
  return width;
}

const piecesWidth = (doc: Doc, pieces: VisualPiece[]): number => pieces.reduce((sum, piece) => sum + widthOf(doc, piece.text), 0);

/** Draws a piece at x: glyph by glyph for extractors (extractable-glyphs.ts), else as one doc.text run. */
function drawPiece(doc: Doc, style: TextStyle, piece: VisualPiece, x: number, y: number): void {
  const drawable = { ...piece, shapedRightToLeft: shapedRightToLeft(piece.text) };
  if (drawExtractablePiece(doc, style.font, drawable, x, y)) return;
  if (piece.text.trim() !== '') doc.text(piece.text, x, y, { ...WHOLE_RUN, lineBreak: false });
}

/** Whether a line holds right-to-left letters but does not end (logically) with one: a bracket, a digit, a Latin word. */
function endsInNeutralAfterPersian(logical: string): boolean {
  const chars = [...logical.trim()];
  return chars.length > 0 && chars.some((c) => strongDirectionOf(c) === 'R') && strongDirectionOf(chars[chars.length - 1]) !== 'R';
}

/** Pieces in logical order (pypdf reads the content stream in order); added text (an ellipsis) last. */
const inLogicalOrder = <T extends { piece: VisualPiece }>(items: T[]): T[] =>
  items.slice().sort((a, b) => (a.piece.logicalStart ?? Infinity) - (b.piece.logicalStart ?? Infinity));

function drawPieces(doc: Doc, style: TextStyle, pieces: VisualPiece[], box: LineBox, direction: 'rtl' | 'ltr'): number {
  const align = box.align ?? (direction === 'rtl' ? 'right' : 'left');
  const pieceWidths = pieces.map((piece) => widthOf(doc, piece.text));
  const total = pieceWidths.reduce((a, b) => a + b, 0);
  let x = align === 'left' ? box.x : align === 'right' ? box.x + box.width - total : box.x + (box.width - total) / 2;
  const placed = pieces.map((piece, i) => {
    const at = x;
    x += pieceWidths[i];
    return { piece, x: at };
  });
  for (const { piece, x: at } of inLogicalOrder(placed)) drawPiece(doc, style, piece, at, box.y);
  if (direction === 'rtl' && endsInNeutralAfterPersian(inLogicalOrder(placed).map(({ piece }) => piece.source ?? piece.text).join(''))) {
    drawRightToLeftMark(doc, style.font, placed[0].x, box.y);
  }
  return total;
}

/** Width of a single line as it will be drawn. */
export function measureBidiLine(doc: Doc, text: string, style: TextStyle, base: BaseDirection = 'auto'): number {
  applyStyle(doc, style);
  return text ? piecesWidth(doc, linePieces(bidiParagraph(text, base))) : 0;
}

/** Draws one line without wrapping and returns its width. */
export function drawBidiLine(doc: Doc, text: string, style: TextStyle, box: LineBox): number {
  if (!text) return 0;
  applyStyle(doc, style);
  const paragraph = bidiParagraph(text, box.base ?? 'auto');
  return taggedLine(doc, paragraph.direction, () => drawPieces(doc, style, linePieces(paragraph), box, paragraph.direction));
}

/** Greedy wrapping in logical order; a word wider than the line (a URL) is broken between characters. */
function wrapParagraph(doc: Doc, paragraph: BidiParagraph, width: number): LineRange[] {
  const fits = (start: number, end: number) => piecesWidth(doc, linePieces(paragraph, start, end)) <= width;
  const lines: LineRange[] = [];
  let line: LineRange | null = null;
  for (const word of paragraph.text.matchAll(/\S+/g)) {
    const start = word.index ?? 0;
    const end = start + word[0].length;
    if (line && fits(line.start, end)) {
      line.end = end;
      continue;
    }
    if (line) lines.push(line);
    line = { start, end };
    while (line.end - line.start > 1 && !fits(line.start, line.end)) {
      let cut: number = line.start + 1;
      while (cut < line.end && fits(line.start, cut + 1)) cut++;
      lines.push({ start: line.start, end: cut });
      line = { start: cut, end: line.end };
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of `text` wrapped to `width`, in logical order (explicit newlines start new paragraphs). */
export function wrapBidiText(doc: Doc, text: string, style: TextStyle, width: number, base: BaseDirection = 'auto'): string[] {
  applyStyle(doc, style);
  return text.split(/\r?\n/).flatMap((part) => {
    const paragraph = bidiParagraph(part, base);
    return wrapParagraph(doc, paragraph, width).map(({ start, end }) => part.slice(start, end));
  });
}

/** Draws wrapped text and returns the y below its last line. */
export function drawBidiParagraph(doc: Doc, text: string, style: TextStyle, box: ParagraphBox): number {
  applyStyle(doc, style);
  const lines = text.split(/\r?\n/).flatMap((part) => {
    const paragraph = bidiParagraph(part, box.base ?? 'auto');
    return wrapParagraph(doc, paragraph, box.width).map((range) => ({ paragraph, ...range }));
  });
  const kept = box.maxLines === undefined ? lines : lines.slice(0, box.maxLines);
  let y = box.y;
  taggedParagraph(doc, () =>
    kept.forEach(({ paragraph, start, end }, i) => {
      let pieces = linePieces(paragraph, start, end);
      if (i === kept.length - 1 && kept.length < lines.length) {
        pieces = paragraph.direction === 'rtl' ? [{ text: '… ', rtl: true }, ...pieces] : [...pieces, { text: ' …', rtl: false }];
      }
      const lineY = y;
      taggedLine(doc, paragraph.direction, () => drawPieces(doc, style, pieces, { ...box, y: lineY }, paragraph.direction));
      y += box.lineHeight;
    }),
  );
  return y;
}
