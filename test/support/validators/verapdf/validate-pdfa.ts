/** veraPDF's verdict on a PDF: PDF/A-3b unless told otherwise. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureVeraPdf } from './ensure-verapdf';

export interface PdfAVerdict {
  compliant: boolean;
  /** One line per failed rule: "clause-test: message (context) xcount". */
  failures: string[];
}

/** veraPDF flavour ids: '3b', '2b', '2u', '1b'… */
export async function validatePdfA(file: string, flavour = '3b'): Promise<PdfAVerdict> {
  const classPath = ensureVeraPdf();
  const { stdout } = await promisify(execFile)('java', ['-cp', classPath, 'ito.verapdf.VeraPdfCheck', flavour, file], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const verdict = JSON.parse(stdout.trim()) as PdfAVerdict & { file: string };
  return { compliant: verdict.compliant, failures: verdict.failures };
}
