/**
 * Draws a shaped piece of text glyph by glyph, in an order text extractors read back as the
 * stored (logical) text, at the positions fontkit gives, so the printed page is what pdfkit's
 * own doc.text would print.
 *
 * Extractors disagree on how to read right-to-left text: poppler (pdftotext) sorts glyphs by
 * position and reverses right-to-left lines; pypdf keeps content-stream order, reverses runs of
 * right-to-left letters and neutrals within one text object, and starts afresh at each BT/ET or
 * font change. Both are satisfied when the piece is cut into *units*, each its own text object,
 * drawn in logical order:
 * - a run of strong letters of one direction is one unit, its glyphs in visual order (so a word
 *   stays a word for poppler and pypdf reverses an Arabic-script one into logical order);
 * - every other cluster (a space, a digit, punctuation, a ZWNJ, a bracket) is a unit of its own,
 *   which no reordering can turn around.
 * A ZWNJ, which fontkit draws with the space glyph, is drawn with the font's own zero-width ZWNJ
 * glyph (mapped to U+200C), a hair left of the glyph after it so that poppler, which sorts by
 * position, keeps it inside the word. A mirrored bracket (the glyph of ")" drawn for "(" in
 * right-to-left text) is drawn with a second copy of the font whose ToUnicode maps that glyph to
 * the stored character.
 */
import type PDFDocument from 'pdfkit';
import { strongDirectionOf } from './bidi-runs';

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's EmbeddedFont used here (pdfkit does not export its type). */
interface EmbeddedFont {
  id: string;
  /** In thousandths of the font size. */
  ascender: number;
  /** Thousandths of the font size per font unit. */
  scale: number;
  subset: { includeGlyph(glyphId: number): number };
  unicode: number[][];
  widths: number[];
  /** The fontkit font. */
  font: { glyphForCodePoint(codePoint: number): FontkitGlyph };
  layout(text: string, features: string[]): { glyphs: FontkitGlyph[]; positions: GlyphPosition[] };
  ref(): unknown;
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

/** In thousandths of the font size, as pdfkit's layout gives them. */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface PdfkitInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): Doc;
}

export interface DrawablePiece {
  /** The text as handed to fontkit (bidi-runs' VisualPiece.text). */
  text: string;
  /** The stored characters `text` stands for, in the same order; `text` when omitted. */
  source?: string;
  /** Whether fontkit lays `text` out right to left (it then reverses the glyphs). */
  shapedRightToLeft: boolean;
  /** Whether the piece reads right to left (its logical order is the reverse of its visual order). */
  rtl: boolean;
}

interface Cluster {
  glyphs: number[]; // indexes into the shaped run, in visual order
  source: string; // stored characters, logical order
  drawn: string;
}

const ZWNJ = '\u200c';
const RLM = '\u200f';
/** How far left of its pen position the zero-width ZWNJ glyph goes, in points (invisible either way). */
const ZWNJ_SHIFT = 0.01;
const MARKED_FONT_SUFFIX = ' (stored characters)';

const internals = (doc: Doc): PdfkitInternals => doc as unknown as PdfkitInternals;
const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);

/**
 * Groups the glyphs of a shaped run into clusters of the characters they stand for, walking
 * glyphs and characters in visual order; null when the glyphs do not account for the characters
 * one for one (then the piece is drawn as one unit).
 */
function clustersOf(glyphs: FontkitGlyph[], piece: DrawablePiece): Cluster[] | null {
  const visual = <T>(items: T[]): T[] => (piece.shapedRightToLeft ? items.slice().reverse() : items);
  const drawn = visual([...piece.text]);
  const source = visual([...(piece.source ?? piece.text)]);
  if (drawn.length !== source.length) return null;
  const clusters: Cluster[] = [];
  let at = 0;
  glyphs.forEach((glyph, i) => {
    const count = glyph.codePoints.length;
    if (count === 0 && clusters.length > 0) {
      clusters[clusters.length - 1].glyphs.push(i);
      return;
    }
    const chars = (from: string[]) => visual(from.slice(at, at + count)).join('');
    clusters.push({ glyphs: [i], source: chars(source), drawn: chars(drawn) });
    at += count;
  });
  return at === drawn.length ? clusters : null;
}

/**
 * A second embedded copy of the current font, kept per registered name, whose ToUnicode says what
 * mirrored brackets and ZWNJs stand for. Made directly: pdfkit would hand back the font already
 * embedded under the same PostScript name.
 */
