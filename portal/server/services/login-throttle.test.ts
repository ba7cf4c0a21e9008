import { ThrottleLimits, remembered, waitMs } from './login-throttle';

const LIMITS: ThrottleLimits = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };
const NOW = 1_000_000;

describe('login back-off', () => {
  it('asks no wait of a key within its free failures, or of one never seen', () => {
    expect(waitMs(LIMITS, undefined, NOW)).toBe(0);
    expect(waitMs(LIMITS, { count: 2, lastAtMs: NOW }, NOW)).toBe(0);
  });

  it('doubles the wait with every failure past the free ones, up to the maximum, counted from the last failure', () => {
    const waits = [3, 4, 5, 6, 7, 8].map((count) => waitMs(LIMITS, { count, lastAtMs: NOW }, NOW));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(waitMs(LIMITS, { count: 4, lastAtMs: NOW }, NOW + 1_500)).toBe(500);
    expect(waitMs(LIMITS, { count: 4, lastAtMs: NOW }, NOW + 2_000)).toBe(0);
  });

  it('forgets a key quiet for the forget time, not a moment before', () => {
    const failures = { count: 10, lastAtMs: NOW };
    expect(remembered(LIMITS, failures, NOW + 59_999)).toBe(failures);
    expect(remembered(LIMITS, failures, NOW + 60_000)).toBeUndefined();
    expect(waitMs({ ...LIMITS, maxDelayMs: 120_000 }, failures, NOW + 60_000)).toBe(0);
  });
});
