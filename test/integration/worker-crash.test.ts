/**
 * Durability: worker processes are killed with SIGKILL while an application waits for a reviewer
 * and again in the middle of issuing its certificate (after the number is minted, before the PDF is
 * stored), and right after a task is listed but before its workflow has recorded it. New workers
 * finish the application with exactly one certificate and the same number, and the listed task can
 * be completed at once. The worker process (temporal/worker-main.ts) issues the certificate B-LTA.
 */
import { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ApiClient, Stack, killHard, spawnWorkerProcess, startApi, waitFor } from '../support/harness';
import { verifyCertificatePdf } from '../../activities/certificates/verify-pdf';
import { apply, completeTask, payFee, waitForCompletion, waitForTask } from '../../scripts/lib/walk-steps';

let stack: Stack;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  stack = await startApi();
});

afterAll(async () => {
  await Promise.all(workers.map(killHard));
  await stack?.close();
});

function worker(env: Record<string, string> = {}): ChildProcess {
  const child = spawnWorkerProcess(env);
  workers.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

it('finishes an application with exactly one certificate after workers die mid-wait and mid-issue', async () => {
  const marker = path.join(process.env.TEST_RUN_DIR!, `crash-after-mint-${Date.now()}`);
  const anonymous = new ApiClient(stack.baseUrl);
  const [applicant, reviewer1, reviewer2] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));

  // worker A runs the application up to the first review, then is killed while it waits
  const a = worker();
  const trackingNumber = await apply(applicant);
  const formal = await waitForTask(reviewer1, trackingNumber, 'formal-check');
  await killHard(a);

  // worker B (armed to crash right after minting the number) takes over
  const b = worker({ ITO_FAULT_CRASH_AFTER_MINT: marker });
  await completeTask(reviewer1, formal, { formalDecision: 'complete' });
  await completeTask(reviewer2, await waitForTask(reviewer2, trackingNumber, 'technical-review'), { technicalDecision: 'approve' });
  // issuing follows the paid fee
  await payFee(applicant, trackingNumber);
  expect(await exited(b)).toBe('SIGKILL');

  const application = await stack.db.application.findUniqueOrThrow({ where: { trackingNumber } });
  const minted = await stack.db.certificate.findMany({ where: { applicationId: application.id } });
  expect(minted).toHaveLength(1);
  expect(minted[0].status).toBe('pending');
  expect(minted[0].pdf).toBeNull();

  // worker C retries the activity: same number, PDF stored, no second certificate
  worker();
  const done = await waitForCompletion(applicant, trackingNumber, 90_000);
  expect(done.outcome).toBe('approved');
  const certificates = await stack.db.certificate.findMany({ where: { applicationId: application.id } });
  expect(certificates).toHaveLength(1);
  expect(certificates[0].number).toBe(minted[0].number);
  expect(certificates[0].status).toBe('valid');
  expect(certificates[0].pdfSha256).toMatch(/^[0-9a-f]{64}$/);
  // the worker issues long-term certificates (PAdES B-LTA) and records the hash of that final file
  const pdf = Buffer.from(certificates[0].pdf!);
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(certificates[0].pdfSha256);
  expect(verifyCertificatePdf(pdf, { rootCertPems: [stack.pki.rootCertPem] })).toMatchObject({ signatureValid: true, chainTrusted: true, padesLevel: 'B-LTA', modifiedAfterSigning: null });
  const issuedEntries = await stack.db.auditLog.count({ where: { applicationId: application.id, action: 'certificate.issued' } });
  expect(issuedEntries).toBe(1);
  await waitFor('the public record', async () => (await anonymous.get(`/api/public/certificates/${certificates[0].number}`)).status === 200);
}, 180_000);

it('completes a task whose worker died right after listing it, before its workflow had recorded it', async () => {
  await Promise.all(workers.splice(0).map(killHard));
  const marker = path.join(process.env.TEST_RUN_DIR!, `crash-after-task-open-${Date.now()}`);
  const anonymous = new ApiClient(stack.baseUrl);
  const [applicant, reviewer1, reviewer2] = await Promise.all(['applicant', 'reviewer1', 'reviewer2'].map((u) => anonymous.login(u)));

  // worker A writes the first review's row, then dies before the workflow task that opened it is saved
  const a = worker({ ITO_FAULT_CRASH_AFTER_TASK_OPEN: marker });
  const trackingNumber = await apply(applicant);
  expect(await exited(a)).toBe('SIGKILL');
  const formal = await waitForTask(reviewer1, trackingNumber, 'formal-check');

  // the reviewer completes it at once: the API waits for worker B to run that workflow task again
  worker();
  await completeTask(reviewer1, formal, { formalDecision: 'complete' });
  expect((await waitForTask(reviewer2, trackingNumber, 'technical-review')).elementId).toBe('technical-review');
  const application = await stack.db.application.findUniqueOrThrow({ where: { trackingNumber } });
  const opened = await stack.db.auditLog.count({ where: { applicationId: application.id, action: 'task.opened', entityId: formal.id } });
  expect(opened).toBe(1);
}, 180_000);
