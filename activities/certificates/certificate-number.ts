/**
 * Certificate numbers.
 *
 * Format: `<FAMILY>-<JALALI YEAR>-<SEQUENCE>-<CHECK>`, for example `TA-1405-000123-7`.
 * - FAMILY: 2–4 uppercase ASCII letters naming the certificate family, the `family`
 *   of its template in definitions/certificate-templates/ (TA software technical
 *   approval, SA software health and authenticity, AL AFTA security-services
 *   licence, AP AFTA product security evaluation, CP cloud-provider profile,
 *   DG data-centre grading, DA data-centre audit-body qualification).
 * - JALALI YEAR: the four-digit Jalali (Solar Hijri) year of issue.
 * - SEQUENCE: six digits, 000001–999999, counted per family and year by the caller.
 * - CHECK: one character from 0-9A-Z, ISO/IEC 7064 MOD 37,36 computed over the
 *   alphanumerics of FAMILY + YEAR + SEQUENCE (hyphens excluded). The hybrid
 *   system catches every single-character substitution and every transposition
 *   of two adjacent characters.
 *
 * Parsing is forgiving about what people type (lowercase, surrounding spaces,
 * Persian or Arabic-Indic digits, typographic dashes) and returns the canonical form.
 */
import { toLatinDigits } from './digits';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MODULUS = 36;

export interface CertificateNumberParts {
  family: string;
  jalaliYear: number;
  sequence: number;
}

export type ParsedCertificateNumber =
  | ({ ok: true; number: string } & CertificateNumberParts)
  | { ok: false; reason: 'format' | 'check'; message: string };

/** ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36) check character for an alphanumeric string. */
export function mod3736CheckChar(payload: string): string {
  let product = MODULUS;
  for (const ch of payload) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new RangeError(`character ${JSON.stringify(ch)} is not in 0-9A-Z`);
    const sum = (product + value) % MODULUS || MODULUS;
    product = (sum * 2) % (MODULUS + 1);
  }
  return ALPHABET[(MODULUS + 1 - product) % MODULUS];
}

export function formatCertificateNumber({ family, jalaliYear, sequence }: CertificateNumberParts): string {
  if (!/^[A-Z]{2,4}$/.test(family)) {
    throw new RangeError(`family must be 2-4 uppercase letters, got ${JSON.stringify(family)}`);
  }
  if (!Number.isInteger(jalaliYear) || jalaliYear < 1000 || jalaliYear > 9999) {
    throw new RangeError(`jalaliYear must be a four-digit integer, got ${jalaliYear}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`sequence must be an integer from 1 to 999999, got ${sequence}`);
  }
  const year = String(jalaliYear);
  const seq = String(sequence).padStart(6, '0');
  return `${family}-${year}-${seq}-${mod3736CheckChar(family + year + seq)}`;
}

const NUMBER_PATTERN = /^([A-Z]{2,4})-(\d{4})-(\d{6})-([0-9A-Z])$/;

export function parseCertificateNumber(text: string): ParsedCertificateNumber {
  const normalised = toLatinDigits(String(text))
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212\u00ad\u0640]/g, '-'); // dashes, minus, soft hyphen, tatweel
  const match = NUMBER_PATTERN.exec(normalised);
  if (!match) {
    return {
      ok: false,
      reason: 'format',
      message: 'a certificate number looks like TA-1405-000123-7: family letters, Jalali year, six-digit sequence, check character',
    };
  }
  const [, family, year, seq, check] = match;
  const sequence = Number(seq);
  if (sequence === 0) {
    return { ok: false, reason: 'format', message: 'the sequence must be between 000001 and 999999' };
  }
  if (mod3736CheckChar(family + year + seq) !== check) {
    return { ok: false, reason: 'check', message: 'the check character does not match: the number was probably mistyped' };
  }
  return { ok: true, family, jalaliYear: Number(year), sequence, number: normalised };
}
