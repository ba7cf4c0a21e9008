/** The single sign-on's settings: off unless OIDC_ISSUER is set, a half-made configuration stops the start, defaults as README says. */
import { DEFAULT_OIDC_LABEL, loadOidcConfig } from './oidc';

const BASE = 'https://licensing.ito.gov.ir';
const minimal = { OIDC_ISSUER: 'https://sso.my.gov.ir/realms/national', OIDC_CLIENT_ID: 'ito-portal', OIDC_CLIENT_SECRET: 's3cret' };

describe('config - OIDC sign-in', () => {
  it('is off while OIDC_ISSUER is unset or blank', () => {
    expect(loadOidcConfig({}, BASE)).toBeUndefined();
    expect(loadOidcConfig({ OIDC_ISSUER: ' ', OIDC_CLIENT_ID: 'x' }, BASE)).toBeUndefined();
  });

  it('takes the defaults: callback under the public address, openid profile, preferred_username, no provisioning, the national words', () => {
    expect(loadOidcConfig(minimal, BASE)).toEqual({
      issuer: minimal.OIDC_ISSUER, clientId: 'ito-portal', clientSecret: 's3cret',
      redirectUri: `${BASE}/api/auth/oidc/callback`, scopes: ['openid', 'profile'], usernameClaim: 'preferred_username',
      provision: 'off', label: DEFAULT_OIDC_LABEL,
    });
  });

  it('takes each setting from its variable, and always asks for openid', () => {
    const config = loadOidcConfig({
      ...minimal, OIDC_REDIRECT_URI: 'https://proxy.example/ito/cb', OIDC_SCOPES: 'profile email', OIDC_USERNAME_CLAIM: 'national_id',
      OIDC_PROVISION: 'applicant', OIDC_LABEL_FA: 'ورود یکپارچه', OIDC_LABEL_EN: 'Single sign-on',
    }, BASE);
    expect(config).toMatchObject({
      redirectUri: 'https://proxy.example/ito/cb', scopes: ['openid', 'profile', 'email'], usernameClaim: 'national_id',
      provision: 'applicant', label: { fa: 'ورود یکپارچه', en: 'Single sign-on' },
    });
  });

  it('stops the start when the client is not named, provisioning is neither applicant nor off, or an address is no http(s) URL', () => {
    expect(() => loadOidcConfig({ OIDC_ISSUER: minimal.OIDC_ISSUER }, BASE)).toThrow('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too');
    expect(() => loadOidcConfig({ ...minimal, OIDC_CLIENT_SECRET: '' }, BASE)).toThrow('OIDC_CLIENT_SECRET must be set too');
    expect(() => loadOidcConfig({ ...minimal, OIDC_PROVISION: 'admin' }, BASE)).toThrow('OIDC_PROVISION must be "applicant" or "off"');
    expect(() => loadOidcConfig({ ...minimal, OIDC_ISSUER: 'sso.my.gov.ir' }, BASE)).toThrow('OIDC_ISSUER must be an http(s) URL');
    expect(() => loadOidcConfig({ ...minimal, OIDC_REDIRECT_URI: 'javascript:alert(1)' }, BASE)).toThrow('OIDC_REDIRECT_URI must be an http(s) URL');
  });
});
