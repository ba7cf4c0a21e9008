/**
 * Unicode bidi (UAX #9) for pdfkit, which has none of its own.
 *
 * pdfkit hands each string to fontkit, which shapes it and reverses the glyphs when the
 * first non-Common character belongs to a right-to-left script. So we split a line into
 * level runs, put the runs in visual order (rule L2), and prepare each run so that
 * fontkit's own reversal gives the right result:
 * - odd (RTL) runs with Persian letters go through unchanged, after bracket mirroring;
 * - odd runs of neutrals only (": ", " - ") would not be reversed by fontkit, so we reverse them;
 * - even (LTR) runs keep logical order, but pieces holding Persian digits would be reversed by
 *   fontkit (digits are Arabic script), so those pieces are pre-reversed.
 */
import bidiFactory from 'bidi-js';

export type BaseDirection = 'rtl' | 'ltr' | 'auto';

/** A piece of a line in left-to-right drawing order, with its text ready for pdfkit. */
export interface VisualPiece {
  text: string;
  /** True when the piece sits in a right-to-left run. */
  rtl: boolean;
  /**
   * The logical characters `text` draws, in the same order as `text` (so before mirroring a
   * bracket); omitted when it equals `text`.
   */
  source?: string;
  /** Index in the paragraph of the piece's first logical character; absent for added text (an ellipsis). */
  logicalStart?: number;
}

const bidi = bidiFactory();
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const NEUTRAL_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;

interface LevelRun {
  start: number;
  end: number; // exclusive
  level: number;
}

const reverseCodePoints = (s: string): string => [...s].reverse().join('');

function levelRuns(levels: Uint8Array, start: number, end: number): LevelRun[] {
  const runs: LevelRun[] = [];
  for (let i = start; i < end; i++) {
    const last = runs[runs.length - 1];
    if (last && last.level === levels[i]) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level: levels[i] });
  }
  return runs;
}

/** UAX #9 rule L2: from the highest level down to the lowest odd level, reverse every sequence of runs at that level or higher. */
function visualOrder(runs: LevelRun[]): LevelRun[] {
  const order = runs.slice();
  if (order.length === 0) return order;
  const highest = Math.max(...order.map((r) => r.level));
  const lowestOdd = Math.min(...order.map((r) => (r.level % 2 === 1 ? r.level : r.level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if (order[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && order[j].level >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order;
}

/** Splits an LTR run where it changes between RTL-script characters (Persian digits) and other strong characters. */
function ltrPieces(text: string, start: number): VisualPiece[] {
  const pieces: { text: string; rtlScript: boolean; start: number }[] = [];
  let at = start;
  for (const ch of text) {
    const last = pieces[pieces.length - 1];
    const rtlScript = RTL_SCRIPT.test(ch);
    if (last && (NEUTRAL_SCRIPT.test(ch) || last.rtlScript === rtlScript)) {
      last.text += ch;
      last.rtlScript ||= rtlScript;
    } else {
      pieces.push({ text: ch, rtlScript, start: at });
    }
    at += ch.length;
  }
  return pieces.map((p) => ({ text: p.rtlScript ? reverseCodePoints(p.text) : p.text, rtl: false, logicalStart: p.start }));
}

/** 'L' or 'R' for a character of strong direction (bidi classes L, R, AL), else null. */
export function strongDirectionOf(ch: string): 'L' | 'R' | null {
  const type: string = bidi.getBidiCharTypeName(ch);
  return type === 'L' ? 'L' : type === 'R' || type === 'AL' ? 'R' : null;
}

/** Whether fontkit lays `text` out right to left: its first character of a definite script is right-to-left. */
export function shapedRightToLeft(text: string): boolean {
  for (const ch of text) if (!NEUTRAL_SCRIPT.test(ch)) return RTL_SCRIPT.test(ch);
  return false;
}

function rtlPiece(text: string, levels: Uint8Array, run: LevelRun): VisualPiece {
  const mirrors = bidi.getMirroredCharactersMap(text, levels, run.start, run.end - 1);
  let logical = '';
  for (let i = run.start; i < run.end; i++) logical += mirrors.get(i) ?? text[i];
  const source = text.slice(run.start, run.end);
  const shaped = RTL_SCRIPT.test(logical);
  const piece = { text: shaped ? logical : reverseCodePoints(logical), rtl: true, logicalStart: run.start };
  return mirrors.size === 0 ? piece : { ...piece, source: shaped ? source : reverseCodePoints(source) };
}

/** A paragraph with its resolved embedding levels, so each wrapped line is reordered in paragraph context. */
export interface BidiParagraph {
  text: string;
  levels: Uint8Array;
  direction: 'rtl' | 'ltr';
}

/** Runs the bidi algorithm over one paragraph (no line breaks inside). */
export function bidiParagraph(text: string, base: BaseDirection): BidiParagraph {
  const embedding = bidi.getEmbeddingLevels(text, base);
  const level = embedding.paragraphs[0]?.level ?? (base === 'rtl' ? 1 : 0);
  return { text, levels: embedding.levels, direction: level % 2 === 1 ? 'rtl' : 'ltr' };
}

/** Visual pieces, left to right, of the line text[start, end) of a paragraph (UAX #9 rules L1–L2 per line). */
export function linePieces(paragraph: BidiParagraph, start = 0, end = paragraph.text.length): VisualPiece[] {
  const { text } = paragraph;
  // L1: whitespace at the end of a line takes the paragraph level.
  const levels = paragraph.levels.slice();
  const paragraphLevel = paragraph.direction === 'rtl' ? 1 : 0;
  for (let i = end - 1; i >= start && /\s/.test(text[i]); i--) levels[i] = paragraphLevel;

  const pieces: VisualPiece[] = [];
  for (const run of visualOrder(levelRuns(levels, start, end))) {
    if (run.level % 2 === 1) pieces.push(rtlPiece(text, levels, run));
    else pieces.push(...ltrPieces(text.slice(run.start, run.end), run.start));
  }
  return pieces;
}

/** Visual pieces of a single line, left to right; 'auto' takes the direction from the first strong character. */
export function visualPieces(line: string, base: BaseDirection): VisualPiece[] {
  return line.length === 0 ? [] : linePieces(bidiParagraph(line, base));
}

/** The paragraph direction bidi resolves for `text` under `base`. */
export function resolvedDirection(text: string, base: BaseDirection): 'rtl' | 'ltr' {
  return base === 'auto' ? bidiParagraph(text, base).direction : base;
}
