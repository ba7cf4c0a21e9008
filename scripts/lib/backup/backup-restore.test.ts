/**
 * Backup and restore on files alone (SQLite, no Temporal server): what is copied, what is refused,
 * and that a backup of an older version is migrated on restore. The real-stack drill is
 * test/integration/backup-restore.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LEDGER_TABLE, listMigrations } from '../../../prisma/migrate';
import { createBackup } from './create-backup';
import { restoreBackup } from './restore-backup';
import { BackupRefused, MANIFEST_FILE, verifyBackup } from './manifest';
import { copySqliteOnline } from './sqlite-online';
import type { DataLocations } from './locations';

const quiet = { log: () => {} };
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function locations(dataDir: string, { temporal = true } = {}): DataLocations {
  return {
    dataDir,
    databaseUrl: `file:${path.join(dataDir, 'app.db')}`,
    pkiDir: path.join(dataDir, 'pki'),
    documentsDir: path.join(dataDir, 'documents'),
    temporalDbFile: temporal ? path.join(dataDir, 'temporal', 'temporal.db') : undefined,
    secretsDir: path.join(dataDir, 'secrets'),
  };
}

function write(file: string, text: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
}

/** An installation's data folder: the app database with every migration but the newest, a PKI, documents, a Temporal store. */
async function installation(dataDir: string): Promise<DataLocations> {
  const at = locations(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'app.db'));
  db.exec(`CREATE TABLE "${LEDGER_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of listMigrations('sqlite').slice(0, -1)) {
    db.exec(m.sql);
    db.prepare(`INSERT INTO "${LEDGER_TABLE}" VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
  }
  db.close();
  write(path.join(at.pkiDir, 'root-ca.crt.pem'), 'root certificate');
  write(path.join(at.pkiDir, 'issuing', 'g1', 'issuing-ca.key.pem'), 'encrypted key', 0o600);
  write(path.join(at.documentsDir, '2026', '12', 'a'.repeat(32)), 'document bytes');
  write(path.join(at.documentsDir, '2026', '12', `.${'b'.repeat(32)}.0123456789ab.tmp`), 'half a document from a crash');
  write(path.join(at.secretsDir, 'pki_passphrase'), 'generated passphrase');
  fs.mkdirSync(path.dirname(at.temporalDbFile!));
  const temporal = new Database(at.temporalDbFile!);
  temporal.exec('CREATE TABLE executions (id TEXT PRIMARY KEY); INSERT INTO executions VALUES (\'APP-1\')');
  temporal.close();
  return at;
}

it('restores every part into an empty folder and brings a backup of an older version up to date', async () => {
  const source = await installation(path.join(root, 'data'));
  const backupDir = path.join(root, 'backup');
  const manifest = await createBackup(backupDir, source, { ...quiet, env: {} });
  expect(manifest.files.map((f) => f.path)).toEqual([
    'temporal/temporal.db', 'database/app.db', 'pki/issuing/g1/issuing-ca.key.pem', 'pki/root-ca.crt.pem', 'documents/2026/12/' + 'a'.repeat(32),
  ]);

  const target = locations(path.join(root, 'restored'));
  const report = await restoreBackup(backupDir, target, quiet);
  const migrations = listMigrations('sqlite');
  expect(report.migrationsApplied).toEqual([migrations[migrations.length - 1].name]);
  expect(report.auditChain.problem).toBeUndefined();
  expect(fs.readFileSync(path.join(target.documentsDir, '2026', '12', 'a'.repeat(32)), 'utf8')).toBe('document bytes');
  const key = path.join(target.pkiDir, 'issuing', 'g1', 'issuing-ca.key.pem');
  expect(fs.readFileSync(key, 'utf8')).toBe('encrypted key');
  expect(fs.statSync(key).mode & 0o777).toBe(0o600);
  const temporal = new Database(target.temporalDbFile!, { readonly: true });
  expect(temporal.prepare('SELECT id FROM executions').all()).toEqual([{ id: 'APP-1' }]);
  temporal.close();
  // the generated secret was not in the backup
  expect(fs.existsSync(target.secretsDir)).toBe(false);
});

it('names the secrets a restore needs without writing them, unless generated files are asked for', async () => {
  const source = await installation(path.join(root, 'data'));
  const plain = await createBackup(path.join(root, 'plain'), source, { ...quiet, env: { JWT_SECRET: 'from the environment' } });
  expect(plain.secrets.needed).toEqual(expect.arrayContaining([
    expect.objectContaining({ name: 'PKI_PASSPHRASE', sourceAtBackup: 'generated file', required: true }),
    expect.objectContaining({ name: 'JWT_SECRET', sourceAtBackup: 'environment', required: false }),
    expect.objectContaining({ name: 'PAYMENT_GATEWAY_SECRET', sourceAtBackup: 'not set' }),
  ]));
  expect(fs.existsSync(path.join(root, 'plain', 'secrets'))).toBe(false);
  expect(fs.readFileSync(path.join(root, 'plain', MANIFEST_FILE), 'utf8')).not.toContain('from the environment');

  const withFiles = await createBackup(path.join(root, 'with-secrets'), source, { ...quiet, env: {}, includeSecretFiles: true });
  expect(withFiles.secrets.filesIncluded).toBe(true);
  const target = locations(path.join(root, 'restored'));
  await restoreBackup(path.join(root, 'with-secrets'), target, quiet);
  expect(fs.readFileSync(path.join(target.secretsDir, 'pki_passphrase'), 'utf8')).toBe('generated passphrase');
});

