/**
 * Password hashing with scrypt (node:crypto): `scrypt$N$r$p$salt$hash`, compared in constant time.
 * The async scrypt runs on libuv's thread pool, so a burst of sign-ins does not stall the API's
 * one event loop (scryptSync did: every other request waited behind each hash).
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const N = 16384, R = 8, P = 1, KEYLEN = 32;

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** Checks a password against a stored hash: the routine the sign-in runs, also for unknown users. */
export type PasswordCheck = (password: string, stored: string) => Promise<boolean>;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export const verifyPassword: PasswordCheck = async (password, stored) => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length === 0) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(actual, expected);
};

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password at today's cost, made once: the sign-in checks the password of an
 * unknown user against it, so an unknown name costs as much time as a known one with a wrong
 * password and the answer's timing does not tell which names exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(32).toString('base64'));
  return dummy;
}
