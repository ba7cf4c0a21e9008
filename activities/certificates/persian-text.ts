/**
 * Drawing mixed Persian/English lines and paragraphs with pdfkit, using bidi-runs for order.
 * Each visual piece is drawn on its own at a computed x; pdfkit only ever sees one piece. In a
 * tagged document each line is a Span of the structure tree (text-tagging.ts).
 */
import type PDFDocument from 'pdfkit';
import { BaseDirection, BidiParagraph, bidiParagraph, linePieces, shapedRightToLeft, VisualPiece } from './bidi-runs';
import { taggedLine, taggedParagraph, withActualText } from './text-tagging';

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

const ZWNJ = '\u200c';
const reverseCodePoints = (text: string): string => [...text].reverse().join('');

interface Segment {
  text: string;
  /** The logical character a single drawn glyph stands for, when its own Unicode says otherwise. */
  actual?: string;
}

/**
 * A piece cut around the characters whose glyph does not say what they are: a mirrored bracket
 * (the glyph of ")" drawn for "(" in right-to-left text) and a ZWNJ (fontkit draws it as a
 * zero-width space). Each is drawn alone, marked with /ActualText of the one character it
 * stands for, so extractors that honour ActualText (poppler) give the stored text. Neither
 * joins to its neighbours, so the cut does not change the Persian letter forms.
 */
function segmentsOf(piece: VisualPiece): Segment[] {
  const drawn = [...piece.text];
  const source = [...(piece.source ?? piece.text)];
  const segments: Segment[] = [];
  let run = '';
  drawn.forEach((glyph, i) => {
    if (source[i] !== glyph || source[i] === ZWNJ) {
      if (run) segments.push({ text: run });
      segments.push({ text: glyph, actual: source[i] });
      run = '';
    } else {
      run += glyph;
    }
  });
  if (run) segments.push({ text: run });
  return segments;
}

function drawPiece(doc: Doc, piece: VisualPiece, x: number, y: number): void {
  const segments = segmentsOf(piece);
  if (segments.length === 1 && !segments[0].actual) {
    if (piece.text.trim() !== '') doc.text(piece.text, x, y, { ...WHOLE_RUN, lineBreak: false });
    return;
  }
  // fontkit would have laid the whole piece out right to left: its segments go right to left, each keeping that order inside.
  const reversed = shapedRightToLeft(piece.text);
  let left = x;
  for (const segment of reversed ? segments.slice().reverse() : segments) {
    const text = reversed && !shapedRightToLeft(segment.text) ? reverseCodePoints(segment.text) : segment.text;
    const at = left;
    const draw = () => doc.text(text, at, y, { ...WHOLE_RUN, lineBreak: false });
    if (segment.actual) withActualText(doc, segment.actual, draw);
    else if (text.trim() !== '') draw();
    left += widthOf(doc, text);
  }
}

function drawPieces(doc: Doc, pieces: VisualPiece[], box: LineBox, direction: 'rtl' | 'ltr'): number {
  const align = box.align ?? (direction === 'rtl' ? 'right' : 'left');
  const pieceWidths = pieces.map((piece) => widthOf(doc, piece.text));
  const total = pieceWidths.reduce((a, b) => a + b, 0);
  let x = align === 'left' ? box.x : align === 'right' ? box.x + box.width - total : box.x + (box.width - total) / 2;
  pieces.forEach((piece, i) => {
    drawPiece(doc, piece, x, box.y);
    x += pieceWidths[i];
  });
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
  return taggedLine(doc, paragraph.direction, () => drawPieces(doc, linePieces(paragraph), box, paragraph.direction));
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
      taggedLine(doc, paragraph.direction, () => drawPieces(doc, pieces, { ...box, y: lineY }, paragraph.direction));
      y += box.lineHeight;
    }),
  );
  return y;
}
