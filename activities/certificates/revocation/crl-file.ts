/**
 * A CRL file on disk, written by its key holder: reissued when the revocations changed or the
 * one there is getting old, else left alone (so an hourly run rewrites nothing most hours).
 */
import { KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { writeFileAtomically } from './atomic-write';
import { buildCrl, parseCrl, ParsedCrl } from './crl';
import { Revocation } from './reasons';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface CrlSchedule {
  /** How long a CRL is valid for (nextUpdate − thisUpdate). */
  validityMs: number;
  /** A CRL older than this is reissued, well before its nextUpdate. */
  refreshAfterMs: number;
}

/** Issuing CAs' CRLs: valid 7 days, reissued daily (the worker checks hourly). */
export const ISSUING_CRL_SCHEDULE: CrlSchedule = { validityMs: 7 * DAY, refreshAfterMs: DAY };
/** The root's CRL: signed only at a ceremony (the root key is offline), so valid a year. */
export const ROOT_CRL_SCHEDULE: CrlSchedule = { validityMs: 365 * DAY, refreshAfterMs: 0 };

export async function readCrlFile(file: string): Promise<ParsedCrl | null> {
  try {
    return parseCrl(await fs.readFile(file));
  } catch {
    return null; // absent or unreadable: a new one is written
  }
}

/** Whether the CRL on disk lists exactly `revoked` (serial, time to the second, reason). */
export function listsExactly(crl: ParsedCrl, revoked: Revocation[]): boolean {
  if (crl.revoked.size !== revoked.length) return false;
  return revoked.every((r) => {
    const entry = crl.revoked.get(r.serial);
    return entry !== undefined && entry.reason === r.reason && Math.floor(entry.revokedAt.getTime() / 1000) === Math.floor(r.revokedAt.getTime() / 1000);
  });
}

export function isFresh(crl: ParsedCrl, revoked: Revocation[], schedule: CrlSchedule, now: Date): boolean {
  return listsExactly(crl, revoked) && crl.nextUpdate !== null && now.getTime() - crl.thisUpdate.getTime() < schedule.refreshAfterMs && now < crl.nextUpdate;
}

/** Writes a new CRL to `file` unless `force` is false and the one there is fresh and current. Returns whether it wrote. */
export async function publishCrlFile(
  file: string,
  issuer: { certPem: string; key: KeyObject },
  revoked: Revocation[],
  schedule: CrlSchedule,
  now: Date,
  force = false,
): Promise<boolean> {
  const previous = await readCrlFile(file);
  if (!force && previous && isFresh(previous, revoked, schedule, now)) return false;
  // CRL numbers only grow: the time in milliseconds, or one more than the last when clocks disagree
  const crlNumber = [BigInt(now.getTime()), (previous?.crlNumber ?? 0n) + 1n].reduce((a, b) => (a > b ? a : b));
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const der = buildCrl({ issuer, revoked, thisUpdate, nextUpdate: new Date(thisUpdate.getTime() + schedule.validityMs), crlNumber });
  await writeFileAtomically(file, der);
  return true;
}
