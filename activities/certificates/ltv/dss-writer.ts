/**
 * PAdES-BASELINE-LT: the catalog's Document Security Store (ETSI EN 319 142-1 §5.4.2, ISO 32000-2
 * 12.8.4.3) added by an incremental update after the signature: /Certs, /CRLs and /OCSPs, each an
 * array of streams holding one DER certificate, CRL or OCSPResponse. Pure: takes the PDF and the
 * DER, returns the PDF with the update appended; the signed bytes are never rewritten.
 *
 * A second call (after a document time-stamp, or a re-stamp) replaces the DSS dictionary with one
 * that keeps every earlier stream and adds only the blobs not stored yet; the catalog already
 * points at it and is left alone. No /VRI: EU DSS and pyHanko use the whole store.
 */
import { appendIncrementalUpdate, dictionaryBody, objectDictionary, PdfObject, readTrailer, streamBody } from './incremental-update';

export interface ValidationData {
  certificates: Buffer[];
  crls: Buffer[];
  ocspResponses: Buffer[];
}

type DssKey = 'Certs' | 'CRLs' | 'OCSPs';

const KEY_OF: Record<keyof ValidationData, DssKey> = { certificates: 'Certs', crls: 'CRLs', ocspResponses: 'OCSPs' };

const refArray = (dict: string, key: DssKey): number[] => {
  const match = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dict);
  return match ? [...match[1].matchAll(/([0-9]+)\s+0\s+R/g)].map((m) => Number(m[1])) : [];
};

/** The data of a stream whose /Length is a direct number (as the streams this writer adds). */
function streamData(pdf: Buffer, num: number): Buffer | null {
  const text = pdf.toString('latin1');
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(new RegExp(`(?<![0-9])${num}\\s+0\\s+obj\\s*<<[^>]*?/Length\\s+([0-9]+)\\s*>>\\s*stream\\r?\\n`, 'g'))) last = m as RegExpExecArray;
  if (!last) return null;
  const start = last.index + last[0].length;
  return pdf.subarray(start, start + Number(last[1]));
}

const hasDssKey = (catalog: string): RegExpExecArray | null => /\/DSS\s+([0-9]+)\s+0\s+R/.exec(catalog);

/** The PDF with an incremental update adding (or extending) the DSS; the same PDF when every blob is already stored. */
export function appendValidationData(pdf: Buffer, data: ValidationData): Buffer {
  const trailer = readTrailer(pdf);
  const catalog = objectDictionary(pdf, trailer.root);
  const existingDss = hasDssKey(catalog);
  const oldDict = existingDss ? objectDictionary(pdf, Number(existingDss[1])) : '';
  const objects: PdfObject[] = [];
  let next = trailer.size;
  const arrays = {} as Record<DssKey, number[]>;
  let added = 0;
  for (const field of Object.keys(KEY_OF) as (keyof ValidationData)[]) {
    const key = KEY_OF[field];
    const refs = refArray(oldDict, key);
    const stored = refs.map((ref) => streamData(pdf, ref)).filter((d): d is Buffer => d !== null);
    for (const der of data[field]) {
      if (stored.some((s) => s.equals(der))) continue;
      stored.push(der);
      objects.push({ num: next, body: streamBody(der) });
      refs.push(next++);
      added++;
    }
    arrays[key] = refs;
  }
  if (added === 0) return pdf;
  const dssNum = existingDss ? Number(existingDss[1]) : next++;
  const entries = (Object.entries(arrays) as [DssKey, number[]][]).filter(([, refs]) => refs.length).map(([key, refs]) => `/${key} [${refs.map((r) => `${r} 0 R`).join(' ')}]`);
  objects.push({ num: dssNum, body: dictionaryBody(`<< /Type /DSS ${entries.join(' ')} >>`) });
  if (!existingDss) objects.push({ num: trailer.root, body: dictionaryBody(catalog.replace(/>>\s*$/, `/DSS ${dssNum} 0 R\n>>`)) });
  return appendIncrementalUpdate(pdf, objects);
}
