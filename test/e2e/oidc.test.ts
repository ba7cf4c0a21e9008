/**
 * Sign-in through the national single sign-on in a real browser (issue 13), against the test's own
 * OpenID Connect provider: the sign-in page offers the provider's button beside the password form
 * (Persian first, English beside; both languages scanned), the button goes through the provider and
 * lands signed in on the desk in Persian with the token gone from the address bar, and an identity
 * without an account lands on a page that says so, with the ways back.
 */
import { BrowserSession, checkBothLanguages, shot } from '../support/browser';
import { Stack, startApi } from '../support/harness';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { freePort } from '../support/ports';

let stack: Stack;
let provider: TestOidcProvider;
let browser: BrowserSession;

beforeAll(async () => {
  provider = await startOidcProvider();
  const port = await freePort();
  stack = await startApi(undefined, undefined, {
    OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
  }, { port });
  browser = await BrowserSession.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await provider?.close();
});

describe('the single sign-on in the browser', () => {
  it('is a second button on the sign-in page, Persian first and English beside, in both languages', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    const button = page.getByTestId('login-oidc');
    await checkBothLanguages(page, 'oidc-login', () => button.waitFor());
    expect(await button.innerText()).toMatch(/^ورود با پنجره ملی خدمات دولت هوشمند\s+Sign in with the national single sign-on$/);
    expect(await button.getAttribute('href')).toBe('/api/auth/oidc/start');
  });

  it('goes through the provider and lands signed in on the desk in Persian, the token out of the address bar and the history', async () => {
    provider.signInAs({ claims: { sub: 'national-id-0012345678', preferred_username: 'applicant' } });
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByTestId('login-oidc').click();
    await page.waitForURL((url) => url.pathname === '/home');
    expect(page.url()).toBe(`${stack.baseUrl}/home`);
    const user = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ito.user') ?? 'null') as { username: string } | null);
    expect(user?.username).toBe('applicant');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { name: /خوش آمدید/ }).waitFor();
    expect(provider.lastAuthorize?.get('code_challenge_method')).toBe('S256');
    await shot(page, 'oidc-signed-in');
    // the landing that carried the token was replaced in the history: back is the sign-in page
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(page.url()).toBe(`${stack.baseUrl}/login`);
    expect(browser.pageErrors).toEqual([]);
  });

  it('refuses an identity without an account on a page that says so, in both languages, with the ways back', async () => {
    provider.signInAs({ claims: { sub: 'national-id-0099999999', preferred_username: 'nobody-here' } });
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/login`);
    await page.getByTestId('login-oidc').click();
    await page.waitForURL((url) => url.pathname === '/login/oidc');
    const refused = page.getByTestId('oidc-refused');
    await checkBothLanguages(page, 'oidc-refused', () => refused.waitFor());
    expect(await refused.getAttribute('data-reason')).toBe('unknown_user');
    expect(await refused.innerText()).toContain('برای این هویت حسابی در این سامانه نیست');
    expect(await page.evaluate(() => sessionStorage.getItem('ito.token'))).toBeNull();
    await page.getByTestId('oidc-back').click();
    await page.getByTestId('login-oidc').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });
});
