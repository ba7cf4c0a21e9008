/**
 * What every family's issued certificate must pass: the PDF signature valid and trusted by poppler's
 * pdfsig (given only the root CA), and the public verify endpoint's yes for the very file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { nssDatabaseTrusting, pdfsig } from '../../activities/certificates/pdf-tools.test-helper';
import type { ApiClient } from '../../scripts/lib/api-client';
import type { Stack } from './harness';
import { pdfForm } from './pdf-form';

export interface PublicRecord {
  number: string;
  family: string;
  status: string;
  holder: { name: string; nationalId: string };
  subject: Record<string, string | string[]>;
  issuedAt: string;
  expiresAt: string;
}

/** Downloads `number` as `holder`, checks it with pdfsig and the public verifier; returns its public record. */
export async function expectIssuedAndVerified(stack: Stack, holder: ApiClient, anonymous: ApiClient, number: string, family: string): Promise<PublicRecord> {
  const pdf = await holder.get(`/api/certificates/${number}/pdf`);
  expect(pdf.status).toBe(200);
  const dir = path.join(process.env.TEST_RUN_DIR!, 'out', family);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${number}.pdf`);
  fs.writeFileSync(file, pdf.body as Buffer);
  const report = pdfsig(file, await nssDatabaseTrusting(path.join(dir, `nss-${number}`), stack.pki.rootCertPem));
  expect(report).toContain('Signature is Valid.');
  expect(report).toContain('Certificate is Trusted.');

  const verified = await anonymous.post('/api/public/verify', pdfForm(pdf.body as Buffer, `${number}.pdf`));
  expect(verified.body).toMatchObject({ signatureValid: true, chainTrusted: true, hashMatchesRecord: true, number, status: 'valid' });

  const record = await anonymous.get(`/api/public/certificates/${number}`);
  expect(record.status).toBe(200);
  expect(record.body.family).toBe(family);
  return record.body as PublicRecord;
}

/** The applicant's newest message about `trackingNumber` built from `template`. */
export async function messageAbout(applicant: ApiClient, trackingNumber: string, template: string): Promise<{ subjectEn: string; bodyFa: string; bodyEn: string } | undefined> {
  const inbox = await applicant.get('/api/notifications');
  return (inbox.body as { template: string; bodyEn: string; bodyFa: string; subjectEn: string }[]).find((n) => n.template === template && n.bodyEn.includes(trackingNumber));
}
