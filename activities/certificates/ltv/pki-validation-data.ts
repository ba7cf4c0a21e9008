/**
 * The validation data for a certificate's DSS, read from the PKI folder as the revocation publisher
 * leaves it: the certificates of the signer's and the time-stamping authorities' chains and the
 * OCSP responder's, each issuing CA's CRL and the root's, and the pre-produced OCSP answers for the
 * signer (and for any other certificate given that has one; a TSA has none, its CA's CRL covers it).
 * For the key holder (the worker, the pki command): when a CA's CRL or an answer is missing, the
 * publisher writes them first.
 */
import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isGenerationId, PKI_LAYOUT } from '../pki';
import { certificateFields } from '../revocation/der-parts';
import { OCSP_DIR, RESPONDER_CERT } from '../revocation/ocsp-responder';
import { CRL_FILE, RESPONSES_DIR, responseFileName, RevocationPublisher } from '../revocation/publish';
import { ROOT_CRL_FILE } from '../revocation/root-crl';
import type { ValidationData } from './dss-writer';

/** The DER validation data for certificates (PEM, any order): theirs and their issuers' up to the root. */
export type ValidationDataSource = (certPems: string[]) => Promise<ValidationData>;

const readOrNull = (file: string): Promise<Buffer | null> => fs.readFile(file).catch(() => null);

interface Generation {
  dir: string;
  ca: X509Certificate;
}

async function generations(pkiDir: string): Promise<Generation[]> {
  const issuingDir = path.join(pkiDir, PKI_LAYOUT.ISSUING_DIR);
  const ids = (await fs.readdir(issuingDir).catch(() => [] as string[])).filter(isGenerationId);
  const found: Generation[] = [];
  for (const id of ids) {
    const pem = await fs.readFile(path.join(issuingDir, id, PKI_LAYOUT.ISSUING_CERT), 'utf8').catch(() => null);
    if (pem) found.push({ dir: path.join(issuingDir, id), ca: new X509Certificate(pem) });
  }
  return found;
}

export function pkiValidationData(pkiDir: string, publisher: RevocationPublisher): ValidationDataSource {
  const collect = async (certPems: string[]): Promise<ValidationData & { missing: boolean }> => {
    const root = new X509Certificate(await fs.readFile(path.join(pkiDir, PKI_LAYOUT.ROOT_CERT), 'utf8'));
    const issuing = await generations(pkiDir);
    const certificates = new Map<string, Buffer>([[root.fingerprint256, root.raw]]);
    const crls: Buffer[] = [];
    const ocspResponses: Buffer[] = [];
    let missing = false;
    const rootCrl = await readOrNull(path.join(pkiDir, ROOT_CRL_FILE));
    if (rootCrl) crls.push(rootCrl); else missing = true;
    const usedGenerations = new Set<Generation>();
    for (const pem of certPems) {
      const cert = new X509Certificate(pem);
      certificates.set(cert.fingerprint256, cert.raw);
      if (cert.checkIssued(root) && cert.verify(root.publicKey)) continue; // an issuing CA: the root's CRL covers it
      const generation = issuing.find((g) => cert.checkIssued(g.ca) && cert.verify(g.ca.publicKey));
      if (!generation) continue;
      usedGenerations.add(generation);
      if (cert.ca) continue;
      const answer = await readOrNull(path.join(generation.dir, OCSP_DIR, RESPONSES_DIR, responseFileName(certificateFields(cert.raw).serialHex, 'sha1')));
      if (answer) ocspResponses.push(answer);
      else if (!isTimeStamping(cert)) missing = true; // a TSA has no answer of its own
    }
    for (const generation of usedGenerations) {
      certificates.set(generation.ca.fingerprint256, generation.ca.raw);
      const crl = await readOrNull(path.join(generation.dir, CRL_FILE));
      if (crl) crls.push(crl); else missing = true;
      const responder = await fs.readFile(path.join(generation.dir, OCSP_DIR, RESPONDER_CERT), 'utf8').catch(() => null);
      if (responder) certificates.set(new X509Certificate(responder).fingerprint256, new X509Certificate(responder).raw);
    }
    return { certificates: [...certificates.values()], crls, ocspResponses, missing };
  };
  return async (certPems) => {
    let found = await collect(certPems);
    if (found.missing) {
      await publisher.publish();
      found = await collect(certPems);
    }
    const { missing: _missing, ...data } = found;
    return data;
  };
}

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const isTimeStamping = (cert: X509Certificate): boolean => (cert.keyUsage ?? []).includes(TIME_STAMPING);
