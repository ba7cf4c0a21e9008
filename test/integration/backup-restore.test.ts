/**
 * Backup and restore (issue 13): `npm run backup` taken while an installation runs — one application
 * certified, another waiting for its reviewer — restored by `npm run restore` into a fresh data folder
 * and run there by a new Temporal server, API and worker: the certificate still verifies (pdfsig and
 * the public verifier, its public record answers), the audit chain verifies, the documents are there,
 * and the waiting application resumes and ends with exactly one certificate. A damaged backup is
 * refused, naming the file, before anything is written.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import { providerOf } from '../../prisma/providers';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { sealAll, verifyAuditChain } from '../../activities/audit/audit-chain';
import { ApiClient, RunningInstallation, startInstallation } from '../support/harness';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { expectIssuedAndVerified } from '../support/issued-certificates';
import { apply, completeTask, payFee, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';
import { tablesIn } from '../../scripts/lib/backup/postgres-tools';

interface ScriptResult { code: number; stdout: string; stderr: string }

/** Runs `npm run <script>`'s file as its own process (asynchronously: the product here keeps running). */
function runScript(script: 'backup' | 'restore', args: string[], env: NodeJS.ProcessEnv): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts', `${script}.ts`), ...args], { cwd: PROJECT_ROOT, env, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The environment of an installation on `dataDir` that gives only what a real one would. */
function installationEnv(dataDir: string, databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  // the run's shared Temporal store and database are not this installation's; it uses the defaults
  delete env.TEMPORAL_EMBEDDED_DB_FILE;
  delete env.TEMPORAL_EMBEDDED_PORT;
  if (providerOf(databaseUrl) === 'sqlite') delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  return env;
}

const runDir = (): string => process.env.TEST_RUN_DIR!;
const databases: TestDatabase[] = [];
const running: RunningInstallation[] = [];
let backupDir: string | undefined;

async function newDatabase(dataDir: string): Promise<TestDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const database = await createTestDatabase(dataDir);
  databases.push(database);
  return database;
}

async function start(dataDir: string, databaseUrl: string, taskQueue: string): Promise<RunningInstallation> {
  const installation = await startInstallation({ dataDir, databaseUrl, taskQueue });
  running.push(installation);
  return installation;
}

afterAll(async () => {
  for (const installation of running.splice(0)) await installation.stop();
  for (const database of databases.splice(0)) await database.drop();
});

