/**
 * The record hash: SHA-256 over what the certificate states — number, family, holder, subject
 * and dates — as they appear in the public record. The PDF prints its first 16 hex digits (the
 * "short hash"); the public record carries the whole digest, so a reader can check a printed or
 * shown certificate against the register without the file, and recompute the digest themselves.
 *
 * Canonical form: the JSON object { number, family, holder: { name, nationalId }, subject,
 * issuedAt, expiresAt } (dates as ISO 8601 UTC with milliseconds, as the public record gives them)
 * serialised per RFC 8785 (JCS): keys sorted, no whitespace. All values are strings or lists of
 * strings, so JSON.stringify of a key-sorted copy is exactly JCS.
 *
 * A PDF cannot carry the SHA-256 of its own bytes; that one (`sha256` in the record) is checked
 * when a file is uploaded to the verifier.
 */
import crypto from 'node:crypto';

export interface RecordHashInput {
  number: string;
  /** The template key, e.g. software-technical-approval (the record's `family`). */
  family: string;
  holder: { name: string; nationalId: string };
  subject: Record<string, unknown>;
  issuedAt: Date | string;
  expiresAt: Date | string;
}

export const SHORT_HASH_LENGTH = 16;

/** RFC 8785 for JSON made of objects, arrays, strings, booleans, null and safe integers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('record hash: only integers are canonical numbers here');
  return JSON.stringify(value);
}

const iso = (date: Date | string): string => (typeof date === 'string' ? new Date(date) : date).toISOString();

export function recordCanonicalJson(input: RecordHashInput): string {
  return canonicalJson({
    number: input.number,
    family: input.family,
    holder: { name: input.holder.name, nationalId: input.holder.nationalId },
    subject: input.subject,
    issuedAt: iso(input.issuedAt),
    expiresAt: iso(input.expiresAt),
  });
}

/** Hex SHA-256 of the canonical record. */
export function recordSha256(input: RecordHashInput): string {
  return crypto.createHash('sha256').update(recordCanonicalJson(input), 'utf8').digest('hex');
}

/** The part of the record hash printed on the certificate. */
export function shortRecordHash(sha256Hex: string): string {
  return sha256Hex.slice(0, SHORT_HASH_LENGTH);
}
