/**
 * The gateway's signed result: what the callback trusts. Any changed field, another secret or a
 * malformed signature must fail verification; the refund rule reads the family's data.
 */
import { signResult, verifyResult } from './gateway';
import { refundDue } from './refund-rule';

const SECRET = 'shared-with-the-gateway';
const result = signResult(SECRET, { orderId: 'cmabc-1', status: 'paid', amount: 25_000_000, reference: 'TR1234567890', at: '2026-12-06T02:00:00.000Z' });

describe('signed gateway results', () => {
  it('verifies a result signed with the shared secret', () => {
    expect(verifyResult(SECRET, result)).toBe(true);
  });

  it.each([
    ['orderId', { orderId: 'cmabc-2' }],
    ['status', { status: 'failed' as const }],
    ['amount', { amount: 1 }],
    ['reference', { reference: 'TR0000000000' }],
    ['at', { at: '2026-12-07T02:00:00.000Z' }],
  ])('refuses a result whose %s was changed', (_field, change) => {
    expect(verifyResult(SECRET, { ...result, ...change })).toBe(false);
  });

  it('refuses another secret and malformed signatures', () => {
    expect(verifyResult('a-forger', result)).toBe(false);
    expect(verifyResult(SECRET, signResult('a-forger', result))).toBe(false);
    expect(verifyResult(SECRET, { ...result, signature: result.signature.slice(2) })).toBe(false);
    expect(verifyResult(SECRET, { ...result, signature: 'zz'.repeat(32) })).toBe(false);
  });
});

describe('refundDue (the family rule)', () => {
  it('refunds only a fee asked for before review, when the family says so', () => {
    expect(refundDue({ processKey: 'software-technical-approval', stage: 'before-review' }, 'withdrawal')).toBe(true);
    expect(refundDue({ processKey: 'software-technical-approval', stage: 'before-review' }, 'rejection')).toBe(true);
    // data-centre grading: the review had not started when an application lapses before it (the digest is silent: refund)
    expect(refundDue({ processKey: 'datacentre-grading', stage: 'before-review' }, 'lapse')).toBe(true);
    expect(refundDue({ processKey: 'software-technical-approval', stage: 'after-review' }, 'withdrawal')).toBe(false);
    expect(refundDue({ processKey: 'no-such-process', stage: 'before-review' }, 'withdrawal')).toBe(false);
  });
});
