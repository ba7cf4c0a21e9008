/**
 * The revocations of one issuing CA generation: issuing/<id>/revocations.json, a list of
 * { serial, revokedAt, reason }. Replaced whole (temporary file, then rename), never edited in place.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './atomic-write';
import { isRevocationReason, Revocation } from './reasons';

export const REVOCATIONS_FILE = 'revocations.json';

interface StoredRevocation {
  serial: string;
  revokedAt: string;
  reason: string;
}

export const normalSerial = (hex: string): string => {
  const clean = hex.replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(clean) || clean.length % 2) throw new RangeError(`not a hexadecimal serial number: ${hex}`);
  return clean;
};

export async function readRevocations(generationDir: string): Promise<Revocation[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(generationDir, REVOCATIONS_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const stored = JSON.parse(text) as { revoked?: StoredRevocation[] };
  return (stored.revoked ?? []).map((r) => {
    if (!isRevocationReason(r.reason)) throw new Error(`${path.join(generationDir, REVOCATIONS_FILE)}: unknown reason ${JSON.stringify(r.reason)}`);
    const revokedAt = new Date(r.revokedAt);
    if (Number.isNaN(revokedAt.getTime())) throw new Error(`${path.join(generationDir, REVOCATIONS_FILE)}: bad revokedAt ${JSON.stringify(r.revokedAt)}`);
    return { serial: normalSerial(r.serial), revokedAt, reason: r.reason };
  });
}

/** Adds a revocation (refusing a serial already revoked) by writing the whole file anew and renaming it into place. */
export async function addRevocation(generationDir: string, revocation: Revocation): Promise<Revocation[]> {
  const existing = await readRevocations(generationDir);
  if (existing.some((r) => r.serial === revocation.serial)) throw new Error(`serial ${revocation.serial} is revoked already`);
  const all = [...existing, revocation];
  const text = `${JSON.stringify({ revoked: all.map((r) => ({ serial: r.serial, revokedAt: r.revokedAt.toISOString(), reason: r.reason })) }, null, 2)}\n`;
  await writeFileAtomically(path.join(generationDir, REVOCATIONS_FILE), text);
  return all;
}
