/**
 * Test-only: pyHanko's verdict on a signed PDF, trusting only the root given (`--trust-replace`).
 * Plain `pyhanko sign validate` by default; with `lta`, `pyhanko sign adesverify`, its AdES
 * long-term validation (ETSI EN 319 102-1 past-signature validation over document time-stamps,
 * revocation data required for every certificate of the path).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePyHanko } from './pyhanko-tool';

export interface PyHankoOptions {
  rootPem: string;
  /** AdES long-term validation (`sign adesverify`) instead of `sign validate` */
  lta?: boolean;
  /**
   * `sign validate`: by default ('default', pyHanko's hard-fail mode) it fetches revocation data
   * at the URLs the certificates name and fails when that fails, but passes a certificate naming
   * none; 'hard' also fails a certificate without revocation data (`--force-revinfo`); 'none'
   * checks nothing (`--no-revocation-check`, also for `adesverify`).
   */
  revocation?: 'default' | 'hard' | 'none';
  /** `sign validate` only: revocation data counts even if issued after the signing time */
  retroactiveRevinfo?: boolean;
  /** validate as at this time (pyHanko turns revocation checking off for it in `sign validate`) */
  validationTime?: Date;
}

export interface PyHankoResult {
  /** pyHanko's bottom line for every signature: "The signature is judged VALID." */
  valid: boolean;
  /** "The signature is cryptographically sound." (the signed bytes are unchanged and the signature matches) */
  intact: boolean;
  /** "The signer's certificate is trusted." */
  trusted: boolean;
  /** "The signer's certificate is revoked." */
  revoked: boolean;
  level: 'validate' | 'ades-lta';
  /** the Modifications section, e.g. "The signature covers the entire file." */
  modifications: string;
  /** the Signing time section (the signer's claim, and the time-stamp when there is one) */
  signingTime: string;
  /** pyHanko's whole output, stdout then stderr */
  raw: string;
}

const RUN_TIMEOUT_MS = 3 * 60_000;

/** The body of one section of pyHanko's --pretty-print output (a title underlined with dashes). */
function section(block: string, title: string): string {
  const match = new RegExp(`^${title}\\n-+\\n([\\s\\S]*?)(?=\\n\\n\\n|\\n[^\\n]+\\n-+\\n|$)`, 'm').exec(block);
  return match ? match[1].trim() : '';
}

/** Each signature field's part of the output ("Field 1: ITO-Signature" between lines of =). */
function fieldBlocks(stdout: string): string[] {
  return stdout.split(/^=+\nField \d+: .*\n=+\n/m).slice(1);
}

export function parsePyHankoOutput(stdout: string, stderr: string, exitCode: number, level: PyHankoResult['level']): PyHankoResult {
  const raw = `${stdout}${stderr ? `\n${stderr}` : ''}`;
  const blocks = fieldBlocks(stdout);
  const first = blocks[0] ?? '';
  return {
    valid: exitCode === 0 && blocks.length > 0 && blocks.every((b) => /The signature is judged VALID\./.test(b)),
    intact: /The signature is cryptographically sound\./.test(first),
    trusted: /The signer's certificate is trusted\./.test(first),
    revoked: /The signer's certificate is revoked\./.test(first),
    level,
    modifications: section(first, 'Modifications'),
    signingTime: section(first, 'Signing time'),
    raw,
  };
}

function commandArgs(rootFile: string, pdfFile: string, { lta, revocation = 'default', retroactiveRevinfo, validationTime }: PyHankoOptions): string[] {
  const args = ['sign', lta ? 'adesverify' : 'validate', '--pretty-print', '--trust-replace', '--trust', rootFile];
  if (!lta && revocation === 'hard') args.push('--force-revinfo');
  if (revocation === 'none') args.push('--no-revocation-check');
  if (!lta && retroactiveRevinfo) args.push('--retroactive-revinfo');
  if (validationTime) args.push('--validation-time', validationTime.toISOString());
  return [...args, pdfFile];
}

export async function validateWithPyHanko(pdfFile: string, options: PyHankoOptions): Promise<PyHankoResult> {
  const tool = ensurePyHanko();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-pyhanko-'));
  try {
    const rootFile = path.join(dir, 'root.pem');
    await fs.writeFile(rootFile, options.rootPem);
    const args = [...tool.args, ...commandArgs(rootFile, pdfFile, options)];
    const { stdout, stderr, exitCode } = await new Promise<{ stdout: string; stderr: string; exitCode: number }>((resolve, reject) => {
      execFile(tool.python, args, { env: tool.env, timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) => {
        if (err?.killed) reject(new Error(`pyHanko gave no answer within ${RUN_TIMEOUT_MS / 1000} s: ${errOut}`));
        else if (err && typeof err.code !== 'number') reject(err);
        else resolve({ stdout: out, stderr: errOut, exitCode: typeof err?.code === 'number' ? err.code : 0 });
      });
    });
    const result = parsePyHankoOutput(stdout, stderr, exitCode, options.lta ? 'ades-lta' : 'validate');
    if (!fieldBlocks(stdout).length && exitCode !== 0 && !/Validation failed/.test(stderr)) {
      throw new Error(`pyHanko could not validate ${pdfFile} (exit code ${exitCode}): ${result.raw.trim()}`);
    }
    return result;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
