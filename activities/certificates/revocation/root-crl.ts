/**
 * The root's CRL (<PKI folder>/root.crl), listing revoked issuing CAs (<PKI folder>/revocations.json,
 * normally empty). Signed only where the root key is at hand, i.e. when the PKI is created and at an
 * `issue-ca` ceremony; valid a year, so a ceremony at least yearly renews it (a documented limit).
 */
import { KeyObject } from 'node:crypto';
import path from 'node:path';
import { publishCrlFile, ROOT_CRL_SCHEDULE } from './crl-file';
import { readRevocations } from './revocations';

export const ROOT_CRL_FILE = 'root.crl';

export async function writeRootCrl(pkiDir: string, root: { certPem: string; key: KeyObject }, now = new Date()): Promise<void> {
  await publishCrlFile(path.join(pkiDir, ROOT_CRL_FILE), root, await readRevocations(pkiDir), ROOT_CRL_SCHEDULE, now, true);
}
