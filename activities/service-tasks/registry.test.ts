/**
 * A service task waits out an unreachable database inside its attempt instead of failing it: the
 * model's few retries, seconds apart, would otherwise run out during a short database outage and
 * leave an incident (found by the fault campaign: request-fee and notify-fee-due after PostgreSQL
 * was stopped for 15 s). Any other failure still fails the attempt at once.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createServiceTaskRunner } from './registry';
import type { ServiceTaskInput } from '../../workflows/activities-api';

const input = { taskType: 'payment.request', elementId: 'request-fee' } as ServiceTaskInput;
const databaseDown = () => Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientKnownRequestError', code: 'P1001' });

describe('runServiceTask and an unreachable database', () => {
  it('runs the handler again once the database answers, within the same attempt', async () => {
    let calls = 0;
    const runner = createServiceTaskRunner({
      'payment.request': async () => {
        calls += 1;
        if (calls < 3) throw databaseDown();
        return { variables: { paymentDue: true } };
      },
    });
    const result = await new MockActivityEnvironment().run(runner.runServiceTask, input);
    expect(result).toEqual({ variables: { paymentDue: true } });
    expect(calls).toBe(3);
  }, 20_000);

  it('fails the attempt at once when another service is unreachable (the same socket code, not from the database client)', async () => {
    let calls = 0;
    const runner = createServiceTaskRunner({
      'payment.request': async () => {
        calls += 1;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3100'), { code: 'ECONNREFUSED' }) });
      },
    });
    await expect(new MockActivityEnvironment().run(runner.runServiceTask, input)).rejects.toThrow('fetch failed');
    expect(calls).toBe(1);
  });

  it('fails the attempt at once on any other error', async () => {
    let calls = 0;
    const runner = createServiceTaskRunner({
      'payment.request': async () => {
        calls += 1;
        throw new Error('the fee table has no entry for this family');
      },
    });
    await expect(new MockActivityEnvironment().run(runner.runServiceTask, input)).rejects.toThrow('no entry for this family');
    expect(calls).toBe(1);
  });
});
