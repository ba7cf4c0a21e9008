import { EngineUnavailable } from '../engine/engine-availability';
import { unavailableOf } from './unavailable';

describe('unavailableOf: what becomes a 503 with Retry-After', () => {
  it('the workflow engine down, with words that say whether anything changed', () => {
    expect(unavailableOf(new EngineUnavailable())).toMatchObject({ service: 'workflow engine', retryAfterSeconds: 5, message: expect.stringContaining('nothing was changed') });
    expect(unavailableOf(new EngineUnavailable(undefined, true))?.message).toContain('look again shortly whether it took effect');
  });

  it('the database unreachable: Prisma codes, driver-adapter kinds and socket errors, also as causes', () => {
    expect(unavailableOf({ name: 'PrismaClientKnownRequestError', code: 'P1001' })?.service).toBe('database');
    expect(unavailableOf({ name: 'PrismaClientInitializationError' })?.service).toBe('database');
    expect(unavailableOf(new Error('driver', { cause: { kind: 'DatabaseNotReachable' } }))?.service).toBe('database');
    expect(unavailableOf(new Error('pg', { cause: { code: 'ECONNREFUSED' } }))?.service).toBe('database');
    expect(unavailableOf(new Error('Connection terminated unexpectedly'))?.service).toBe('database');
    // a raw query's failure (P2010) names the adapter's kind only in meta
    expect(unavailableOf({ name: 'PrismaClientKnownRequestError', code: 'P2010', meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } } } })?.service).toBe('database');
    expect(unavailableOf({ name: 'PrismaClientKnownRequestError', code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } } })).toBeUndefined();
  });

  it('leaves bugs and the caller\'s mistakes alone (they stay 500 or 4xx)', () => {
    expect(unavailableOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(unavailableOf({ name: 'PrismaClientKnownRequestError', code: 'P2002' })).toBeUndefined();
  });
});
