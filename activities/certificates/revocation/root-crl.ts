/**
 * The root's CRL (<PKI folder>/root.crl), listing revoked issuing CAs (<PKI folder>/revocations.json,
 * normally empty). Signed only where the root key is at hand: when the PKI is created, at an
 * `issue-ca` ceremony, and at a `renew-root-crl` ceremony that does nothing else. Valid a year, so
 * one of those must happen at least yearly; `npm run pki -- status` warns when it is due.
 */
import { KeyObject, X509Certificate } from 'node:crypto';
import path from 'node:path';
import { crlIssuedBy } from './crl';
import { publishCrlFile, readCrlFile, ROOT_CRL_SCHEDULE } from './crl-file';
import { readRevocations } from './revocations';

export const ROOT_CRL_FILE = 'root.crl';

/** How long before its nextUpdate the root CRL is reported as due for renewal. */
export const ROOT_CRL_RENEW_WITHIN_DAYS = 60;

const DAY = 24 * 60 * 60 * 1000;

export interface RootCrlSummary {
  thisUpdate: Date;
  nextUpdate: Date;
  /** How many issuing CAs it lists as revoked. */
  revoked: number;
}

export async function writeRootCrl(pkiDir: string, root: { certPem: string; key: KeyObject }, now = new Date()): Promise<void> {
  await publishCrlFile(path.join(pkiDir, ROOT_CRL_FILE), root, await readRevocations(pkiDir), ROOT_CRL_SCHEDULE, now, true);
}

/**
 * The root CRL on disk; null when it is absent, unreadable, not signed by the root or without a
 * nextUpdate, since validators cannot use such a one either.
 */
export async function readRootCrl(pkiDir: string, rootCertPem: string): Promise<RootCrlSummary | null> {
  const crl = await readCrlFile(path.join(pkiDir, ROOT_CRL_FILE));
  if (!crl?.nextUpdate || !crlIssuedBy(crl, new X509Certificate(rootCertPem))) return null;
  return { thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, revoked: crl.revoked.size };
}

/** Whole days from `now` to `nextUpdate` (negative once past it). */
export const daysUntil = (nextUpdate: Date, now = new Date()): number => Math.floor((nextUpdate.getTime() - now.getTime()) / DAY);

export const isRootCrlDue = (nextUpdate: Date, now = new Date()): boolean => daysUntil(nextUpdate, now) < ROOT_CRL_RENEW_WITHIN_DAYS;
