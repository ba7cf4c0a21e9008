/**
 * The signing time the signer claims in the signature dictionary's /M (a PDF date, ISO 32000-1
 * 7.9.4), for telling a revocation before signing from one after it until a time-stamp gives a
 * trusted time. Only the dictionary around the first filled signature is looked at.
 */
import { ByteRange } from '../pdf-signature-slot';

const PDF_DATE = /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?\)/;

export function claimedSigningTime(pdf: Buffer, byteRange: ByteRange): Date | null {
  const [, gapStart, gapEnd] = byteRange;
  // the dictionary's other keys sit just before /Contents or just after it, up to its << and >>
  const before = pdf.subarray(Math.max(0, gapStart - 2048), gapStart).toString('latin1');
  const after = pdf.subarray(gapEnd, Math.min(pdf.length, gapEnd + 2048)).toString('latin1');
  const end = after.indexOf('>>');
  const match = PDF_DATE.exec(`${before.slice(Math.max(0, before.lastIndexOf('<<')))} ${end >= 0 ? after.slice(0, end) : after}`);
  if (!match) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh = '00', om = '00'] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offsetMs = sign ? (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const time = new Date(utc - offsetMs);
  return Number.isNaN(time.getTime()) ? null : time;
}
