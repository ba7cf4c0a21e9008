/**
 * Finding the signature's /ByteRange and /Contents in the raw bytes of a PDF, for signing
 * (the empty placeholder) and for verifying (the filled signature).
 */
import { BYTE_RANGE_PLACEHOLDER_TEXT } from './signature-placeholder';

export type ByteRange = [number, number, number, number];

export interface Placeholder {
  /** Offset of the `/ByteRange [0 /********** …]` text to overwrite. */
  byteRangeOffset: number;
  /** Offset of `<` opening the /Contents hex string. */
  contentsStart: number;
  /** Offset just past the closing `>`. */
  contentsEnd: number;
}

export interface FilledSignature {
  byteRange: ByteRange;
  /** Whether the gap between the two ranges is exactly one `<hex>` string right after /Contents. */
  gapIsContents: boolean;
  /** The hex digits inside /Contents (only when gapIsContents). */
  contentsHex: string | null;
}

const latin1 = (pdf: Buffer): string => pdf.toString('latin1');

export function findPlaceholder(pdf: Buffer): Placeholder {
  const text = latin1(pdf);
  const byteRangeOffset = text.indexOf(BYTE_RANGE_PLACEHOLDER_TEXT);
  if (byteRangeOffset < 0) throw new Error('no signature placeholder: render the PDF with renderCertificatePdf first');
  if (text.indexOf(BYTE_RANGE_PLACEHOLDER_TEXT, byteRangeOffset + 1) >= 0) throw new Error('more than one signature placeholder');
  const dictEnd = text.indexOf('>>', byteRangeOffset);
  const contents = /\/Contents\s*</g;
  contents.lastIndex = byteRangeOffset;
  const match = contents.exec(text);
  if (!match || dictEnd < 0 || match.index > dictEnd) throw new Error('no /Contents beside the placeholder /ByteRange');
  const contentsStart = match.index + match[0].length - 1;
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  if (!/^<0+>$/.test(text.slice(contentsStart, contentsEnd))) throw new Error('the /Contents placeholder is not empty');
  return { byteRangeOffset, contentsStart, contentsEnd };
}

/** The first filled signature in the file, or null when there is none. */
export function findFilledSignature(pdf: Buffer): FilledSignature | null {
  const text = latin1(pdf);
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!match) return null;
  const byteRange = match.slice(1, 5).map(Number) as ByteRange;
  const [, gapStart, gapEnd] = byteRange;
  const gap = gapEnd > gapStart && gapEnd <= pdf.length ? text.slice(gapStart, gapEnd) : '';
  const before = text.slice(Math.max(0, gapStart - 32), gapStart);
  const gapIsContents = /^<[0-9a-fA-F]*>$/.test(gap) && gap.length > 2 && /\/Contents\s*$/.test(before);
  return { byteRange, gapIsContents, contentsHex: gapIsContents ? gap.slice(1, -1) : null };
}

export function hasUnfilledPlaceholder(pdf: Buffer): boolean {
  return latin1(pdf).includes(BYTE_RANGE_PLACEHOLDER_TEXT);
}

/** The bytes a ByteRange covers, or an error message when it points outside the file. */
export function signedBytes(pdf: Buffer, [a, b, c, d]: ByteRange): Buffer | string {
  if (a + b > c || c + d > pdf.length) return 'the /ByteRange points outside the file or its ranges overlap';
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}
