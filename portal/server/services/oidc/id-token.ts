/**
 * Checks an OpenID Connect ID token ourselves, with node:crypto (OpenID Connect Core 1.0 §3.1.3.7):
 * a compact JWS signed RS256 or ES256 by a key of the provider's JWKS (found by `kid`), issued by the
 * configured issuer to this client (`aud`, and `azp` when present or when there are several
 * audiences), not expired, not issued in the future, and carrying the nonce this sign-in sent.
 * Any other algorithm (`none`, HS256 with the public key as secret, …) is refused before any key is looked up.
 */
import crypto from 'node:crypto';

export const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256'] as const;
export type IdTokenAlgorithm = (typeof ID_TOKEN_ALGORITHMS)[number];

/** What was wrong with a refused token: kept in the audit entry and the log, never shown with the token. */
export type IdTokenProblem =
  | 'malformed' | 'algorithm' | 'unknown_key' | 'signature'
  | 'issuer' | 'audience' | 'authorized_party' | 'expired' | 'issued_in_future' | 'not_yet_valid' | 'nonce' | 'subject';

export class IdTokenRefused extends Error {
  constructor(readonly problem: IdTokenProblem, message: string) {
    super(message);
  }
}

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  azp?: string;
  [claim: string]: unknown;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** Leeway for the provider's clock against ours, on exp, iat and nbf; default 60 s. */
  clockSkewSeconds?: number;
}

/** The provider's public key for a token's `kid` and algorithm, or undefined when it has none (jwks.ts refreshes on a miss). */
export type KeyLookup = (kid: string | undefined, alg: IdTokenAlgorithm) => Promise<crypto.KeyObject | undefined>;

interface JoseHeader {
  alg?: unknown;
  kid?: unknown;
  crit?: unknown;
}

function decodeJson<T>(segment: string, what: string): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as T;
  } catch {
    throw new IdTokenRefused('malformed', `the ID token's ${what} is not a JSON object`);
  }
}

const isAlgorithm = (alg: unknown): alg is IdTokenAlgorithm => (ID_TOKEN_ALGORITHMS as readonly unknown[]).includes(alg);

function signatureHolds(alg: IdTokenAlgorithm, key: crypto.KeyObject, signingInput: string, signature: Buffer): boolean {
  try {
    // a JWS ES256 signature is r‖s (64 bytes), not DER
    return alg === 'ES256'
      ? crypto.verify('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, signature)
      : crypto.verify('sha256', Buffer.from(signingInput), key, signature);
  } catch {
    return false;
  }
}

/** The token's claims when every check passes; otherwise IdTokenRefused naming the first that failed. */
export async function verifyIdToken(token: string, expected: IdTokenExpectations, keyFor: KeyLookup): Promise<IdTokenClaims> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new IdTokenRefused('malformed', 'the ID token is not a compact JWS');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson<JoseHeader>(headerPart, 'header');
  if (!isAlgorithm(header.alg)) throw new IdTokenRefused('algorithm', `the ID token is signed with ${JSON.stringify(header.alg)}, not RS256 or ES256`);
  if (header.crit !== undefined) throw new IdTokenRefused('malformed', 'the ID token names critical header extensions this client does not know');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new IdTokenRefused('malformed', 'the ID token\'s kid is not a string');
  const key = await keyFor(header.kid, header.alg);
  if (!key) throw new IdTokenRefused('unknown_key', `the provider publishes no ${header.alg} key ${header.kid === undefined ? '(no kid given)' : JSON.stringify(header.kid)}`);
  if (!signatureHolds(header.alg, key, `${headerPart}.${payloadPart}`, Buffer.from(signaturePart, 'base64url'))) {
    throw new IdTokenRefused('signature', 'the ID token\'s signature does not verify with the provider\'s key');
  }

  const claims = decodeJson<Partial<IdTokenClaims>>(payloadPart, 'payload');
  const skew = expected.clockSkewSeconds ?? 60;
  const now = expected.now / 1000;
  if (claims.iss !== expected.issuer) throw new IdTokenRefused('issuer', `the ID token was issued by ${JSON.stringify(claims.iss)}, not ${JSON.stringify(expected.issuer)}`);
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (!audiences.includes(expected.clientId)) throw new IdTokenRefused('audience', 'the ID token is not meant for this client (aud)');
  if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== expected.clientId) {
    throw new IdTokenRefused('authorized_party', 'the ID token was issued to another party (azp)');
  }
  if (typeof claims.exp !== 'number' || !(now < claims.exp + skew)) throw new IdTokenRefused('expired', 'the ID token has expired');
  if (typeof claims.iat !== 'number' || claims.iat > now + skew) throw new IdTokenRefused('issued_in_future', 'the ID token has no issue time or one in the future');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now + skew)) throw new IdTokenRefused('not_yet_valid', 'the ID token is not valid yet (nbf)');
  if (typeof claims.nonce !== 'string' || claims.nonce !== expected.nonce) throw new IdTokenRefused('nonce', 'the ID token does not carry the nonce of this sign-in');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new IdTokenRefused('subject', 'the ID token names no subject');
  return claims as IdTokenClaims;
}
