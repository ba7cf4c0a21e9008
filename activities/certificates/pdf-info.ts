/**
 * Reads a string entry of the document Info dictionary straight from the bytes, following
 * the last trailer's /Info and one level of indirect reference (pdfkit writes each Info value
 * as its own object). Covers classic xref files such as ours; files that keep their objects
 * in compressed object streams give null.
 */

/** Info dictionary key holding the canonical certificate number (written by renderCertificatePdf). */
export const INFO_CERTIFICATE_NUMBER = 'CertificateNumber';

const MAX_OBJECT_CHARS = 64 * 1024;

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(pattern)) last = match as RegExpExecArray;
  return last;
}

/** The body of object `num gen`, from its last definition (later incremental updates win). */
function objectBody(text: string, num: string, gen: string): string | null {
  const header = lastMatch(text, new RegExp(`(?<![0-9])${num}\\s+${gen}\\s+obj\\b`, 'g'));
  if (!header) return null;
  const start = header.index + header[0].length;
  const end = text.indexOf('endobj', start);
  if (end < 0 || end - start > MAX_OBJECT_CHARS) return null;
  return text.slice(start, end).trim();
}

function decodeLiteral(body: string): Buffer | null {
  if (!body.startsWith('(')) return null;
  const bytes: number[] = [];
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      const next = body[++i];
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (next in escapes) bytes.push(escapes[next]);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(body.slice(i))![0];
        bytes.push(parseInt(octal, 8) & 0xff);
        i += octal.length - 1;
      } else if (next === '\r' && body[i + 1] === '\n') i++;
      else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0));
      continue;
    }
    if (ch === '(') {
      if (depth++ === 0) continue;
    } else if (ch === ')') {
      if (--depth === 0) return Buffer.from(bytes);
    }
    bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return null;
}

function decodeHex(body: string): Buffer | null {
  const match = /^<([0-9a-fA-F\s]*)>/.exec(body);
  if (!match) return null;
  const hex = match[1].replace(/\s/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function decodeTextString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1'); // PDFDocEncoding agrees with Latin-1 for the characters we store
}

function stringValue(text: string, value: string, depth = 0): string | null {
  const ref = /^(\d+)\s+(\d+)\s+R\b/.exec(value);
  if (ref) {
    if (depth > 0) return null;
    const body = objectBody(text, ref[1], ref[2]);
    return body === null ? null : stringValue(text, body, depth + 1);
  }
  const bytes = decodeLiteral(value) ?? decodeHex(value);
  return bytes ? decodeTextString(bytes) : null;
}

/** The value of `/<key>` in the Info dictionary, or null when absent or unreadable. */
export function readInfoString(pdf: Buffer, key: string): string | null {
  if (!/^[A-Za-z0-9]+$/.test(key)) throw new RangeError('Info key must be alphanumeric');
  const text = pdf.toString('latin1');
  const info = lastMatch(text, /\/Info\s+(\d+)\s+(\d+)\s+R/g);
  if (!info) return null;
  const dict = objectBody(text, info[1], info[2]);
  if (!dict) return null;
  const entry = new RegExp(`/${key}(?![A-Za-z0-9#])\\s*`).exec(dict);
  if (!entry) return null;
  return stringValue(text, dict.slice(entry.index + entry[0].length));
}
