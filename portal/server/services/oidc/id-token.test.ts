/**
 * The ID-token checks of the OIDC sign-in: only RS256 and ES256 signatures by a key the provider
 * publishes (found by kid, refetched when a rotation brings a new one), and the claims that bind the
 * token to this provider, this client, this moment and this sign-in.
 */
import crypto from 'node:crypto';
import { IdTokenRefused, verifyIdToken, type IdTokenExpectations, type KeyLookup } from './id-token';
import { createJwksCache, type Jwk } from './jwks';

const ISSUER = 'https://sso.example.ir';
const CLIENT = 'ito-portal';
const NONCE = 'nonce-of-this-sign-in';
const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);
const nowSeconds = NOW / 1000;
const expected: IdTokenExpectations = { issuer: ISSUER, clientId: CLIENT, nonce: NONCE, now: NOW };

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwkOf = (key: crypto.KeyObject, kid: string, extra: Partial<Jwk> = {}): Jwk => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', ...extra });
const JWKS: Jwk[] = [jwkOf(rsa.publicKey, 'rsa-1', { alg: 'RS256' }), jwkOf(ec.publicKey, 'ec-1')];

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const goodClaims = { iss: ISSUER, sub: 'subject-1', aud: CLIENT, iat: nowSeconds - 5, exp: nowSeconds + 300, nonce: NONCE, preferred_username: 'applicant' };