function markedFont(doc: Doc, fontName: string): EmbeddedFont {
  const state = internals(doc);
  const key = `${fontName}${MARKED_FONT_SUFFIX}`;
  let font = state._fontFamilies[key];
  if (!font) {
    const base = state._font;
    const EmbeddedFontClass = base.constructor as new (document: Doc, font: unknown, id: string) => EmbeddedFont;
    font = new EmbeddedFontClass(doc, base.font, `F${++state._fontCount}`);
    state._fontFamilies[key] = font; // pdfkit embeds every font in this table when the document ends
  }
  return font;
}

/** The subset glyph id of `glyph` in `font`, recording its width and (unless already set) what it stands for. */
function encodeGlyph(font: EmbeddedFont, glyph: FontkitGlyph, stands: number[]): string | null {
  const gid = font.subset.includeGlyph(glyph.id);
  font.widths[gid] ??= glyph.advanceWidth * font.scale;
  if (font.unicode[gid] == null) font.unicode[gid] = stands;
  else if (font.unicode[gid].join() !== stands.join()) return null;
  return gid.toString(16).padStart(4, '0');
}

type ClusterKind = 'plain' | 'mirrored' | 'zwnj' | 'ligature';

function kindOf(cluster: Cluster, rtl: boolean): ClusterKind {
  if (cluster.source === ZWNJ) return 'zwnj';
  if (cluster.source !== cluster.drawn) return 'mirrored';
  if (rtl && cluster.glyphs.length === 1 && [...cluster.source].length > 1) return 'ligature';
  return 'plain';
}

/** The font's own ZWNJ glyph when it has one of zero width. */
function zwnjGlyph(font: EmbeddedFont): FontkitGlyph | null {
  const glyph = font.font.glyphForCodePoint(ZWNJ.codePointAt(0)!);
  return glyph.id !== 0 && glyph.advanceWidth === 0 ? glyph : null;
}

/** Zero-width glyphs without outline (ZWJ, ZWSP, LRM, RLM, BOM) the marked font lends to the characters of a ligature. */
const CARRIER_CODE_POINTS = [0x200d, 0x200b, 0x200e, 0x200f, 0xfeff];
const carriers = new WeakMap<EmbeddedFont, Map<string, FontkitGlyph>>();

/** The invisible glyph that stands for `char` in the marked font, or null when none is left. */
function carrierGlyph(marked: EmbeddedFont, char: string): FontkitGlyph | null {
  let assigned = carriers.get(marked);
  if (!assigned) carriers.set(marked, (assigned = new Map()));
  const known = assigned.get(char);
  if (known) return known;
  const taken = new Set([...assigned.values()].map((g) => g.id));
  for (const codePoint of CARRIER_CODE_POINTS) {
    const glyph = marked.font.glyphForCodePoint(codePoint);
    if (glyph.id !== 0 && glyph.advanceWidth === 0 && !taken.has(glyph.id)) {
      assigned.set(char, glyph);
      return glyph;
    }
  }
  return null;
}

/** Clusters drawn as one text object (glyphs in visual order). */
interface Unit {
  clusters: Cluster[];
  kind: ClusterKind;
}

function unitsOf(clusters: Cluster[], rtl: boolean): Unit[] {
  const logical = rtl ? clusters.slice().reverse() : clusters;
  const units: (Unit & { direction: string | null })[] = [];
  for (const cluster of logical) {
    const kind = kindOf(cluster, rtl);
    const direction = kind === 'plain' ? strongDirectionOf(cluster.source) : null;
    const last = units[units.length - 1];
    if (direction && last && last.direction === direction) last.clusters.push(cluster);
    else units.push({ clusters: [cluster], kind, direction });
  }
  return units.map(({ clusters: unitClusters, kind }) => ({ clusters: rtl ? unitClusters.slice().reverse() : unitClusters, kind }));
}

interface GlyphDraw {
  gid: string | null;
  at: { x: number; y: number };
}

/**
 * Draws `piece` with the current font (registered as `fontName`) and size, its left edge at x and
 * the top of its line at y (as doc.text does with the default baseline); returns false (drawing
 * nothing) when its glyphs cannot be matched to its characters, so the caller draws it the
 * ordinary way.
 */
