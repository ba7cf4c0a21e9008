/**
 * Appending an incremental update to a PDF (ISO 32000-1, 7.5.6) without touching a byte before it:
 * the new and replaced objects, a classic xref section for them, and a trailer chained to the
 * previous one by /Prev that keeps its /Root, /Info and /ID (PDF/A wants the /ID in every trailer).
 * Also reads what an update needs from the file: the last trailer, an object's last definition.
 */

export interface PdfObject {
  num: number;
  /** What goes between `num 0 obj` and `endobj`: a dictionary, or a dictionary and its stream. */
  body: Buffer;
}

export interface Trailer {
  size: number;
  root: number;
  info: number | null;
  id: string | null;
  /** Offset of the last xref section (the last startxref). */
  startxref: number;
}

const latin1 = (pdf: Buffer): string => pdf.toString('latin1');

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) last = match as RegExpExecArray;
  return last;
}

/** The last trailer (a classic `trailer << >>` as pdfkit and these updates write it). */
export function readTrailer(pdf: Buffer): Trailer {
  const text = latin1(pdf);
  const startxref = lastMatch(text, /startxref\s+([0-9]+)\s+%%EOF/);
  const dict = lastMatch(text, /trailer\s*<<([\s\S]*?)>>\s*startxref/);
  if (!startxref || !dict) throw new Error('the PDF has no classic trailer to chain an incremental update to');
  const number = (key: string): number | null => {
    const match = new RegExp(`/${key}\\s+([0-9]+)(?:\\s+0\\s+R)?`).exec(dict[1]);
    return match ? Number(match[1]) : null;
  };
  const size = number('Size');
  const root = number('Root');
  if (size === null || root === null) throw new Error('the PDF trailer has no /Size or /Root');
  return { size, root, info: number('Info'), id: /\/ID\s*(\[[^\]]*\])/.exec(dict[1])?.[1] ?? null, startxref: Number(startxref[1]) };
}

/** The text between `num 0 obj` and `endobj` of the object's last definition (a dictionary, no stream). */
export function objectDictionary(pdf: Buffer, num: number): string {
  const match = lastMatch(latin1(pdf), new RegExp(`(?<![0-9])${num}\\s+0\\s+obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`));
  if (!match) throw new Error(`object ${num} is not a dictionary in the PDF`);
  return match[1];
}

/** A stream object's body: its dictionary with the exact /Length, the data between EOLs. */
export function streamBody(data: Buffer, extraKeys = ''): Buffer {
  return Buffer.concat([Buffer.from(`<< /Length ${data.length}${extraKeys} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

export const dictionaryBody = (text: string): Buffer => Buffer.from(text, 'latin1');

/** The PDF with the objects appended as one incremental update ending in `%%EOF\n`. */
export function appendIncrementalUpdate(pdf: Buffer, objects: PdfObject[]): Buffer {
  const trailer = readTrailer(pdf);
  const parts: Buffer[] = [pdf];
  let length = pdf.length;
  const push = (part: Buffer | string): void => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(bytes);
    length += bytes.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push('\n');
  const offsets = new Map<number, number>();
  for (const { num, body } of objects) {
    offsets.set(num, length);
    push(`${num} 0 obj\n`);
    push(body);
    push('\nendobj\n');
  }
  const xrefOffset = length;
  // one subsection per run of consecutive numbers; entries are exactly 20 bytes
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(numbers[k])).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  const size = Math.max(trailer.size, ...numbers.map((n) => n + 1));
  const keys = [`/Size ${size}`, `/Root ${trailer.root} 0 R`, trailer.info === null ? '' : `/Info ${trailer.info} 0 R`, trailer.id ? `/ID ${trailer.id}` : '', `/Prev ${trailer.startxref}`].filter(Boolean);
  push(`${xref}trailer\n<< ${keys.join(' ')} >>\nstartxref\n${xrefOffset}\n%%EOF\n`);
  return Buffer.concat(parts, length);
}
