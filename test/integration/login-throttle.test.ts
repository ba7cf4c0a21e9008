/**
 * The sign-in throttle against the real database (SQLite, and PostgreSQL in the second pass): the
 * back-off's behaviour, and its counts shared by API processes that race for the same rows.
 */
import { Db, createDb } from '../../prisma/client';
import { LoginLimits, LoginThrottle, createLoginThrottle } from '../../portal/server/services/login-throttle';
import { testConfig } from '../support/harness';

const LIMITS: LoginLimits = {
  perUsername: { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 },
  perAddress: { freeFailures: 5, firstDelayMs: 2_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 },
  maxKeys: 100,
  sweepEveryMs: 60_000,
};

/** Limits where the address never refuses, to watch the user name's alone. */
const NAMES_ONLY: LoginLimits = { ...LIMITS, perAddress: { ...LIMITS.perAddress, freeFailures: 1_000 } };

let db: Db;
/** A second client of the same database: what another API process holds. */
let otherProcessDb: Db;

beforeAll(() => {
  db = createDb(testConfig().databaseUrl);
  otherProcessDb = createDb(testConfig().databaseUrl);
});

afterAll(async () => {
  await db.loginFailure.deleteMany();
  await Promise.all([db.$disconnect(), otherProcessDb.$disconnect()]);
});

// the tests' clock starts where other test files' real-clock rows do not reach
beforeEach(() => db.loginFailure.deleteMany());

function setUp(limits = LIMITS) {
  let now = 1_000_000;
  const throttle = createLoginThrottle(db, limits, () => now);
  return { throttle, advance: (ms: number) => { now += ms; }, now: () => now };
}

/** Attempts that all turn out wrong. */
async function fail(throttle: LoginThrottle, times: number, address: string, username: string): Promise<void> {
  for (let i = 0; i < times; i++) {
    const admission = await throttle.admit(address, username);
    if (!admission.admitted) throw new Error(`attempt ${i + 1} refused`);
  }
}

