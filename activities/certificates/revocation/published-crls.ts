/** The issuing CAs' CRLs as published in the PKI folder, read only (for the API's verifier: no key, nothing written). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isGenerationId, PKI_LAYOUT } from '../pki';
import { CRL_FILE } from './publish';

export async function readPublishedCrls(pkiDir: string): Promise<Buffer[]> {
  const ids = (await fs.readdir(path.join(pkiDir, PKI_LAYOUT.ISSUING_DIR)).catch(() => [] as string[])).filter(isGenerationId);
  const crls: Buffer[] = [];
  for (const id of ids) {
    const crl = await fs.readFile(path.join(pkiDir, PKI_LAYOUT.ISSUING_DIR, id, CRL_FILE)).catch(() => null);
    if (crl) crls.push(crl);
  }
  return crls;
}
