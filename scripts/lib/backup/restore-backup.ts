/**
 * Restores a backup into an installation that holds nothing yet (or, forced, replaces what it
 * holds): every checksum is checked before anything is written, then the app database (SQLite copy
 * or pg_restore), its migrations (a backup of an older version comes up to date), the Temporal
 * store, the PKI, the documents. The product must not be running on the target while it restores.
 */
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { providerOf, sqliteFilePath } from '../../../prisma/providers';
import { migrate } from '../../../prisma/migrate';
import { createDb } from '../../../prisma/client';
import { ChainReport, verifyAuditChain } from '../../../activities/audit/audit-chain';
import { BACKUP_LAYOUT, BackupManifest, BackupRefused, ManifestFile, filesUnder, verifyBackup } from './manifest';
import { DataLocations } from './locations';
import { restorePostgres, tablesIn } from './postgres-tools';

export interface RestoreOptions {
  /** Replace what the target holds instead of refusing. */
  force?: boolean;
  log?: (message: string) => void;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** Migrations applied after the database was restored (the backup was of an older version). */
  migrationsApplied: string[];
  auditChain: ChainReport;
}

async function entriesOf(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
}

/** What in the target is already there; empty when it can take the backup unforced. */
async function occupied(manifest: BackupManifest, to: DataLocations): Promise<string[]> {
  const found: string[] = [];
  if ((await entriesOf(to.dataDir)).length) found.push(`the data folder ${to.dataDir} is not empty`);
  for (const [what, dir] of [['PKI', to.pkiDir], ['documents', to.documentsDir]] as const) {
    if ((await entriesOf(dir)).length) found.push(`the ${what} folder ${dir} is not empty`);
  }
  if (manifest.database.kind === 'sqlite') {
    const file = sqliteFilePath(to.databaseUrl);
    if (existsSync(file)) found.push(`the database ${file} exists`);
  } else {
    const tables = await tablesIn(to.databaseUrl);
    if (tables) found.push(`the PostgreSQL database of DATABASE_URL holds ${tables} table(s)`);
  }
  if (manifest.temporal.file && to.temporalDbFile && existsSync(to.temporalDbFile)) found.push(`the Temporal store ${to.temporalDbFile} exists`);
  return [...new Set(found)];
}

async function copyFiles(backupDir: string, part: string, files: ManifestFile[], to: string): Promise<void> {
  for (const f of files) {
    const target = path.join(to, f.path);
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await fs.copyFile(path.join(backupDir, part, f.path), target);
    await fs.chmod(target, f.mode);
  }
}

/** Copies a single file into place through a temporary name, so the target is whole or absent. */
async function placeFile(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  const temp = `${to}.restoring`;
  await fs.copyFile(from, temp);
  await fs.chmod(temp, 0o600);
  await fs.rename(temp, to);
}

/** A forced restore removes what it replaces, including an SQLite file's journal and WAL beside it. */
async function removeSqlite(file: string): Promise<void> {
  for (const suffix of ['', '-journal', '-wal', '-shm']) await fs.rm(`${file}${suffix}`, { force: true });
}

export async function restoreBackup(backupDir: string, to: DataLocations, { force = false, log = console.log }: RestoreOptions = {}): Promise<RestoreReport> {
  const dir = path.resolve(backupDir);
  log(`checking every file of ${dir} against its manifest…`);
  const manifest = await verifyBackup(dir);

  const targetKind = providerOf(to.databaseUrl);
  if (targetKind !== manifest.database.kind) {
    throw new BackupRefused(`the backup holds a ${manifest.database.kind} database but DATABASE_URL names ${targetKind}: restore into the same kind of database`);
  }
  if (manifest.temporal.file && !to.temporalDbFile) {
    throw new BackupRefused('the backup holds the embedded Temporal server\'s store, but this configuration names a Temporal cluster (TEMPORAL_ADDRESS or temporal.yaml): its open applications would be lost; restore with the embedded server');
  }
  const inTheWay = await occupied(manifest, to);
  if (inTheWay.length && !force) throw new BackupRefused(`refusing to restore over existing data (${inTheWay.join('; ')}); restore into a new folder, or pass --force to replace it`);

  await fs.mkdir(to.dataDir, { recursive: true, mode: 0o750 });
  const databaseBackup = path.join(dir, manifest.database.file);
  if (manifest.database.kind === 'sqlite') {
    const file = sqliteFilePath(to.databaseUrl);
    log(`app database → ${file}`);
    await removeSqlite(file);
    await placeFile(databaseBackup, file);
  } else {
    log('app database → pg_restore into DATABASE_URL');
    await restorePostgres(to.databaseUrl, databaseBackup, { clean: inTheWay.length > 0 });
  }
  const migrationsApplied = await migrate(to.databaseUrl);
  for (const name of migrationsApplied) log(`applied migration ${name}`);

  if (manifest.temporal.file === null) {
    log(`no Temporal store in the backup: ${manifest.temporal.reason}`);
  } else if (to.temporalDbFile) {
    log(`Temporal store → ${to.temporalDbFile}`);
    await removeSqlite(to.temporalDbFile);
    await placeFile(path.join(dir, manifest.temporal.file), to.temporalDbFile);
  }

  for (const [part, target] of [[BACKUP_LAYOUT.pki, to.pkiDir], [BACKUP_LAYOUT.documents, to.documentsDir]] as const) {
    log(`${part} → ${target}`);
    if (force) await fs.rm(target, { recursive: true, force: true });
    await fs.mkdir(target, { recursive: true, mode: 0o700 });
    await copyFiles(dir, part, filesUnder(manifest, part), target);
  }
  const secretFiles = filesUnder(manifest, BACKUP_LAYOUT.secrets);
  if (secretFiles.length) {
    log(`generated secrets → ${to.secretsDir}`);
    await copyFiles(dir, BACKUP_LAYOUT.secrets, secretFiles, to.secretsDir);
  }

  const db = createDb(to.databaseUrl);
  try {
    return { manifest, migrationsApplied, auditChain: await verifyAuditChain(db) };
  } finally {
    await db.$disconnect();
  }
}