export function drawExtractablePiece(doc: Doc, fontName: string, piece: DrawablePiece, x: number, y: number): boolean {
  const state = internals(doc);
  const font = state._font;
  const size = state._fontSize;
  const run = font.layout(piece.text, []);
  const clusters = clustersOf(run.glyphs, piece);
  if (!clusters) return false;

  // pen positions, in points, of every glyph in visual order
  const scale = size / 1000;
  const origins: { x: number; y: number }[] = [];
  let penX = x;
  let penY = 0;
  run.positions.forEach((position) => {
    origins.push({ x: penX + position.xOffset * scale, y: penY + position.yOffset * scale });
    penX += position.xAdvance * scale;
    penY += position.yAdvance * scale;
  });

  const units = unitsOf(clusters, piece.rtl);
  const marked = units.some((u) => u.kind === 'mirrored' || u.kind === 'ligature') ? markedFont(doc, fontName) : null;
  const zwnj = zwnjGlyph(font);
  const codePoints = (text: string): number[] => [...text].map((c) => c.codePointAt(0)!);

  const drawsOf = (cluster: Cluster, kind: ClusterKind): GlyphDraw[] => {
    const i = cluster.glyphs[0];
    if (kind === 'zwnj' && zwnj) return [{ gid: encodeGlyph(font, zwnj, codePoints(ZWNJ)), at: { ...origins[i], x: origins[i].x - ZWNJ_SHIFT } }];
    if (kind === 'mirrored' && marked) return cluster.glyphs.map((g) => ({ gid: encodeGlyph(marked, run.glyphs[g], codePoints(cluster.source)), at: origins[g] }));
    if (kind === 'ligature' && marked) {
      // The ligature glyph stands for its first character; each further character gets an
      // invisible glyph a hair to its left, the last one leftmost (visual order of a right-to-left cluster).
      const [first, ...rest] = [...cluster.source];
      const restDraws = rest.reverse().map((char, j) => {
        const carrier = carrierGlyph(marked, char);
        return { gid: carrier && encodeGlyph(marked, carrier, codePoints(char)), at: { ...origins[i], x: origins[i].x - ZWNJ_SHIFT * (rest.length - j) } };
      });
      return [...restDraws, { gid: encodeGlyph(marked, run.glyphs[i], codePoints(first)), at: origins[i] }];
    }
    return cluster.glyphs.map((g) => ({ gid: encodeGlyph(font, run.glyphs[g], run.glyphs[g].codePoints), at: origins[g] }));
  };
  const encoded = units.map((unit) => ({
    font: (unit.kind === 'mirrored' || unit.kind === 'ligature') && marked ? marked : font,
    glyphs: unit.clusters.flatMap((cluster) => drawsOf(cluster, unit.kind)),
  }));
  if (encoded.some((u) => u.glyphs.some((g) => g.gid === null))) return false;

  writeUnits(doc, encoded, y);
  return true;
}

/**
 * Marks the left end of a right-to-left line that ends (logically) in a bracket or other neutral
 * with an invisible RIGHT-TO-LEFT MARK just left of x. poppler reads a page with more Latin than
 * Persian left to right, and would put such a trailing bracket first; a strong right-to-left
 * character there keeps it at the end. Returns false when the font has no glyph to spare for it.
 */
export function drawRightToLeftMark(doc: Doc, fontName: string, x: number, y: number): boolean {
  const marked = markedFont(doc, fontName);
  const carrier = carrierGlyph(marked, RLM);
  const gid = carrier && encodeGlyph(marked, carrier, [RLM.codePointAt(0)!]);
  if (!gid) return false;
  writeUnits(doc, [{ font: marked, glyphs: [{ gid, at: { x: x - ZWNJ_SHIFT, y: 0 } }] }], y);
  return true;
}

/** Writes each unit as one text object, every glyph at its own position (y relative to the baseline). */
function writeUnits(doc: Doc, encoded: { font: EmbeddedFont; glyphs: GlyphDraw[] }[], y: number): void {
  const state = internals(doc);
  const size = state._fontSize;
  const baseline = state.page.height - y - (state._font.ascender / 1000) * size;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, state.page.height);
  for (const unit of encoded) {
    state.page.fonts[unit.font.id] ??= unit.font.ref();
    state.addContent('BT');
    state.addContent(`/${unit.font.id} ${fmt(size)} Tf`);
    for (const glyph of unit.glyphs) {
      state.addContent(`1 0 0 1 ${fmt(glyph.at.x)} ${fmt(baseline + glyph.at.y)} Tm`);
      state.addContent(`<${glyph.gid}> Tj`);
    }
    state.addContent('ET');
  }
  doc.restore();
}
