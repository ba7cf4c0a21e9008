/**
 * PAdES-BASELINE-LTA: a document time-stamp (ETSI EN 319 142-1 §5.4.3, ISO 32000-2 12.8.5) added
 * by an incremental update: a signature dictionary /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161,
 * whose /Contents is an RFC 3161 token over the SHA-256 of the bytes its /ByteRange covers (the
 * whole file but /Contents, this update included). Its field is invisible (/Rect [0 0 0 0], which
 * PDF/A allows without an appearance), printed and locked, and joins the AcroForm's /Fields; the
 * page is not replaced. Bytes before the update are never rewritten.
 */
import { createHash } from 'node:crypto';
import type { TimeStamper } from '../timestamp/time-stamper';
import { appendIncrementalUpdate, dictionaryBody, objectDictionary, readTrailer } from './incremental-update';

/** Room for the token: its CMS, the TSA certificate and its chain. */
export const DOCUMENT_TIME_STAMP_CONTENTS_BYTES = 12 * 1024;
const BYTE_RANGE_WIDTH = 10;
const BYTE_RANGE_PLACEHOLDER = `/ByteRange [0 ${'0'.repeat(BYTE_RANGE_WIDTH)} ${'0'.repeat(BYTE_RANGE_WIDTH)} ${'0'.repeat(BYTE_RANGE_WIDTH)}]`;

const formatDate = (date: Date): string => `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** The AcroForm's object number (pdfkit writes it as an indirect dictionary). */
function acroFormOf(pdf: Buffer, catalog: string): number {
  const match = /\/AcroForm\s+([0-9]+)\s+0\s+R/.exec(catalog);
  if (!match) throw new Error('the PDF has no indirect /AcroForm to add the document time-stamp field to');
  return Number(match[1]);
}

function firstPage(pdf: Buffer): number | null {
  const match = /(?<![0-9])([0-9]+)\s+0\s+obj\s*<<\s*\/Type\s*\/Page\b(?!s)/.exec(pdf.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** The PDF with a document time-stamp appended, stamped by `timeStamper`. */
export async function appendDocumentTimeStamp(pdf: Buffer, timeStamper: TimeStamper, { now = new Date() }: { now?: Date } = {}): Promise<Buffer> {
  const trailer = readTrailer(pdf);
  const catalog = objectDictionary(pdf, trailer.root);
  const acroForm = acroFormOf(pdf, catalog);
  const formDict = objectDictionary(pdf, acroForm);
  const [sigNum, fieldNum] = [trailer.size, trailer.size + 1];
  const page = firstPage(pdf);

  const placeholder = `<${'0'.repeat(DOCUMENT_TIME_STAMP_CONTENTS_BYTES * 2)}>`;
  const signature = `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 ${BYTE_RANGE_PLACEHOLDER} /Contents ${placeholder} /M (${formatDate(now)}) >>`;
  const field = `<< /Type /Annot /Subtype /Widget /FT /Sig /T (ITO-DocumentTimeStamp-${sigNum}) /V ${sigNum} 0 R /Rect [0 0 0 0] /F 132${page === null ? '' : ` /P ${page} 0 R`} >>`;
  const fields = /\/Fields\s*\[/.exec(formDict);
  if (!fields) throw new Error('the AcroForm has no /Fields array');
  const newForm = `${formDict.slice(0, fields.index + fields[0].length)}${formDict.slice(fields.index + fields[0].length).replace(/\]/, ` ${fieldNum} 0 R]`)}`;

  const updated = appendIncrementalUpdate(pdf, [
    { num: sigNum, body: dictionaryBody(signature) },
    { num: fieldNum, body: dictionaryBody(field) },
    { num: acroForm, body: dictionaryBody(newForm) },
  ]);

  const text = updated.toString('latin1');
  const byteRangeOffset = text.indexOf(BYTE_RANGE_PLACEHOLDER, pdf.length);
  const contentsStart = text.indexOf(placeholder, byteRangeOffset);
  const contentsEnd = contentsStart + placeholder.length;
  const byteRange = `/ByteRange [0 ${contentsStart} ${contentsEnd} ${updated.length - contentsEnd}]`;
  if (byteRange.length > BYTE_RANGE_PLACEHOLDER.length) throw new Error('the PDF is too large for the document time-stamp /ByteRange');
  updated.write(byteRange.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), byteRangeOffset, 'latin1');

  const digest = createHash('sha256').update(updated.subarray(0, contentsStart)).update(updated.subarray(contentsEnd)).digest();
  const tokenHex = (await timeStamper(digest)).toString('hex');
  if (tokenHex.length > placeholder.length - 2) throw new Error(`the time-stamp token needs ${tokenHex.length / 2} bytes but the placeholder holds ${DOCUMENT_TIME_STAMP_CONTENTS_BYTES}`);
  updated.write(tokenHex, contentsStart + 1, 'latin1');
  return updated;
}
