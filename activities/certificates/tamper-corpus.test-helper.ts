/**
 * Test-only: the tamper corpus, five ways a signed certificate PDF is changed after issue, each
 * made the way a forger would (real incremental updates, a real rewrite by qpdf), so verifiers
 * can be checked against them: one byte changed inside the signed range; an incremental update
 * painting visible text on the page; an /Info-only incremental update; bytes appended; a rewrite.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runTool } from './pdf-tools.test-helper';
import { appendIncrementalUpdate } from './ltv/incremental-update';

export interface TamperCorpus {
  byteChanged: Buffer;
  visibleText: Buffer;
  infoOnly: Buffer;
  appended: Buffer;
  rewritten: Buffer;
}

/** The text the visible-text update paints on the page. */
export const PAINTED_TEXT = 'VOID - CHANGED AFTER SIGNING';

const latin1 = (pdf: Buffer): string => pdf.toString('latin1');

function lastMatch(text: string, pattern: RegExp): RegExpExecArray {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) last = match as RegExpExecArray;
  if (!last) throw new Error(`the PDF has no ${pattern.source}`);
  return last;
}

/** The text between `num 0 obj` and `endobj` of an object's last definition (dictionaries only). */
export function objectText(pdf: Buffer, num: number): string {
  return lastMatch(latin1(pdf), new RegExp(`(?<![0-9])${num} 0 obj\\s*([\\s\\S]*?)\\s*endobj`))[1];
}

const refNumber = (dict: string, key: string): number => Number(lastMatch(dict, new RegExp(`/${key}\\s+([0-9]+)\\s+0\\s+R`))[1]);

/** An incremental update of the given objects (`ltv/incremental-update.ts`, the writer the issuer's own updates use), bodies as text. */
export const incrementalUpdate = (pdf: Buffer, objects: { num: number; body: string }[]): Buffer =>
  appendIncrementalUpdate(pdf, objects.map(({ num, body }) => ({ num, body: Buffer.from(body, 'latin1') })));

const nextObjectNumber = (pdf: Buffer): number => Number(lastMatch(latin1(pdf), /trailer\s*<<[\s\S]*?\/Size\s+([0-9]+)/)[1]);

function pageNumber(pdf: Buffer): number {
  return Number(lastMatch(latin1(pdf), /(?<![0-9])([0-9]+) 0 obj\s*<<\s*\/Type \/Page\b(?!s)/)[1]);
}

/** An update that paints red text across page 1: a new content stream and font, the page and its resources replaced. */
export function paintText(pdf: Buffer, words = PAINTED_TEXT): Buffer {
  const page = pageNumber(pdf);
  const pageDict = objectText(pdf, page);
  const resources = refNumber(pageDict, 'Resources');
  const [stream, font] = [nextObjectNumber(pdf), nextObjectNumber(pdf) + 1];
  const drawing = `q BT /TamperFont 26 Tf 0.85 0 0 rg 40 430 Td (${words}) Tj ET Q`;
  return incrementalUpdate(pdf, [
    { num: stream, body: `<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream` },
    { num: font, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' },
    { num: resources, body: objectText(pdf, resources).replace(/\/Font\s*<</, `/Font <<\n/TamperFont ${font} 0 R`) },
    { num: page, body: pageDict.replace(/\/Contents\s+([0-9]+ 0 R)/, `/Contents [$1 ${stream} 0 R]`) },
  ]);
}

/** An update that touches the document information only: a new /Title string and the Info dictionary with a /ModDate. */
export function changeInfo(pdf: Buffer, entries: Record<string, string> = { Title: 'Changed after signing' }): Buffer {
  const text = latin1(pdf);
  const info = Number(lastMatch(text, /\/Info\s+([0-9]+)\s+0\s+R/)[1]);
  const infoDict = objectText(pdf, info);
  const objects: { num: number; body: string }[] = [];
  let dict = infoDict.replace(/^<</, '<<\n/ModDate (D:20270101000000Z)');
  for (const [key, value] of Object.entries(entries)) {
    const existing = new RegExp(`/${key}\\s+([0-9]+)\\s+0\\s+R`).exec(dict);
    if (existing) objects.push({ num: Number(existing[1]), body: `(${value})` });
    else dict = dict.replace(/^<</, `<<\n/${key} (${value})`);
  }
  objects.push({ num: info, body: dict });
  return incrementalUpdate(pdf, objects);
}

/** The five tampered copies of a signed certificate PDF; `dir` is scratch space for qpdf. */
export async function tamperCorpus(signed: Buffer, dir: string): Promise<TamperCorpus> {
  const byteChanged = Buffer.from(signed);
  const title = latin1(signed).indexOf('(Software Technical Approval Certificate');
  if (title < 0) throw new Error('the PDF has no certificate title to change');
  byteChanged[title + 1] = 'X'.charCodeAt(0);

  await fs.mkdir(dir, { recursive: true });
  const input = path.join(dir, 'signed-for-rewrite.pdf');
  const output = path.join(dir, 'rewritten.pdf');
  await fs.writeFile(input, signed);
  const qpdf = runTool('qpdf', [input, output]);
  if (qpdf.status !== 0) throw new Error(`qpdf could not rewrite the PDF: ${qpdf.stderr}`);

  return {
    byteChanged,
    visibleText: paintText(signed),
    infoOnly: changeInfo(signed),
    appended: Buffer.concat([signed, Buffer.from('\nThese words were appended after signing.\n', 'latin1')]),
    rewritten: await fs.readFile(output),
  };
}
