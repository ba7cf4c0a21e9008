/**
 * A backup of a running installation into a new folder: the Temporal store first, then the app
 * database, then the PKI and the documents. In that order a restored database is never behind the
 * restored engine: at worst it holds the result of an activity the engine will run again, which
 * the activities tolerate (they are written to be retried), and documents stored after the
 * database copy are extra files nothing points to. Written into a hidden sibling folder and renamed
 * into place at the end, so a half-made backup never looks like one.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../config';
import { providerOf, sqliteFilePath } from '../../../prisma/providers';
import { BACKUP_LAYOUT, BackupManifest, BackupRefused, MANIFEST_FILE, MANIFEST_FORMAT, SecretNeed, describeFile, listFiles } from './manifest';
import { DataLocations, SECRETS, secretFileName } from './locations';
import { copySqliteOnline } from './sqlite-online';
import { dumpPostgres } from './postgres-tools';

export interface BackupOptions {
  /** The environment the product runs with: which secrets came from it (none is written). */
  env?: Record<string, string | undefined>;
  /** Also copy the secrets the product generated into data/secrets/ (demo installations). */
  includeSecretFiles?: boolean;
  log?: (message: string) => void;
  now?: Date;
}

/** A document store's temporary file, left only by a crash mid-write (document-store.ts). */
const isTemporaryDocument = (name: string): boolean => name.startsWith('.') && name.endsWith('.tmp');

export function productVersion(): BackupManifest['product'] {
  const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const commit = git.status === 0 ? git.stdout.trim() : undefined;
  return commit ? { version, commit } : { version };
}

async function isMissingOrEmptyDir(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  return entries.length === 0;
}

async function copyTree(from: string, to: string, skip?: (name: string) => boolean): Promise<string[]> {
  if (!existsSync(from)) return [];
  const files = await listFiles(from, skip);
  for (const rel of files) {
    await fs.mkdir(path.dirname(path.join(to, rel)), { recursive: true, mode: 0o700 });
    await fs.copyFile(path.join(from, rel), path.join(to, rel));
  }
  return files;
}

function secretNeeds(env: Record<string, string | undefined>, secretsDir: string): SecretNeed[] {
  return SECRETS.map(({ name, required, why }) => ({
    name, required, why,
    sourceAtBackup: env[name] ? 'environment' : existsSync(path.join(secretsDir, secretFileName(name))) ? 'generated file' : 'not set',
  }));
}

export async function createBackup(target: string, from: DataLocations, { env = process.env, includeSecretFiles = false, log = console.log, now = new Date() }: BackupOptions = {}): Promise<BackupManifest> {
  const finalDir = path.resolve(target);
  if (!(await isMissingOrEmptyDir(finalDir))) throw new BackupRefused(`${finalDir} exists and is not empty: name a new folder for the backup`);
  await fs.mkdir(path.dirname(finalDir), { recursive: true });
  const work = path.join(path.dirname(finalDir), `.${path.basename(finalDir)}.partial-${crypto.randomBytes(4).toString('hex')}`);
  await fs.mkdir(work, { mode: 0o700 });
  try {
    const at = (rel: string) => path.join(work, rel);
    await fs.mkdir(at('database'), { mode: 0o700 });

    let temporal: BackupManifest['temporal'];
    if (!from.temporalDbFile) {
      temporal = { file: null, reason: 'Temporal is an external cluster (temporal.yaml cluster.address or TEMPORAL_ADDRESS): back it up with the cluster\'s own tools' };
    } else if (!existsSync(from.temporalDbFile)) {
      throw new BackupRefused(`the embedded Temporal server's store ${from.temporalDbFile} does not exist: has the product ever been started with this configuration?`);
    } else {
      log(`Temporal store: online copy of ${from.temporalDbFile}`);
      await fs.mkdir(path.dirname(at(BACKUP_LAYOUT.temporalStore)), { mode: 0o700 });
      await copySqliteOnline(from.temporalDbFile, at(BACKUP_LAYOUT.temporalStore));
      temporal = { file: BACKUP_LAYOUT.temporalStore };
    }

    const kind = providerOf(from.databaseUrl);
    const databaseFile = kind === 'sqlite' ? BACKUP_LAYOUT.sqliteDatabase : BACKUP_LAYOUT.postgresDump;
    if (kind === 'sqlite') {
      const file = sqliteFilePath(from.databaseUrl);
      if (!existsSync(file)) throw new BackupRefused(`no app database at ${file}`);
      log(`app database: online copy of ${file}`);
      await copySqliteOnline(file, at(databaseFile));
    } else {
      log('app database: pg_dump (custom format)');
      await dumpPostgres(from.databaseUrl, at(databaseFile));
    }

    log(`PKI: ${from.pkiDir}`);
    const pkiFiles = await copyTree(from.pkiDir, at(BACKUP_LAYOUT.pki));
    if (!pkiFiles.length) throw new BackupRefused(`no PKI in ${from.pkiDir}: a backup without the keys could not issue or verify certificates`);
    log(`documents: ${from.documentsDir}`);
    const documentFiles = await copyTree(from.documentsDir, at(BACKUP_LAYOUT.documents), isTemporaryDocument);

    const needed = secretNeeds(env, from.secretsDir);
    const secretFiles = includeSecretFiles ? needed.filter((s) => s.sourceAtBackup === 'generated file').map((s) => secretFileName(s.name)) : [];
    for (const name of secretFiles) {
      await fs.mkdir(at(BACKUP_LAYOUT.secrets), { recursive: true, mode: 0o700 });
      await fs.copyFile(path.join(from.secretsDir, name), at(`${BACKUP_LAYOUT.secrets}/${name}`));
    }

    const relPaths = [
      ...(temporal.file ? [temporal.file] : []),
      databaseFile,
      ...pkiFiles.map((f) => `${BACKUP_LAYOUT.pki}/${f}`),
      ...documentFiles.map((f) => `${BACKUP_LAYOUT.documents}/${f}`),
      ...secretFiles.map((f) => `${BACKUP_LAYOUT.secrets}/${f}`),
    ];
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      createdAt: now.toISOString(),
      product: productVersion(),
      database: { kind, file: databaseFile },
      temporal,
      secrets: { needed, filesIncluded: secretFiles.length > 0 },
      files: await Promise.all(relPaths.map((rel) => describeFile(work, rel))),
    };
    await fs.writeFile(at(MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await syncFolder(work);
    // an empty folder named as the target gives way (rename cannot replace it on every platform)
    if (existsSync(finalDir)) await fs.rmdir(finalDir);
    await fs.rename(work, finalDir);
    return manifest;
  } catch (err) {
    await fs.rm(work, { recursive: true, force: true });
    throw err;
  }
}

/** Flushes every file of the finished backup to disk before it is renamed into place. */
async function syncFolder(dir: string): Promise<void> {
  for (const rel of [...(await listFiles(dir)), '.']) {
    const handle = await fs.open(path.join(dir, rel), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
