/**
 * Test-only: the text pypdf (PyPI, pinned) extracts from each page of a PDF, as a second text
 * extractor beside poppler's pdftotext. pypdf reads glyphs in content-stream order and ignores
 * /ActualText, so it judges the drawing order itself.
 */
import { spawnSync } from 'node:child_process';
import { ensurePythonVenv } from '../python-venv';

export const PYPDF_PACKAGES = ['pypdf==7.1.1'];

const EXTRACT = `
import json, sys
from pypdf import PdfReader
print(json.dumps([page.extract_text() for page in PdfReader(sys.argv[1]).pages]))
`;

/** The installed pypdf's python, installing it first when this version is not there yet. */
export function ensurePyPdf(log?: (message: string) => void): string {
  return ensurePythonVenv('pypdf', PYPDF_PACKAGES, log);
}

/** The text of every page, as `page.extract_text()` gives it. */
export function pypdfPageTexts(file: string): string[] {
  const result = spawnSync(ensurePyPdf(), ['-c', EXTRACT, file], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`pypdf could not read ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}
