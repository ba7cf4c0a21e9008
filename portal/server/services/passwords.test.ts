import crypto from 'node:crypto';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

/** A hash as the earlier, synchronous code stored it (same format, made with scryptSync). */
function hashOfEarlierVersion(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
}

const costOf = (stored: string) => stored.split('$').slice(0, 4).join('$');

describe('passwords', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies the right password only', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('keeps verifying hashes stored before hashing went async', async () => {
    const stored = hashOfEarlierVersion('demo');
    expect(await verifyPassword('demo', stored)).toBe(true);
    expect(await verifyPassword('demo2', stored)).toBe(false);
  });

  it('refuses anything that is not a scrypt hash', async () => {
    expect(await verifyPassword('demo', 'plain-text')).toBe(false);
    expect(await verifyPassword('demo', 'scrypt$16384$8$1$c2FsdA==$')).toBe(false);
    expect(await verifyPassword('demo', 'bcrypt$16384$8$1$c2FsdA==$aGFzaA==')).toBe(false);
  });

  it('has a dummy hash of today\'s cost for unknown users, the same one each time, that no password opens', async () => {
    const dummy = await dummyPasswordHash();
    expect(costOf(dummy)).toBe(costOf(await hashPassword('x')));
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('demo', dummy)).toBe(false);
  });

  it('does not hold the event loop while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks += 1; }, 0);
    await Promise.all([hashPassword('a'), hashPassword('b'), hashPassword('c'), hashPassword('d')]);
    clearInterval(timer);
    // with scryptSync no timer could fire before all four were done
    expect(ticks).toBeGreaterThan(0);
  });
});
