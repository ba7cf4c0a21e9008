/** The sealed cookie that carries an OIDC sign-in's state, nonce and PKCE verifier between API processes. */
import { cookieOf, createSealer, setCookieHeader } from './sealed-cookie';

const SECRET = 'a-jwt-secret-of-the-test-a-jwt-secret-of-the-test';
const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);
const pending = { state: 's'.repeat(32), nonce: 'n'.repeat(32), verifier: 'v'.repeat(43) };

describe('sealing a value for the browser to carry', () => {
  it('opens what it sealed, in any process sharing the secret, until it expires', () => {
    const sealed = createSealer(SECRET, 'oidc sign-in').seal(pending, NOW + 600_000);
    const elsewhere = createSealer(SECRET, 'oidc sign-in');
    expect(elsewhere.open(sealed, NOW + 599_999)).toEqual({ ok: true, value: pending });
    expect(elsewhere.open(sealed, NOW + 600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('hides the value: neither the nonce nor the verifier can be read from the sealed text', () => {
    const sealed = createSealer(SECRET, 'oidc sign-in').seal(pending, NOW + 600_000);
    const bytes = Buffer.from(sealed, 'base64url').toString('latin1');
    expect(bytes).not.toContain(pending.nonce);
    expect(bytes).not.toContain(pending.verifier);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a sealed text with any byte changed, including the expiry inside it', () => {
    const sealer = createSealer(SECRET, 'oidc sign-in');
    const bytes = Buffer.from(sealer.seal(pending, NOW + 600_000), 'base64url');
    for (const at of [0, 12, 28, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] ^= 0x01;
      expect([at, sealer.open(altered.toString('base64url'), NOW)]).toEqual([at, { ok: false, reason: 'invalid' }]);
    }
  });

  it('refuses a text sealed under another secret or for another purpose, and rubbish', () => {
    const sealed = createSealer(SECRET, 'oidc sign-in').seal(pending, NOW + 600_000);
    expect(createSealer(`${SECRET}x`, 'oidc sign-in').open(sealed, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(createSealer(SECRET, 'something else').open(sealed, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(createSealer(SECRET, 'oidc sign-in').open('', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(createSealer(SECRET, 'oidc sign-in').open('not-a-sealed-value', NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    const sealer = createSealer(SECRET, 'oidc sign-in');
    expect(sealer.seal(pending, NOW)).not.toBe(sealer.seal(pending, NOW));
  });
});

describe('the cookie itself', () => {
  it('is httpOnly and SameSite=Lax, Secure only when asked, with its path and lifetime', () => {
    expect(setCookieHeader('ito_oidc_x', 'v', { path: '/api/auth/oidc/callback', maxAgeSeconds: 600, secure: false }))
      .toBe('ito_oidc_x=v; Path=/api/auth/oidc/callback; Max-Age=600; HttpOnly; SameSite=Lax');
    expect(setCookieHeader('ito_oidc_x', 'v', { path: '/', maxAgeSeconds: 0, secure: true })).toMatch(/; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('is found by its exact name among the others of a Cookie header', () => {
    const header = 'a=1; ito_oidc_abc=sealed==; ito_oidc_ab=other';
    expect(cookieOf(header, 'ito_oidc_abc')).toBe('sealed==');
    expect(cookieOf(header, 'ito_oidc_ab')).toBe('other');
    expect(cookieOf(header, 'ito_oidc_a')).toBeUndefined();
    expect(cookieOf(undefined, 'a')).toBeUndefined();
  });
});
