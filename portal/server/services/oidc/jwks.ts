/**
 * The provider's signing keys (its JWKS), fetched when first needed and again when a token names a
 * key not among them: that is how a key rotation reaches us. The refetch needs no rate limit of its
 * own: ID tokens come from the provider's token endpoint over our back channel, never from the
 * browser, so a stranger cannot make us look up made-up keys.
 */
import crypto from 'node:crypto';
import type { IdTokenAlgorithm, KeyLookup } from './id-token';

export interface Jwk extends crypto.JsonWebKey {
  kid?: string;
  use?: string;
  alg?: string;
}

/** The key types an algorithm is verified with. */
const FITS: Record<IdTokenAlgorithm, (jwk: Jwk) => boolean> = {
  RS256: (jwk) => jwk.kty === 'RSA',
  ES256: (jwk) => jwk.kty === 'EC' && jwk.crv === 'P-256',
};

function usableKey(jwk: Jwk, alg: IdTokenAlgorithm): crypto.KeyObject | undefined {
  if (!FITS[alg](jwk) || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== alg)) return undefined;
  try {
    const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    // RSA keys shorter than 2048 bits are not trusted for signatures (NIST SP 800-131A)
    if (alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return undefined;
    return key;
  } catch {
    return undefined;
  }
}

/** The one key for `kid` (or, without a kid, the only key that fits the algorithm). */
function pick(keys: readonly Jwk[], kid: string | undefined, alg: IdTokenAlgorithm): crypto.KeyObject | undefined {
  const candidates = keys.filter((k) => (kid === undefined || k.kid === kid)).map((k) => usableKey(k, alg)).filter((k) => k !== undefined);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** A KeyLookup over the keys `fetchKeys` returns, refetched on a miss (concurrent misses share one fetch). */
export function createJwksCache(fetchKeys: () => Promise<Jwk[]>): KeyLookup {
  let keys: Promise<Jwk[]> | undefined;
  let refreshing: Promise<Jwk[]> | undefined;
  const refresh = (): Promise<Jwk[]> => {
    if (refreshing) return refreshing;
    const fetched = fetchKeys().finally(() => { refreshing = undefined; });
    refreshing = keys = fetched;
    // a failed fetch is not kept: the next sign-in tries again
    fetched.catch(() => { if (keys === fetched) keys = undefined; });
    return fetched;
  };
  return async (kid, alg) => {
    const cached = keys && pick(await keys.catch(() => []), kid, alg);
    return cached ?? pick(await refresh(), kid, alg);
  };
}
