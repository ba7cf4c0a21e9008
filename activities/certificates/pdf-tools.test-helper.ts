/**
 * Test-only wrappers around the Debian tools that judge our PDFs independently:
 * pdfsig and pdftoppm/pdftotext (poppler-utils), qpdf, certutil (libnss3-tools), zbarimg
 * (zbar-tools) and openssl. A missing tool fails the test with the package to install.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readTlv } from './der-reader';
import { findFilledSignature, signedBytes } from './pdf-signature-slot';

const PACKAGES: Record<string, string> = {
  pdfsig: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdfimages: 'poppler-utils',
  qpdf: 'qpdf',
  certutil: 'libnss3-tools',
  zbarimg: 'zbar-tools',
  openssl: 'openssl',
};

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runTool(tool: keyof typeof PACKAGES & string, args: string[]): ToolResult {
  const result = spawnSync(tool, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${tool} is not installed: apt-get install ${PACKAGES[tool]}`);
    throw result.error;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** pdfsig exits 0 even when validation fails, so callers read its output. */
export function pdfsig(file: string, nssDir?: string): string {
  const args = nssDir ? ['-nssdir', `sql:${nssDir}`, file] : [file];
  const { stdout, stderr } = runTool('pdfsig', args);
  return stdout + stderr;
}

/** An NSS database that trusts `rootPem` for signing (the trust flags a browser gives a CA). */
export async function nssDatabaseTrusting(dir: string, rootPem: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const rootFile = path.join(dir, 'root.pem');
  await fs.writeFile(rootFile, rootPem);
  for (const args of [
    ['-N', '--empty-password', '-d', `sql:${dir}`],
    ['-A', '-d', `sql:${dir}`, '-n', 'ITO Demo Root CA', '-t', 'CT,C,C', '-i', rootFile],
  ]) {
    const result = runTool('certutil', args);
    if (result.status !== 0) throw new Error(`certutil ${args.join(' ')} failed: ${result.stderr}`);
  }
  return dir;
}

/** The CMS DER from /Contents (without its zero padding) and the bytes its ByteRange signs. */
export function extractSignature(pdf: Buffer): { cms: Buffer; content: Buffer } {
  const slot = findFilledSignature(pdf);
  if (!slot?.contentsHex) throw new Error('no filled signature in the PDF');
  const padded = Buffer.from(slot.contentsHex, 'hex');
  const content = signedBytes(pdf, slot.byteRange);
  if (typeof content === 'string') throw new Error(content);
  return { cms: padded.subarray(0, readTlv(padded, 0).end), content };
}

/**
 * The text of the QR code on page 1, as zbarimg reads it from the page rendered at `dpi` (300: what
 * a printer makes; the QR's modules are about a third of a millimetre, too fine for an 80 dpi
 * preview). `prefix` names the PNG written (prefix.png).
 */
export function pageQrText(pdfFile: string, prefix: string, dpi = 300): string {
  const render = runTool('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  if (render.status !== 0) throw new Error(`pdftoppm failed: ${render.stderr}`);
  return runTool('zbarimg', ['--quiet', '--raw', `${prefix}.png`]).stdout.trim();
}