describe('login throttle', () => {
  it('hears the free failures, then refuses the user name with the seconds to wait', async () => {
    const { throttle } = setUp();
    await fail(throttle, 3, '10.0.0.1', 'admin');
    expect(await throttle.admit('10.0.0.1', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    // the same name from another address is refused too: the name is what is being guessed
    expect(await throttle.admit('10.0.0.2', 'admin')).toMatchObject({ admitted: false });
    // other names from the first address are still heard
    expect((await throttle.admit('10.0.0.1', 'reviewer1')).admitted).toBe(true);
  });

  it('doubles the wait with every further failure, up to the maximum', async () => {
    const { throttle, advance } = setUp(NAMES_ONLY);
    await fail(throttle, 3, '10.0.0.1', 'admin');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const refused = await throttle.admit('10.0.0.1', 'admin');
      if (refused.admitted) throw new Error('not refused');
      waits.push(refused.retryAfterSeconds);
      advance(refused.retryAfterSeconds * 1000);
      await fail(throttle, 1, '10.0.0.1', 'admin');
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it('counts down the wait as the clock runs', async () => {
    const { throttle, advance } = setUp();
    await fail(throttle, 3, '10.0.0.1', 'admin');
    advance(1_000);
    await fail(throttle, 1, '10.0.0.1', 'admin'); // one past the free ones: 2 s from now
    advance(500);
    expect(await throttle.admit('10.0.0.1', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 2 });
    advance(1_000);
    expect(await throttle.admit('10.0.0.1', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    advance(500);
    expect((await throttle.admit('10.0.0.1', 'admin')).admitted).toBe(true);
  });

  it('refuses an address that guesses at many names', async () => {
    const { throttle } = setUp();
    for (let i = 0; i < 5; i++) await fail(throttle, 1, '10.0.0.9', `user${i}`);
    expect(await throttle.admit('10.0.0.9', 'someone-new')).toEqual({ admitted: false, retryAfterSeconds: 2 });
    expect((await throttle.admit('10.0.0.8', 'someone-new')).admitted).toBe(true);
  });

  it('forgets a user name\'s failures on a success, but not the address\'s other failures', async () => {
    const { throttle } = setUp();
    await fail(throttle, 2, '10.0.0.1', 'admin');
    await fail(throttle, 2, '10.0.0.1', 'other');
    const right = await throttle.admit('10.0.0.1', 'admin');
    if (!right.admitted) throw new Error('refused');
    await right.succeeded();
    // the name has its three free failures again
    await fail(throttle, 3, '10.0.0.2', 'admin');
    expect((await throttle.admit('10.0.0.2', 'admin')).admitted).toBe(false);
    // the first address kept its 4 failures, the success not counted: one more is heard, then no more
    await fail(throttle, 1, '10.0.0.1', 'third');
    expect(await throttle.admit('10.0.0.1', 'fourth')).toMatchObject({ admitted: false });
  });

  it('never refuses for successes alone', async () => {
    const { throttle } = setUp();
    for (let i = 0; i < 100; i++) {
      const admission = await throttle.admit('127.0.0.1', i % 2 ? 'admin' : 'Admin ');
      if (!admission.admitted) throw new Error(`sign-in ${i + 1} refused`);
      await admission.succeeded();
    }
  });

  it('counts attempts still being checked, so parallel guesses cannot pass together', async () => {
    const { throttle } = setUp();
    const pending = await Promise.all([1, 2, 3].map(() => throttle.admit('10.0.0.1', 'admin')));
    expect(pending.every((a) => a.admitted)).toBe(true);
    expect((await throttle.admit('10.0.0.1', 'admin')).admitted).toBe(false);
  });

  it('answers a refusal from memory until its wait ends: a flood of refused attempts reads nothing', async () => {
    const { throttle, advance } = setUp(NAMES_ONLY);
    await fail(throttle, 3, '10.0.0.1', 'admin');
    expect(await throttle.admit('10.0.0.1', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    // the rows are gone (as another process's sweep could drop them), yet the wait the database gave holds
    await db.loginFailure.deleteMany();
    advance(999);
    expect(await throttle.admit('10.0.0.2', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    advance(1);
    expect((await throttle.admit('10.0.0.1', 'admin')).admitted).toBe(true);
  });

  it('forgets a remembered refusal of a name once that name signs in', async () => {
    const { throttle } = setUp(NAMES_ONLY);
    const pending = await Promise.all([1, 2, 3].map(() => throttle.admit('10.0.0.1', 'admin')));
    expect((await throttle.admit('10.0.0.1', 'admin')).admitted).toBe(false);
    const right = pending[0];
    if (!right.admitted) throw new Error('refused');
    await right.succeeded();
    expect((await throttle.admit('10.0.0.1', 'admin')).admitted).toBe(true);
  });

  it('treats case and spaces around a user name as the same name', async () => {
    const { throttle } = setUp();
    await fail(throttle, 1, '10.0.0.1', 'Admin');
    await fail(throttle, 1, '10.0.0.2', ' admin');
    await fail(throttle, 1, '10.0.0.3', 'ADMIN ');
    expect((await throttle.admit('10.0.0.4', 'admin')).admitted).toBe(false);
  });

  it('forgets failures after the quiet time', async () => {
    const { throttle, advance } = setUp();
    await fail(throttle, 3, '10.0.0.1', 'admin');
    advance(59_999);
    await fail(throttle, 1, '10.0.0.1', 'admin'); // the back-off is over, but the count is not forgotten
    expect((await throttle.admit('10.0.0.1', 'admin')).admitted).toBe(false);
    advance(60_000);
    await fail(throttle, 3, '10.0.0.1', 'admin'); // forgotten: three free failures again
  });

  it('keeps at most maxKeys names at each sweep, dropping the longest quiet', async () => {
    const { throttle, advance } = setUp({ ...NAMES_ONLY, maxKeys: 3 });
    await fail(throttle, 3, '10.0.0.1', 'first');
    advance(10);
    for (const name of ['b', 'c', 'd']) await fail(throttle, 1, '10.0.0.1', name);
    await throttle.sweep();
    // 'first' was the longest quiet of four names: dropped, so heard again
    expect((await throttle.admit('10.0.0.1', 'first')).admitted).toBe(true);
  });
});

describe('login throttle shared by API processes', () => {
  /** Two throttles on two database clients and one clock: two API processes. */
  function twoProcesses(limits = LIMITS) {
    let now = 1_000_000;
    const clock = () => now;
    return {
      throttles: [createLoginThrottle(db, limits, clock), createLoginThrottle(otherProcessDb, limits, clock)],
      advance: (ms: number) => { now += ms; },
    };
  }

  it('admits exactly the free failures of a user name when guesses race through both processes', async () => {
    const { throttles } = twoProcesses(NAMES_ONLY);
    const attempts = await Promise.all(Array.from({ length: 12 }, (_, i) => throttles[i % 2].admit(`10.0.1.${i}`, 'admin')));
    expect(attempts.filter((a) => a.admitted)).toHaveLength(LIMITS.perUsername.freeFailures);
    expect(await db.loginFailure.findUnique({ where: { kind_key: { kind: 'username', key: 'admin' } } })).toMatchObject({ count: LIMITS.perUsername.freeFailures });
  });

  it('admits exactly the free failures of an address guessing at many names through both processes', async () => {
    const { throttles } = twoProcesses();
    const attempts = await Promise.all(Array.from({ length: 16 }, (_, i) => throttles[i % 2].admit('10.0.0.9', `user${i}`)));
    expect(attempts.filter((a) => a.admitted)).toHaveLength(LIMITS.perAddress.freeFailures);
    // the refused attempts left no count behind on their names
    const names = await db.loginFailure.findMany({ where: { kind: 'username', count: { gt: 0 } } });
    expect(names.map((n) => n.count)).toEqual(Array(LIMITS.perAddress.freeFailures).fill(1));
  });

  it('takes back exactly the successes from the address while failures race beside them', async () => {
    // room for all six attempts: with the address's limit in reach, a guess counted before the
    // take-backs would be refused, and the count would depend on the order the database saw
    const { throttles } = twoProcesses({ ...LIMITS, perAddress: { ...LIMITS.perAddress, freeFailures: 10 } });
    const admitted = await Promise.all(Array.from({ length: 4 }, (_, i) => throttles[i % 2].admit('10.0.0.1', `user${i}`)));
    // two of the four were right, answered while two more guesses are counted in the other process
    await Promise.all([
      ...admitted.slice(0, 2).map((a) => (a.admitted ? a.succeeded() : Promise.reject(new Error('refused')))),
      throttles[1].admit('10.0.0.1', 'guess-a'),
      throttles[0].admit('10.0.0.1', 'guess-b'),
    ]);
    expect(await db.loginFailure.findUnique({ where: { kind_key: { kind: 'address', key: '10.0.0.1' } } })).toMatchObject({ count: 4 });
  });

  it('refuses in one process the name the other counted to its limit, with the same wait', async () => {
    const { throttles, advance } = twoProcesses(NAMES_ONLY);
    await fail(throttles[0], 3, '10.0.0.1', 'admin');
    expect(await throttles[1].admit('10.0.0.2', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    advance(1_000);
    await fail(throttles[1], 1, '10.0.0.2', 'admin');
    expect(await throttles[0].admit('10.0.0.1', 'admin')).toEqual({ admitted: false, retryAfterSeconds: 2 });
  });

  it('deletes rows quiet for longer than the throttle remembers, at the sweep', async () => {
    const { throttles, advance } = twoProcesses();
    await fail(throttles[0], 2, '10.0.0.1', 'admin');
    advance(30_000);
    await fail(throttles[1], 1, '10.0.0.2', 'other');
    advance(30_000);
    await throttles[1].sweep();
    const left = await db.loginFailure.findMany({ orderBy: [{ kind: 'asc' }, { key: 'asc' }] });
    expect(left.map((r) => `${r.kind} ${r.key}`)).toEqual(['address 10.0.0.2', 'username other']);
  });
});