it('refuses a backup whose file was changed, naming it, and writes nothing', async () => {
  const backupDir = path.join(root, 'backup');
  await createBackup(backupDir, await installation(path.join(root, 'data')), quiet);
  fs.appendFileSync(path.join(backupDir, 'pki', 'root-ca.crt.pem'), '!');
  const target = locations(path.join(root, 'restored'));
  await expect(restoreBackup(backupDir, target, quiet)).rejects.toThrow('pki/root-ca.crt.pem has 17 bytes, the manifest says 16');
  fs.writeFileSync(path.join(backupDir, 'pki', 'root-ca.crt.pem'), 'root certificatE');
  await expect(restoreBackup(backupDir, target, quiet)).rejects.toThrow('the checksum of pki/root-ca.crt.pem does not match');
  expect(fs.existsSync(target.dataDir)).toBe(false);
});

it('refuses a manifest that names a file outside the backup folder', async () => {
  const backupDir = path.join(root, 'backup');
  await createBackup(backupDir, await installation(path.join(root, 'data')), quiet);
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, MANIFEST_FILE), 'utf8'));
  manifest.files[2].path = '../data/pki/root-ca.crt.pem';
  fs.writeFileSync(path.join(backupDir, MANIFEST_FILE), JSON.stringify(manifest));
  await expect(verifyBackup(backupDir)).rejects.toThrow('the manifest names a file outside the backup');
});

it('refuses to restore over existing data unless forced, and a forced restore replaces the PKI and documents', async () => {
  const backupDir = path.join(root, 'backup');
  await createBackup(backupDir, await installation(path.join(root, 'data')), quiet);
  const target = await installation(path.join(root, 'other'));
  write(path.join(target.pkiDir, 'issuing', 'g2', 'issuing-ca.crt.pem'), 'a newer generation the backup does not know');
  await expect(restoreBackup(backupDir, target, quiet)).rejects.toThrow(/refusing to restore over existing data \(the data folder .* is not empty; .*pass --force/);
  expect(fs.existsSync(path.join(target.pkiDir, 'issuing', 'g2'))).toBe(true);

  await restoreBackup(backupDir, target, { ...quiet, force: true });
  expect(fs.existsSync(path.join(target.pkiDir, 'issuing', 'g2'))).toBe(false);
  expect(fs.readFileSync(path.join(target.pkiDir, 'root-ca.crt.pem'), 'utf8')).toBe('root certificate');
});

it('refuses to restore an SQLite backup into PostgreSQL, and the embedded Temporal store into a cluster configuration', async () => {
  const backupDir = path.join(root, 'backup');
  await createBackup(backupDir, await installation(path.join(root, 'data')), quiet);
  const target = locations(path.join(root, 'restored'));
  await expect(restoreBackup(backupDir, { ...target, databaseUrl: 'postgresql://u:p@127.0.0.1:1/none' }, quiet)).rejects.toThrow('the backup holds a sqlite database but DATABASE_URL names postgresql');
  await expect(restoreBackup(backupDir, { ...target, temporalDbFile: undefined }, quiet)).rejects.toThrow('names a Temporal cluster');
  expect(fs.existsSync(target.dataDir)).toBe(false);
});

it('leaves no backup folder, and no half one, when a part cannot be copied', async () => {
  const source = await installation(path.join(root, 'data'));
  fs.rmSync(source.pkiDir, { recursive: true });
  await expect(createBackup(path.join(root, 'backup'), source, quiet)).rejects.toThrow(BackupRefused);
  expect(fs.readdirSync(root)).toEqual(['data']);
});

it('records that the Temporal store is not included when Temporal is an external cluster', async () => {
  const source = await installation(path.join(root, 'data'));
  const manifest = await createBackup(path.join(root, 'backup'), { ...source, temporalDbFile: undefined }, quiet);
  expect(manifest.temporal).toEqual({ file: null, reason: expect.stringContaining('external cluster') });
  const target = locations(path.join(root, 'restored'), { temporal: false });
  await restoreBackup(path.join(root, 'backup'), target, quiet);
  expect(fs.existsSync(path.join(target.dataDir, 'app.db'))).toBe(true);
});

it.each(['wal', 'delete'])('copies only committed transactions of an SQLite file (journal %s) while another connection holds a write open', async (journal) => {
  const file = path.join(root, 'busy.db');
  const writer = new Database(file);
  writer.pragma(`journal_mode = ${journal}`);
  writer.exec('CREATE TABLE ledger (account TEXT, amount INTEGER); CREATE TABLE padding (blob BLOB)');
  const pad = writer.prepare('INSERT INTO padding VALUES (?)');
  for (let i = 0; i < 400; i++) pad.run(Buffer.alloc(4096, i));
  // every transfer moves 1 from a to b: a consistent copy always sums to zero
  const debit = writer.prepare(`INSERT INTO ledger VALUES ('a', -1)`);
  const credit = writer.prepare(`INSERT INTO ledger VALUES ('b', 1)`);
  const transfer = writer.transaction(() => { debit.run(); credit.run(); });
  for (let i = 0; i < 25; i++) transfer();
  // half a transfer, written but not committed, for the whole copy
  writer.exec('BEGIN IMMEDIATE');
  debit.run();
  try {
    await copySqliteOnline(file, path.join(root, 'copy.db'));
  } finally {
    credit.run();
    writer.exec('COMMIT');
    writer.close();
  }
  const copy = new Database(path.join(root, 'copy.db'), { readonly: true });
  const { total, rows } = copy.prepare('SELECT coalesce(sum(amount), 0) AS total, count(*) AS rows FROM ledger').get() as { total: number; rows: number };
  copy.close();
  expect(total).toBe(0);
  expect(rows).toBe(50);
});
