/**
 * An API process as installations run it (portal/server/api-main.ts) holds no private key: started
 * outside demo mode without PKI_PASSPHRASE, it still publishes the CA certificates and verifies a
 * certificate PDF that the worker's keys signed.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import { formatCertificateNumber } from '../../activities/certificates/certificate-number';
import { loadCertificateTemplate } from '../../activities/certificates/certificate-template';
import { ensureDemoPki } from '../../activities/certificates/pki';
import { renderCertificatePdf } from '../../activities/certificates/render-certificate-pdf';
import { signPdf } from '../../activities/certificates/sign-pdf';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { ApiClient, killHard, waitFor } from '../support/harness';
import { freePort } from '../support/ports';
import { pdfForm } from '../support/pdf-form';

let api: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  if (api) await killHard(api);
});

it('publishes the CA certificates and verifies a signed PDF without PKI_PASSPHRASE', async () => {
  const runDir = process.env.TEST_RUN_DIR!;
  const pkiDir = path.join(runDir, 'pki'); // the run's PKI, which the tests' workers sign with
  // a database of its own: an API process starts applications it finds waiting, and the shared one's are other tests'
  const databaseUrl = `file:${path.join(runDir, 'api-process-keys.db')}`;
  const db = await prepareDatabase({ databaseUrl, demo: false, adminPassword: 'Api-process-keys-1', documentsDir: path.join(runDir, 'api-process-keys-documents'), log: () => {} });
  await db.$disconnect();

  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_SEED: '0', DATABASE_URL: databaseUrl, PKI_DIR: pkiDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  delete env.PKI_PASSPHRASE;
  api = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'portal', 'server', 'api-main.ts')], { env, cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  api.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const client = new ApiClient(`http://127.0.0.1:${port}`);
  const ca = await waitFor('the API process to publish its CA certificates', async () => {
    if (api!.exitCode !== null) throw new Error(`the API process exited (${api!.exitCode}): ${output}`);
    const res = await client.get('/api/public/ca');
    return res.status === 200 ? res : undefined;
  }, 90_000).catch((err: Error) => {
    throw new Error(`${err.message}\n${output}`);
  });

  const workerPki = await ensureDemoPki(pkiDir, process.env.PKI_PASSPHRASE!);
  expect(new X509Certificate(ca.body.roots[0].pem).fingerprint256).toBe(new X509Certificate(workerPki.rootCertPem).fingerprint256);
  expect(new X509Certificate(ca.body.issuing[0].pem).fingerprint256).toBe(new X509Certificate(workerPki.issuingCertPem).fingerprint256);

  const number = formatCertificateNumber({ family: 'TA', jalaliYear: 1397, sequence: 7 });
  const unsigned = await renderCertificatePdf({
    number, holder: { name: 'شرکت نرم‌افزاری نمونه پارس', nationalId: '10101234567' },
    subject: { productName: 'Key Separation Test', productVersion: '1.0', platform: 'web' },
    issuedAt: new Date('2026-01-01T00:00:00Z'), expiresAt: new Date('2028-01-01T00:00:00Z'),
    verifyUrl: `http://localhost:3000/verify/${number}`, trackingNumber: 'KEYS-1',
  }, loadCertificateTemplate('software-technical-approval'));
  const signed = await signPdf(unsigned, await workerPki.signerFor('TA'), null);
  const verified = await client.post('/api/public/verify', pdfForm(signed, `${number}.pdf`));
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ signatureValid: true, chainTrusted: true, status: 'unknown' }); // never issued here, so no record
});
