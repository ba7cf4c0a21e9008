/**
 * Test-only: EU DSS's verdict on a signed PDF, under DSS's default validation policy, trusting
 * only the root given. Online (the default), DSS fetches CRLs, OCSP answers and issuer
 * certificates at the URLs the certificates name; `offline` forbids it.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDssValidator } from './dss-tool';

/** ETSI EN 319 102-1 main indications (DSS's simple report). */
export type DssIndication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE' | 'PASSED' | 'FAILED';

export interface DssResult {
  /** null when the file holds no signature DSS can find */
  indication: DssIndication | null;
  /** e.g. HASH_FAILURE, CERTIFICATE_CHAIN_GENERAL_FAILURE, REVOKED_NO_POE */
  subIndication: string | null;
  /** the AdES level DSS recognises, e.g. PAdES-BASELINE-B … PAdES-BASELINE-LTA */
  signatureFormat: string | null;
  signedBy: string | null;
  /** ISO 8601: the time the signer claims */
  signingTime: string | null;
  /** ISO 8601: the earliest time proven (a time-stamp), else the validation time */
  bestSignatureTime: string | null;
  signatureCount: number;
  /** every time-stamp in the file (signature, document, archive) */
  timestampCount: number;
  /** the time-stamps of the first signature */
  signatureTimestampCount: number;
  /** the newest revocation data DSS had for the signer's certificate (embedded or fetched), if any */
  signerRevocation: DssRevocation | null;
  /** DSS's AdES validation messages (English) */
  errors: string[];
  warnings: string[];
  info: string[];
}

export interface DssRevocation {
  /** GOOD, REVOKED or UNKNOWN */
  status: string | null;
  /** ISO 8601, when revoked */
  revocationDate: string | null;
  /** e.g. KEY_COMPROMISE */
  reason: string | null;
  /** CRL or OCSP */
  type: string | null;
  /** where DSS found it, e.g. EXTERNAL (fetched), REVOCATION_VALUES or DSS_DICTIONARY (in the file) */
  origin: string | null;
  thisUpdate: string | null;
}

export interface DssOptions {
  rootPem: string;
  /** forbid fetching revocation data and certificates over the network */
  offline?: boolean;
  /** validate as at this time instead of now */
  validationTime?: Date;
}

const RUN_TIMEOUT_MS = 3 * 60_000;

function runJava(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('java', args, { timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`EU DSS validator failed (${err.killed ? `no answer within ${RUN_TIMEOUT_MS / 1000} s` : `exit code ${err.code}`}): ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

function parseResult(stdout: string): DssResult {
  const line = stdout.trim().split('\n').pop() ?? '';
  const raw = JSON.parse(line) as Partial<DssResult> & Pick<DssResult, 'signatureCount' | 'timestampCount'>;
  return {
    indication: raw.indication ?? null,
    subIndication: raw.subIndication ?? null,
    signatureFormat: raw.signatureFormat ?? null,
    signedBy: raw.signedBy ?? null,
    signingTime: raw.signingTime ?? null,
    bestSignatureTime: raw.bestSignatureTime ?? null,
    signatureCount: raw.signatureCount,
    timestampCount: raw.timestampCount,
    signatureTimestampCount: raw.signatureTimestampCount ?? 0,
    signerRevocation: raw.signerRevocation ?? null,
    errors: raw.errors ?? [],
    warnings: raw.warnings ?? [],
    info: raw.info ?? [],
  };
}

export async function validateWithDss(pdfFile: string, { rootPem, offline = false, validationTime }: DssOptions): Promise<DssResult> {
  const tool = ensureDssValidator();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-dss-'));
  try {
    const rootFile = path.join(dir, 'root.pem');
    await fs.writeFile(rootFile, rootPem);
    const args = [...tool.javaArgs, '--pdf', pdfFile, '--trust', rootFile];
    if (offline) args.push('--offline');
    if (validationTime) args.push('--validation-time', validationTime.toISOString());
    return parseResult(await runJava(args));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
