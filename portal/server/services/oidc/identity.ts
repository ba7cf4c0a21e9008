/**
 * Which account an identity the provider vouched for signs in as: the user whose user name is the
 * ID token's username claim (OIDC_USERNAME_CLAIM). An unknown name is refused, or, with
 * OIDC_PROVISION=applicant, gets a new applicant account (no password: it signs in through the
 * provider only). A deactivated account stays refused.
 *
 * The match is by user name because the users table has no column for the provider's subject; the
 * claim must therefore be one the provider keeps unique and does not let its users choose.
 */
import { isUniqueViolation, type Db } from '../../../../prisma/client';
import type { OidcConfig } from '../../../../config';
import { normaliseText } from '../../../../workflows/forms/text-policy';
import type { IdTokenClaims } from './id-token';

export type IdentityRefusal = 'no_username' | 'unknown_user' | 'inactive_user' | 'unusable_username';

export type IdentityOutcome =
  | { ok: true; userId: string; username: string; provisioned: boolean }
  | { ok: false; reason: IdentityRefusal; username?: string };

/** The user names our accounts may have (as POST /api/users requires). */
const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

/** A password hash no password matches (not the scrypt scheme): the account signs in through the provider only. */
export const NO_PASSWORD = 'oidc-only';

/** The claim `name` as a display name when it is clean single-line text; else the user name. */
function displayNameOf(claims: IdTokenClaims, username: string): string {
  if (typeof claims.name !== 'string') return username;
  const checked = normaliseText(claims.name, { multiline: false });
  return checked.ok && checked.text.length >= 2 && checked.text.length <= 200 ? checked.text : username;
}

async function provisionApplicant(db: Db, claims: IdTokenClaims, username: string): Promise<string> {
  try {
    const row = await db.user.create({
      data: {
        username, displayName: displayNameOf(claims, username), passwordHash: NO_PASSWORD,
        email: typeof claims.email === 'string' && claims.email_verified === true ? claims.email.slice(0, 200) : null,
        roles: { create: [{ role: 'applicant' }] },
      },
    });
    return row.id;
  } catch (err) {
    // the same person's sign-in in another tab made the account a moment ago
    if (!isUniqueViolation(err)) throw err;
    return (await db.user.findUniqueOrThrow({ where: { username } })).id;
  }
}

export async function userForIdentity(db: Db, claims: IdTokenClaims, config: Pick<OidcConfig, 'usernameClaim' | 'provision'>): Promise<IdentityOutcome> {
  const username = claims[config.usernameClaim];
  if (typeof username !== 'string' || !username) return { ok: false, reason: 'no_username' };
  const row = await db.user.findUnique({ where: { username } });
  if (row) return row.active ? { ok: true, userId: row.id, username, provisioned: false } : { ok: false, reason: 'inactive_user', username };
  if (config.provision === 'off') return { ok: false, reason: 'unknown_user', username };
  if (!USERNAME.test(username)) return { ok: false, reason: 'unusable_username', username };
  return { ok: true, userId: await provisionApplicant(db, claims, username), username, provisioned: true };
}
