/**
 * Tracking numbers (کد رهگیری): `<family code>-<Jalali yyyymmdd>-<6 random Crockford base-32>`,
 * e.g. `TA-14050902-7K3F9Q`. Random, so they cannot be enumerated; also the workflow id.
 */
import crypto from 'node:crypto';
import { listTemplateKeys, loadCertificateTemplate } from '../certificates/certificate-template';
import { jalaliDayOf } from '../certificates/jalali-date';
import type { ProcessGraph } from '../../workflows/graph/types';
import { serviceData } from '../definition-data/services';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTrackingNumber(familyCode: string, now: Date = new Date()): string {
  return trackingNumberOf(familyCode, crypto.randomBytes(6), now);
}

/** The number for a family, a day and six bytes (random, or a digest for a number that must repeat). */
export function trackingNumberOf(familyCode: string, bytes: Uint8Array, now: Date = new Date()): string {
  const d = jalaliDayOf(now);
  const date = `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
  const suffix = Array.from(bytes.subarray(0, 6), (b) => ALPHABET[b % 32]).join('');
  return `${familyCode}-${date}-${suffix}`;
}

export const TRACKING_NUMBER_PATTERN = '^[A-Z]{2,4}-[0-9]{8}-[0-9A-Z]{6}$';

/**
 * Tracking numbers of every process that is not one of the licence services: renewals, paper
 * conversions, status changes, and any process an administrator deploys. They can never take a
 * family's code, so the families' reports and filters count only the families' own applications.
 */
export const REQUEST_CODE = 'RQ';

/**
 * The code a process's tracking numbers start with: for a licence service (a process with
 * definitions/services/<key>.json) the family code of the first certificate its issue-certificate
 * tasks name (TA for technical approval…); for every other process RQ.
 */
export function trackingCodeOf(processKey: string, graph: ProcessGraph): string {
  if (!serviceData(processKey)) return REQUEST_CODE;
  const known = new Set(listTemplateKeys());
  for (const node of Object.values(graph.elements)) {
    const family = node.kind === 'serviceTask' && node.taskType === 'issue-certificate' ? node.headers.family : undefined;
    if (family && known.has(family)) return loadCertificateTemplate(family).family;
  }
  return REQUEST_CODE;
}
