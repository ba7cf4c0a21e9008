import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** Writes `file` whole under a temporary name and renames it into place: readers see the old or the new file, never half of one. */
export async function writeFileAtomically(file: string, content: string | Buffer, mode = 0o644): Promise<void> {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await fs.writeFile(temp, content, { mode });
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
