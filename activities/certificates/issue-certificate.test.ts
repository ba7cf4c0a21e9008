/**
 * `issue-certificate` refuses, before it takes a number, a process whose variables lack what the
 * family's template needs: a non-retryable failure naming each variable (the database is not touched
 * beyond looking for an earlier attempt); with the worker's validation data it stores a B-LTA file and
 * the hash of that final file.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../prisma/client';
import type { ServiceTaskInput } from '../../workflows/activities-api';
import { createIssueCertificate } from './issue-certificate';
import type { Pki } from './pki';
import { EXPIRES, HOLDER, ISSUED, SUBJECTS } from './certificate-samples.test-helper';
import { ltaPki } from './ltv/lta-samples.test-helper';
import { pkiTimeStamper } from './timestamp';
import { verifyCertificatePdf } from './verify-pdf';

function handlerWithoutCertificates() {
  const untouched = new Proxy({}, { get: (_t, name) => { throw new Error(`the database was used: ${String(name)}`); } });
  const db = { certificate: { findUnique: async () => null }, application: untouched, $transaction: untouched } as unknown as Db;
  return createIssueCertificate({ db, pki: {} as Pki, timeStamper: () => Promise.reject(new Error('no time-stamps in these tests')), verifyUrl: (n) => `https://verify.example/${n}` });
}

const input = (family: string, variables: Record<string, unknown>): ServiceTaskInput => ({
  applicationId: 'app-1',
  trackingNumber: 'TA-14050902-7K3F9Q',
  elementId: 'issue-certificate',
  activation: 1,
  taskType: 'issue-certificate',
  headers: { family },
  variables,
});

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApplicationFailure);
    return err as ApplicationFailure;
  }
  throw new Error('issue-certificate did not fail');
}

describe('certificates - issue-certificate reads the subject by the template', () => {
  it('fails for good, naming the missing variable, when a required subject field is absent', async () => {
    const failure = await failureOf(handlerWithoutCertificates()(input('software-technical-approval', { productName: 'سامانه', platform: 'web' })));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('MissingVariable');
    expect(failure.message).toBe('cannot issue the software-technical-approval certificate: variable "productVersion" is required');
  });

  it('names every unusable variable of a scope, as an invalid (not missing) variable', async () => {
    const failure = await failureOf(handlerWithoutCertificates()(input('afta-security-services-licence', { activityCategories: ['hardening', 'lockpicking'] })));
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('InvalidVariable');
    expect(failure.message).toMatch(/^cannot issue the afta-security-services-licence certificate: variable "activityCategories" has unknown item "lockpicking"/);
  });

  it('refuses a validity the process set outside 1–120 whole months (the template lets a decision table set it)', async () => {
    const subject = { productName: 'فایروال', productVersion: '1.0', productOrigin: 'domestic', grade: 'B' };
    for (const validityMonths of [0, 121, 12.5, '24']) {
      const failure = await failureOf(handlerWithoutCertificates()(input('afta-product-security-certificate', { ...subject, validityMonths })));
      expect(failure.nonRetryable).toBe(true);
      expect(failure.message).toBe(`cannot issue the afta-product-security-certificate certificate: variable "validityMonths" must be a whole number of months from 1 to 120 (got ${JSON.stringify(validityMonths)})`);
    }
  });

  it('reports all the problems at once', async () => {
    const failure = await failureOf(handlerWithoutCertificates()(input('data-centre-grading', { grade: 'x'.repeat(40) })));
    expect(failure.message).toBe(
      'cannot issue the data-centre-grading certificate: variable "dataCentreName" is required; variable "grade" must be at most 20 characters (got 40); variable "physicalScore" is required; variable "itScore" is required; variable "managementScore" is required; variable "energyScore" is required',
    );
  });
});

describe('certificates - issue-certificate stores a long-term (B-LTA) file', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-issue-lta-'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('with the worker\'s validation data the stored file is B-LTA and the stored hash is of that final file', async () => {
    const issuer = await ltaPki(dir);
    const row = {
      id: 'cert-1', number: 'TA-1405-000123-7', issuanceKey: 'TA-14050902-7K3F9Q/issue-certificate/1', family: 'software-technical-approval', familyCode: 'TA',
      holderName: HOLDER.name, holderNationalId: HOLDER.nationalId, subject: JSON.stringify(SUBJECTS['software-technical-approval']),
      issuedAt: ISSUED, expiresAt: EXPIRES, pdf: null, pdfSha256: null, status: 'pending', applicationId: 'app-1',
    };
    let stored: { pdf: Uint8Array; pdfSha256: string } | undefined;
    const db = {
      certificate: {
        findUnique: async () => row, // an earlier attempt minted the number
        update: async ({ data }: { data: { pdf: Uint8Array; pdfSha256: string } }) => { stored = data; return { ...row, ...data, status: 'valid' }; },
      },
      auditLog: { create: async () => ({}) },
    } as unknown as Db;
    const handler = createIssueCertificate({ db, pki: issuer.pki, timeStamper: pkiTimeStamper(issuer.pki), validationData: issuer.validationData, verifyUrl: (n) => `https://verify.example/${n}` });
    await handler(input('software-technical-approval', SUBJECTS['software-technical-approval']));

    const pdf = Buffer.from(stored!.pdf);
    expect(stored!.pdfSha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(verifyCertificatePdf(pdf, { rootCertPems: [issuer.pki.rootCertPem] })).toMatchObject({ signatureValid: true, padesLevel: 'B-LTA', modifiedAfterSigning: null, documentTimeStamps: [{ valid: true }] });
  });
});
