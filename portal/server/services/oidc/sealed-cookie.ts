/**
 * A value the browser carries for us and can neither read nor change: JSON sealed with AES-256-GCM
 * under a key derived (HKDF-SHA256) from the JWT secret, with its own expiry inside. The OIDC
 * sign-in keeps its state, nonce and PKCE verifier in one, so whichever API process receives the
 * provider's callback can check it: no process memory holds the truth.
 */
import crypto from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  /** `value` sealed, to be opened until `expiresAt` (ms since the epoch). */
  seal(value: unknown, expiresAt: number): string;
  /** The value, or why not: the text was altered, sealed under another key or purpose, or has expired. */
  open<T>(sealed: string, now: number): { ok: true; value: T } | { ok: false; reason: 'invalid' | 'expired' };
}

/** `purpose` binds a sealed text to one use (it is the cipher's additional data, and part of the key derivation). */
export function createSealer(secret: string, purpose: string): Sealer {
  const key = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `ito sealed cookie: ${purpose}`, 32));
  const aad = Buffer.from(purpose, 'utf8');
  return {
    seal(value, expiresAt) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(JSON.stringify({ v: value, exp: expiresAt }), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open<T>(sealed: string, now: number) {
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return { ok: false, reason: 'invalid' } as const;
      let text: string;
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(aad);
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return { ok: false, reason: 'invalid' } as const;
      }
      const { v, exp } = JSON.parse(text) as { v: T; exp: number };
      if (!(now < exp)) return { ok: false, reason: 'expired' } as const;
      return { ok: true, value: v } as const;
    },
  };
}

/** The value of one cookie from a Cookie header, or undefined. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  maxAgeSeconds: number;
  secure: boolean;
}

/** A Set-Cookie value: httpOnly and SameSite=Lax (it must come back on the provider's top-level redirect to us). */
export function setCookieHeader(name: string, value: string, { path, maxAgeSeconds, secure }: CookieOptions): string {
  return [`${name}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}
