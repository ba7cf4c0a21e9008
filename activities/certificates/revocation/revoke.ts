/**
 * Revoking a certificate of the PKI (npm run pki -- revoke): found by family (its document signer
 * in a generation, the current one by default) or by serial, recorded in its issuer's
 * revocations.json, and published at once (CRL and OCSP answers reissued).
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isGenerationId, PKI_LAYOUT } from '../pki';
import { certificateFields } from './der-parts';
import { OCSP_DIR, RESPONDER_CERT, ResponderKeys } from './ocsp-responder';
import { createRevocationPublisher, GenerationPublication } from './publish';
import { RevocationReason } from './reasons';
import { addRevocation, normalSerial } from './revocations';

export type RevocationTarget = { family: string; generation?: string } | { serial: string; generation?: string };

export interface RevokeRequest {
  target: RevocationTarget;
  reason: RevocationReason;
  at?: Date;
}

export interface RevokeResult {
  generation: string;
  serial: string;
  subject: string | null;
  published: GenerationPublication[];
}

const readText = (file: string): Promise<string | null> => fs.readFile(file, 'utf8').catch(() => null);

async function generations(dir: string, only?: string): Promise<string[]> {
  if (only) return [only];
  const current = (await readText(path.join(dir, PKI_LAYOUT.CURRENT)))?.trim();
  const all = (await fs.readdir(path.join(dir, PKI_LAYOUT.ISSUING_DIR)).catch(() => [] as string[])).filter(isGenerationId);
  return [...(current ? [current] : []), ...all.filter((g) => g !== current)];
}

/** The end-entity certificates of a generation: document signers and the OCSP responder. */
async function issuedIn(dir: string, id: string): Promise<{ pem: string; family?: string }[]> {
  const generationDir = path.join(dir, PKI_LAYOUT.ISSUING_DIR, id);
  const families = await fs.readdir(path.join(generationDir, PKI_LAYOUT.SIGNERS_DIR)).catch(() => [] as string[]);
  const found: { pem: string; family?: string }[] = [];
  for (const family of families) {
    const pem = await readText(path.join(generationDir, PKI_LAYOUT.SIGNERS_DIR, family, PKI_LAYOUT.SIGNER_CERT));
    if (pem) found.push({ pem, family });
  }
  const responder = await readText(path.join(generationDir, OCSP_DIR, RESPONDER_CERT));
  if (responder) found.push({ pem: responder });
  return found;
}

async function findTarget(dir: string, target: RevocationTarget): Promise<{ generation: string; serial: string; subject: string | null }> {
  const wanted = 'serial' in target ? normalSerial(target.serial) : null;
  for (const id of await generations(dir, target.generation)) {
    for (const issued of await issuedIn(dir, id)) {
      const serial = certificateFields(issued.pem).serialHex;
      if ('family' in target ? issued.family === target.family : serial === wanted) {
        return { generation: id, serial, subject: new X509Certificate(issued.pem).subject.replace(/\n/g, ', ') };
      }
    }
  }
  if (wanted && target.generation) return { generation: target.generation, serial: wanted, subject: null }; // a certificate not kept on disk
  const where = target.generation ? `issuing CA ${target.generation}` : 'any issuing CA';
  throw new Error('family' in target ? `no ${target.family} signer under ${where}` : `no certificate with serial ${wanted} under ${where} (name its issuer with --generation)`);
}

export async function revokeCertificate(dir: string, keys: ResponderKeys, request: RevokeRequest): Promise<RevokeResult> {
  dir = path.resolve(dir);
  const found = await findTarget(dir, request.target);
  const generationDir = path.join(dir, PKI_LAYOUT.ISSUING_DIR, found.generation);
  if (!(await readText(path.join(generationDir, PKI_LAYOUT.ISSUING_CERT)))) throw new Error(`there is no issuing CA ${found.generation} in ${dir}`);
  await addRevocation(generationDir, { serial: found.serial, revokedAt: request.at ?? new Date(), reason: request.reason });
  const published = await createRevocationPublisher(dir, keys).publish({ force: true });
  return { ...found, published };
}
