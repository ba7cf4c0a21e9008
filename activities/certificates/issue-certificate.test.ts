/**
 * `issue-certificate` refuses, before it takes a number, a process whose variables lack what the
 * family's template needs: a non-retryable failure naming each variable (the database is not touched
 * beyond looking for an earlier attempt).
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { ServiceTaskInput } from '../../workflows/activities-api';
import { createIssueCertificate } from './issue-certificate';
import type { Pki } from './pki';

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
