/**
 * Publishing revocation data, by a holder of the keys (the worker, the pki command): for every
 * issuing CA generation whose key is on disk, its CRL (issuing/<id>/crl.der, signed by the CA,
 * valid 7 days, reissued daily) and an OCSP answer per end-entity certificate it issued, for each
 * CertID hash (issuing/<id>/ocsp/responses/<serial>.der for SHA-1, <serial>.sha256.der), signed by
 * the generation's delegated responder. The API serves these files and never signs anything.
 * Idempotent: when the revocations are unchanged, every answer exists and the CRL is fresh, nothing is written.
 */
import { KeyObject, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decryptPrivateKey } from '../key-encryption';
import { isGenerationId, PKI_LAYOUT } from '../pki';
import { writeFileAtomically } from './atomic-write';
import { ISSUING_CRL_SCHEDULE, publishCrlFile, readCrlFile, isFresh } from './crl-file';
import { certificateFields } from './der-parts';
import { buildOcspResponse, CERT_ID_HASHES, CertIdHash } from './ocsp';
import { ensureOcspResponder, OCSP_DIR, ResponderKeys } from './ocsp-responder';
import { readRevocations } from './revocations';

export const CRL_FILE = 'crl.der';
export const RESPONSES_DIR = 'responses';

/** The file of a pre-produced answer for `serial` under CertID hash `hash`. */
export const responseFileName = (serial: string, hash: CertIdHash): string => (hash === 'sha1' ? `${serial}.der` : `${serial}.${hash}.der`);

export interface GenerationPublication {
  id: string;
  /** false: nothing changed and everything was fresh; 'no key': the CA's key is not on disk. */
  written: boolean | 'no key';
  revoked: number;
  answers: number;
}

export interface RevocationPublisher {
  /** Publishes what is stale or changed; `force` reissues everything (after a revocation). */
  publish(options?: { now?: Date; force?: boolean }): Promise<GenerationPublication[]>;
}

async function listGenerations(dir: string): Promise<string[]> {
  const names = await fs.readdir(path.join(dir, PKI_LAYOUT.ISSUING_DIR)).catch(() => [] as string[]);
  return names.filter(isGenerationId).sort();
}

/** The end-entity certificates a generation issued: its document signers. */
async function endEntityCertificates(generationDir: string): Promise<string[]> {
  const signersDir = path.join(generationDir, PKI_LAYOUT.SIGNERS_DIR);
  const families = (await fs.readdir(signersDir).catch(() => [] as string[])).filter((f) => /^[A-Z]{2,4}$/.test(f)).sort();
  const pems: string[] = [];
  for (const family of families) {
    const pem = await fs.readFile(path.join(signersDir, family, PKI_LAYOUT.SIGNER_CERT), 'utf8').catch(() => null);
    if (pem) pems.push(pem);
  }
  return pems;
}

const fileExists = (file: string): Promise<boolean> => fs.access(file).then(() => true, () => false);

export function createRevocationPublisher(dir: string, keys: ResponderKeys): RevocationPublisher {
  dir = path.resolve(dir);
  // decrypting a key costs about 0.3 s: each is decrypted once per process
  const issuingKeys = new Map<string, KeyObject>();

  const issuingKeyOf = async (id: string, generationDir: string): Promise<KeyObject | null> => {
    const known = issuingKeys.get(id);
    if (known) return known;
    const keyName = path.join(PKI_LAYOUT.ISSUING_DIR, id, PKI_LAYOUT.ISSUING_KEY);
    const pem = await fs.readFile(path.join(generationDir, PKI_LAYOUT.ISSUING_KEY), 'utf8').catch(() => null);
    if (pem === null) return null;
    const key = decryptPrivateKey(pem, keys.passphrase, keyName);
    issuingKeys.set(id, key);
    return key;
  };

  const publishGeneration = async (id: string, now: Date, force: boolean): Promise<GenerationPublication> => {
    const generationDir = path.join(dir, PKI_LAYOUT.ISSUING_DIR, id);
    const revoked = await readRevocations(generationDir);
    const certPem = await fs.readFile(path.join(generationDir, PKI_LAYOUT.ISSUING_CERT), 'utf8');
    const key = await issuingKeyOf(id, generationDir);
    if (!key) return { id, written: 'no key', revoked: revoked.length, answers: 0 };
    if (now.getTime() > Date.parse(new X509Certificate(certPem).validTo)) return { id, written: false, revoked: revoked.length, answers: 0 };
    const issuing = { certPem, key };
    const serials = (await endEntityCertificates(generationDir)).map((pem) => certificateFields(pem).serialHex);
    const responsesDir = path.join(generationDir, OCSP_DIR, RESPONSES_DIR);
    const crlFile = path.join(generationDir, CRL_FILE);

    const previous = await readCrlFile(crlFile);
    const answersComplete = (await Promise.all(serials.flatMap((s) => CERT_ID_HASHES.map((h) => fileExists(path.join(responsesDir, responseFileName(s, h))))))).every(Boolean);
    if (!force && previous && isFresh(previous, revoked, ISSUING_CRL_SCHEDULE, now) && answersComplete) {
      return { id, written: false, revoked: revoked.length, answers: serials.length };
    }

    const responder = await ensureOcspResponder(generationDir, id, issuing, keys, now);
    await fs.mkdir(responsesDir, { recursive: true, mode: 0o755 });
    const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const nextUpdate = new Date(thisUpdate.getTime() + ISSUING_CRL_SCHEDULE.validityMs);
    for (const serial of serials) {
      const revocation = revoked.find((r) => r.serial === serial) ?? null;
      for (const hash of CERT_ID_HASHES) {
        const der = buildOcspResponse({ issuerCertPem: certPem, serial, hash, revocation, responder, producedAt: now, thisUpdate, nextUpdate });
        await writeFileAtomically(path.join(responsesDir, responseFileName(serial, hash)), der);
      }
    }
    // the CRL last: while it is stale, the next run redoes the answers too
    await publishCrlFile(crlFile, issuing, revoked, ISSUING_CRL_SCHEDULE, now, true);
    return { id, written: true, revoked: revoked.length, answers: serials.length };
  };

  return {
    async publish({ now = new Date(), force = false } = {}) {
      const results: GenerationPublication[] = [];
      for (const id of await listGenerations(dir)) results.push(await publishGeneration(id, now, force));
      return results;
    },
  };
}
