/**
 * A backup folder's manifest.json: every file with its size and SHA-256, what the backup holds and
 * which secrets a restore needs. A restore checks every file against it before writing anything.
 */
import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Provider } from '../../../prisma/providers';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 1;

/** Where each part lives inside a backup folder. */
export const BACKUP_LAYOUT = {
  sqliteDatabase: 'database/app.db',
  postgresDump: 'database/app.pgdump',
  temporalStore: 'temporal/temporal.db',
  pki: 'pki',
  documents: 'documents',
  secrets: 'secrets',
} as const;

export interface ManifestFile {
  /** Relative to the backup folder, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
  /** Permission bits (the PKI's keys are 0600 and stay so). */
  mode: number;
}

export type SecretName = 'PKI_PASSPHRASE' | 'JWT_SECRET' | 'PAYMENT_GATEWAY_SECRET';

export interface SecretNeed {
  name: SecretName;
  /** Where the running product had it from when the backup was made. */
  sourceAtBackup: 'environment' | 'generated file' | 'not set';
  required: boolean;
  why: string;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  product: { version: string; commit?: string };
  database: { kind: Provider; file: string };
  /** The embedded Temporal server's store, or why it is not in the backup (an external cluster). */
  temporal: { file: string } | { file: null; reason: string };
  secrets: { needed: SecretNeed[]; filesIncluded: boolean };
  files: ManifestFile[];
}

export class BackupRefused extends Error {}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under `dir`, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir: string, skip: (name: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      if (skip(entry.name)) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  await walk('');
  return found.sort();
}

export async function describeFile(root: string, rel: string): Promise<ManifestFile> {
  const file = path.join(root, rel);
  const stat = await fs.stat(file);
  return { path: rel, size: stat.size, sha256: await sha256OfFile(file), mode: stat.mode & 0o777 };
}

/** A manifest path that names a file inside the backup folder, never outside it. */
function insideBackup(backupDir: string, rel: string): string {
  const file = path.resolve(backupDir, rel);
  const inside = path.relative(backupDir, file);
  if (!rel || path.isAbsolute(rel) || inside.startsWith('..') || path.isAbsolute(inside)) throw new BackupRefused(`the manifest names a file outside the backup: ${JSON.stringify(rel)}`);
  return file;
}

export async function readManifest(backupDir: string): Promise<BackupManifest> {
  const file = path.join(backupDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new BackupRefused(`${backupDir} is not a complete backup: it has no ${MANIFEST_FILE}`);
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupRefused(`${file} is not valid JSON: the backup is damaged`);
  }
  if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files) || !manifest.database?.kind) {
    throw new BackupRefused(`${file} is not a backup manifest of format ${MANIFEST_FORMAT}`);
  }
  return manifest;
}

/**
 * Reads the manifest and checks every file it lists (present, same size, same SHA-256); the first
 * that differs refuses the backup, named. Returns the manifest of an intact backup.
 */
export async function verifyBackup(backupDir: string): Promise<BackupManifest> {
  const manifest = await readManifest(backupDir);
  for (const entry of manifest.files) {
    const file = insideBackup(backupDir, entry.path);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) throw new BackupRefused(`the backup is damaged: ${entry.path} is missing`);
    if (stat.size !== entry.size) throw new BackupRefused(`the backup is damaged: ${entry.path} has ${stat.size} bytes, the manifest says ${entry.size}`);
    if ((await sha256OfFile(file)) !== entry.sha256) throw new BackupRefused(`the backup is damaged: the checksum of ${entry.path} does not match the manifest`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const parts = [manifest.database.file, manifest.temporal.file].filter((p): p is string => !!p);
  for (const part of parts) if (!listed.has(part)) throw new BackupRefused(`the backup is damaged: the manifest does not list ${part}`);
  return manifest;
}

/** The manifest's files under one part of the backup (e.g. `pki`), relative to that part. */
export function filesUnder(manifest: BackupManifest, part: string): ManifestFile[] {
  return manifest.files.filter((f) => f.path.startsWith(`${part}/`)).map((f) => ({ ...f, path: f.path.slice(part.length + 1) }));
}