it('restores a running installation into a fresh data folder: certificates verify, the audit chain holds, a waiting application resumes', async () => {
  const stamp = Date.now();
  const taskQueue = `backup-${stamp}`;
  const sourceDir = path.join(runDir(), `backup-source-${stamp}`);
  const source = await newDatabase(sourceDir);
  await (await prepareDatabase({ databaseUrl: source.url, demo: true, documentsDir: path.join(sourceDir, 'documents'), log: () => {} })).$disconnect();
  const original = await start(sourceDir, source.url, taskQueue);

  const anonymous = new ApiClient(original.stack.baseUrl);
  const [applicant, reviewer1, reviewer2] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));
  const certified = await apply(applicant);
  const waiting = await apply(applicant);
  await completeTask(reviewer1, await waitForTask(reviewer1, certified, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, certified, 'technical-review'), { technicalDecision: 'approve' });
  await payFee(applicant, certified);
  const done = await waitForCompletion(applicant, certified, 90_000);
  expect(done.certificates).toHaveLength(1);
  const number = done.certificates[0].number;
  await waitForTask(reviewer1, waiting, 'formal-check');
  const documents = (await applicant.get<{ id: string }[]>(`/api/applications/${waiting}/documents`)).body;
  expect(documents.length).toBeGreaterThan(0);
  const documentBytes = (await applicant.get(`/api/documents/${documents[0].id}/content`)).body as Buffer;
  await sealAll(original.stack.db, providerOf(source.url));
  const sealed = await verifyAuditChain(original.stack.db);
  expect(sealed.headSeq).toBeGreaterThan(0);
  const certificate = await original.stack.db.certificate.findUniqueOrThrow({ where: { number } });
  const rootCertPem = original.stack.pki.rootCertPem;

  // the backup is taken while the server, API and worker run
  backupDir = path.join(runDir(), `backup-${stamp}`);
  const backup = await runScript('backup', [backupDir], installationEnv(sourceDir, source.url));
  expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining('backup complete') });
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
  expect(manifest.database.kind).toBe(providerOf(source.url));
  expect(manifest.temporal.file).toBe('temporal/temporal.db');
  expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['pki/root-ca.crt.pem', 'pki/issuing/g1/issuing-ca.key.pem']));
  // the root key is kept offline, so no backup holds it
  expect(manifest.files.map((f: { path: string }) => f.path).filter((f: string) => f.includes('root-ca.key'))).toEqual([]);
  // the passphrase came from the environment: it is named as needed, never written
  expect(manifest.secrets.needed).toContainEqual(expect.objectContaining({ name: 'PKI_PASSPHRASE', sourceAtBackup: 'environment' }));
  expect(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')).not.toContain(process.env.PKI_PASSPHRASE!);
  await original.stop();
  running.splice(running.indexOf(original), 1);

  const restoredDir = path.join(runDir(), `backup-restored-${stamp}`);
  const target = providerOf(source.url) === 'sqlite' ? { url: `file:${path.join(restoredDir, 'app.db')}` } : await newDatabase(restoredDir);
  const restore = await runScript('restore', [backupDir, '--data-dir', restoredDir], installationEnv(restoredDir, target.url));
  expect(restore).toMatchObject({ code: 0, stdout: expect.stringContaining('audit chain intact') });
  // restoring again over what is now there is refused
  const again = await runScript('restore', [backupDir, '--data-dir', restoredDir], installationEnv(restoredDir, target.url));
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('refusing to restore over existing data');

  const restored = await start(restoredDir, target.url, taskQueue);
  expect(restored.stack.pki.rootCertPem).toBe(rootCertPem);
  const chain = await verifyAuditChain(restored.stack.db);
  expect(chain.problem).toBeUndefined();
  expect(chain.headSeq).toBe(sealed.headSeq);

  const anonymousAfter = new ApiClient(restored.stack.baseUrl);
  const [applicantAfter, reviewer1After, reviewer2After] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymousAfter.login(u)));
  await expectIssuedAndVerified(restored.stack, applicantAfter, anonymousAfter, number, 'software-technical-approval');
  expect((await restored.stack.db.certificate.findUniqueOrThrow({ where: { number } })).pdfSha256).toBe(certificate.pdfSha256);
  const documentAfter = await applicantAfter.get(`/api/documents/${documents[0].id}/content`);
  expect(documentAfter.status).toBe(200);
  expect(Buffer.compare(documentAfter.body as Buffer, documentBytes)).toBe(0);

  // the application that waited resumes on the restored engine, through the API
  await completeTask(reviewer1After, await waitForTask(reviewer1After, waiting, 'formal-check'), { formalDecision: 'complete' });
  await completeTask(reviewer2After, await waitForTask(reviewer2After, waiting, 'technical-review'), { technicalDecision: 'approve' });
  await payFee(applicantAfter, waiting);
  const resumed = await waitForCompletion(applicantAfter, waiting, 90_000);
  expect(resumed.outcome).toBe('approved');
  expect(resumed.certificates).toHaveLength(1);
  const application = await restored.stack.db.application.findUniqueOrThrow({ where: { trackingNumber: waiting } });
  expect(await restored.stack.db.certificate.count({ where: { applicationId: application.id } })).toBe(1);
  await expectIssuedAndVerified(restored.stack, applicantAfter, anonymousAfter, resumed.certificates[0].number, 'software-technical-approval');
}, 300_000);

it('refuses a damaged backup, naming the file, before writing anything', async () => {
  if (!backupDir) throw new Error('no backup was made: the restore test above failed before its backup');
  const damaged = `${backupDir}-damaged`;
  fs.cpSync(backupDir, damaged, { recursive: true });
  const store = path.join(damaged, 'temporal', 'temporal.db');
  const bytes = fs.readFileSync(store);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  fs.writeFileSync(store, bytes);

  const targetDir = path.join(runDir(), `restore-damaged-${Date.now()}`);
  const target = process.env.TEST_DATABASE === 'postgresql' ? await newDatabase(path.join(runDir(), 'pg-damaged')) : { url: `file:${path.join(targetDir, 'app.db')}` };
  const result = await runScript('restore', [damaged, '--data-dir', targetDir], installationEnv(targetDir, target.url));
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('the checksum of temporal/temporal.db does not match the manifest');
  expect(fs.existsSync(targetDir)).toBe(false);
  if (providerOf(target.url) === 'postgresql') expect(await tablesIn(target.url)).toBe(0);

  // a file the manifest lists that is gone is named too
  fs.copyFileSync(path.join(backupDir, 'temporal', 'temporal.db'), store);
  fs.rmSync(path.join(damaged, 'pki', 'issuing', 'g1', 'issuing-ca.key.pem'));
  const missing = await runScript('restore', [damaged, '--data-dir', targetDir], installationEnv(targetDir, target.url));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('pki/issuing/g1/issuing-ca.key.pem is missing');
  expect(fs.existsSync(targetDir)).toBe(false);
}, 120_000);
