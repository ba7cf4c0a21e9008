/**
 * Sign-in through an OpenID Connect provider (the national single sign-on): the authorization-code
 * flow with PKCE for a confidential client (portal/server/routes/oidc.ts). Off unless OIDC_ISSUER is
 * set; then OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required.
 *
 * OIDC_REDIRECT_URI (default <PUBLIC_BASE_URL>/api/auth/oidc/callback, registered at the provider),
 * OIDC_SCOPES (default `openid profile`), OIDC_USERNAME_CLAIM (the ID token's claim that names the
 * user, default `preferred_username`), OIDC_PROVISION (`applicant`: an unknown identity gets a new
 * applicant account; `off`, the default: it is refused), OIDC_LABEL_FA and OIDC_LABEL_EN (the
 * sign-in page's button).
 */
export type OidcProvisioning = 'applicant' | 'off';

export interface OidcConfig {
  /** The provider's issuer identifier: discovery is read from <issuer>/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  usernameClaim: string;
  provision: OidcProvisioning;
  label: { fa: string; en: string };
}

type Env = Record<string, string | undefined>;

export const DEFAULT_OIDC_LABEL = { fa: 'ورود با پنجره ملی خدمات دولت هوشمند', en: 'Sign in with the national single sign-on' } as const;

/** The OIDC settings, or undefined when OIDC_ISSUER is unset; a half-made configuration stops the start with what is missing. */
export function loadOidcConfig(env: Env, publicBaseUrl: string): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length) throw new Error(`OIDC_ISSUER is set, so ${missing.join(' and ')} must be set too`);
  const provision = env.OIDC_PROVISION || 'off';
  if (provision !== 'applicant' && provision !== 'off') throw new Error(`OIDC_PROVISION must be "applicant" or "off" (it is "${provision}")`);
  const scopes = (env.OIDC_SCOPES || 'openid profile').split(/[\s,]+/).filter(Boolean);
  const redirectUri = env.OIDC_REDIRECT_URI || `${publicBaseUrl}/api/auth/oidc/callback`;
  for (const [name, value] of [['OIDC_ISSUER', issuer], ['OIDC_REDIRECT_URI', redirectUri]]) {
    if (!/^https?:$/.test(URL.parse(value)?.protocol ?? '')) throw new Error(`${name} must be an http(s) URL (it is "${value}")`);
  }
  return {
    // compared exactly with the discovery document's and the ID token's `iss`
    issuer,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    redirectUri,
    scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
    usernameClaim: env.OIDC_USERNAME_CLAIM || 'preferred_username',
    provision,
    label: { fa: env.OIDC_LABEL_FA || DEFAULT_OIDC_LABEL.fa, en: env.OIDC_LABEL_EN || DEFAULT_OIDC_LABEL.en },
  };
}