function signed(claims: object, { alg = 'RS256', kid = 'rsa-1', key = rsa.privateKey }: { alg?: string; kid?: string; key?: crypto.KeyObject } = {}): string {
  const input = `${b64({ alg, typ: 'JWT', kid })}.${b64(claims)}`;
  const signature = alg === 'ES256'
    ? crypto.sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
    : crypto.sign('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

const fixedKeys = (jwks: Jwk[] = JWKS): KeyLookup => createJwksCache(async () => jwks);

async function problemOf(token: string, keys: KeyLookup = fixedKeys(), expectations: IdTokenExpectations = expected): Promise<string> {
  try {
    await verifyIdToken(token, expectations, keys);
    return 'accepted';
  } catch (err) {
    if (err instanceof IdTokenRefused) return err.problem;
    throw err;
  }
}

describe('an ID token the provider issued for this sign-in', () => {
  it('is accepted when signed RS256 by its published key, with its claims returned', async () => {
    await expect(verifyIdToken(signed(goodClaims), expected, fixedKeys())).resolves.toMatchObject({ sub: 'subject-1', preferred_username: 'applicant' });
  });

  it('is accepted when signed ES256 (r‖s signature) by its published P-256 key', async () => {
    expect(await problemOf(signed(goodClaims, { alg: 'ES256', kid: 'ec-1', key: ec.privateKey }))).toBe('accepted');
  });

  it('is accepted with several audiences when azp names this client, and within a minute of clock skew', async () => {
    expect(await problemOf(signed({ ...goodClaims, aud: [CLIENT, 'other'], azp: CLIENT }))).toBe('accepted');
    expect(await problemOf(signed({ ...goodClaims, exp: nowSeconds - 30, iat: nowSeconds + 30 }))).toBe('accepted');
  });
});

describe('a token is refused', () => {
  it('signed with no algorithm, or HS256 with the public key as its secret', async () => {
    const none = `${b64({ alg: 'none' })}.${b64(goodClaims)}.`;
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
    const hsInput = `${b64({ alg: 'HS256', kid: 'rsa-1' })}.${b64(goodClaims)}`;
    const hs = `${hsInput}.${crypto.createHmac('sha256', pem).update(hsInput).digest('base64url')}`;
    expect([await problemOf(none), await problemOf(hs)]).toEqual(['algorithm', 'algorithm']);
  });

  it('whose payload was changed after signing', async () => {
    const [h, , s] = signed(goodClaims).split('.');
    expect(await problemOf(`${h}.${b64({ ...goodClaims, preferred_username: 'admin' })}.${s}`)).toBe('signature');
  });

  it('signed by a key the provider does not publish, even when it borrows a published kid', async () => {
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await problemOf(signed(goodClaims, { kid: 'someone-else', key: stranger.privateKey }))).toBe('unknown_key');
    expect(await problemOf(signed(goodClaims, { kid: 'rsa-1', key: stranger.privateKey }))).toBe('signature');
  });

  it('when the published key is of the wrong type or strength for the algorithm', async () => {
    expect(await problemOf(signed(goodClaims, { alg: 'ES256', kid: 'rsa-1', key: ec.privateKey }))).toBe('unknown_key');
    const weak = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(await problemOf(signed(goodClaims, { kid: 'weak', key: weak.privateKey }), fixedKeys([jwkOf(weak.publicKey, 'weak')]))).toBe('unknown_key');
  });

  it('from another issuer, for another client, or for another party (azp)', async () => {
    expect(await problemOf(signed({ ...goodClaims, iss: 'https://elsewhere.example' }))).toBe('issuer');
    expect(await problemOf(signed({ ...goodClaims, aud: 'another-client' }))).toBe('audience');
    expect(await problemOf(signed({ ...goodClaims, aud: [CLIENT, 'other'] }))).toBe('authorized_party');
    expect(await problemOf(signed({ ...goodClaims, azp: 'other' }))).toBe('authorized_party');
  });

  it('expired, issued in the future, not yet valid, or without the times', async () => {
    expect(await problemOf(signed({ ...goodClaims, exp: nowSeconds - 61 }))).toBe('expired');
    expect(await problemOf(signed({ ...goodClaims, exp: undefined }))).toBe('expired');
    expect(await problemOf(signed({ ...goodClaims, iat: nowSeconds + 120 }))).toBe('issued_in_future');
    expect(await problemOf(signed({ ...goodClaims, iat: undefined }))).toBe('issued_in_future');
    expect(await problemOf(signed({ ...goodClaims, nbf: nowSeconds + 120 }))).toBe('not_yet_valid');
  });

  it('without the nonce of this sign-in', async () => {
    expect(await problemOf(signed({ ...goodClaims, nonce: 'another-sign-in' }))).toBe('nonce');
    expect(await problemOf(signed({ ...goodClaims, nonce: undefined }))).toBe('nonce');
  });

  it('that is not a compact JWS of JSON objects', async () => {
    for (const token of ['', 'a.b', 'a.b.c.d', `${b64({ alg: 'RS256' })}.${b64(goodClaims)}.sig+nature`, `e30.${Buffer.from('not json').toString('base64url')}.x`]) {
      expect([token, await problemOf(token)]).toEqual([token, expect.stringMatching(/^(malformed|algorithm)$/)]);
    }
    expect(await problemOf(signed('a string' as unknown as object))).toBe('malformed');
  });
});

describe('the provider\'s keys', () => {
  it('are fetched once, and again when a token names a kid not among them (a rotation)', async () => {
    const next = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    let published: Jwk[] = [jwkOf(rsa.publicKey, 'rsa-1')];
    let fetches = 0;
    const keys = createJwksCache(async () => { fetches += 1; return published; });
    expect(await problemOf(signed(goodClaims), keys)).toBe('accepted');
    expect(await problemOf(signed(goodClaims), keys)).toBe('accepted');
    expect(fetches).toBe(1);
    published = [jwkOf(next.publicKey, 'rsa-2')];
    expect(await problemOf(signed(goodClaims, { kid: 'rsa-2', key: next.privateKey }), keys)).toBe('accepted');
    expect(fetches).toBe(2);
  });

  it('are fetched again after a failed fetch', async () => {
    let fail = true;
    const keys = createJwksCache(async () => {
      if (fail) throw new Error('provider down');
      return JWKS;
    });
    await expect(verifyIdToken(signed(goodClaims), expected, keys)).rejects.toThrow('provider down');
    fail = false;
    expect(await problemOf(signed(goodClaims), keys)).toBe('accepted');
  });
});
