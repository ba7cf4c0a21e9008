/** `npm run pki -- status | issue-ca | rotate-issuing | renew-root-crl | take-root-offline | prepare`: the operator's door to the PKI folder. */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoPki, familyPolicyOid, offlineRootFiles, PkiStatus } from '../activities/certificates/pki';
import { keyProtectionOf } from '../activities/certificates/key-encryption';
import { parseCrl } from '../activities/certificates/revocation/crl';
import { writeRootCrl } from '../activities/certificates/revocation/root-crl';

const ROOT = path.join(__dirname, '..');
const DAY = 24 * 60 * 60 * 1000;

describe('scripts/pki', () => {
  let dataDir: string;
  const pki = (env: Record<string, string>, ...args: string[]) => {
    // only what each call passes: the test run's own PKI settings must not leak in
    const inherited = { ...process.env };
    for (const name of ['PKI_PASSPHRASE', 'PKI_DIR', 'DATA_DIR', 'DEMO_SEED']) delete inherited[name];
    const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'pki.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...inherited, DATA_DIR: dataDir, PKI_DIR: path.join(dataDir, 'pki'), JWT_SECRET: 'x', DEMO_SEED: '0', ...env },
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  };

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-pki-script-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('says there is no PKI yet, and rotates nothing then', () => {
    expect(pki({}, 'status')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no PKI in/) });
    expect(pki({ PKI_PASSPHRASE: 'script-pass' }, 'rotate-issuing')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no PKI in/) });
    expect(fs.existsSync(path.join(dataDir, 'pki'))).toBe(false);
  });

  it('lists the PKI, refuses to rotate without the root key, issues a CA from the offline root key file, and lists both generations', async () => {
    const first = await ensureDemoPki(path.join(dataDir, 'pki'), 'script-pass');
    await first.signerFor('TA');
    const rootKey = offlineRootFiles(path.join(dataDir, 'offline-root'), first.rootCertPem);
    const before = pki({}, 'status');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('issuing g1  ITO Demo Issuing CA G1   (current: signs new certificates)');
    expect(before.stdout).toContain(new X509Certificate(first.rootCertPem).fingerprint256);
    expect(before.stdout).toContain(`policies ${familyPolicyOid('TA')}`);
    expect(before.stdout).not.toContain('WARNING');
    // the time-stamping authority: none until first used, then listed with its validity (when archived certificates need restamp)
    expect(before.stdout).toContain('(no time-stamping authority yet: made on first use)');
    const tsa = new X509Certificate((await first.timeStampAuthority()).certPem);
    const withTsa = pki({}, 'status');
    expect(withTsa.stdout).toMatch(/ {2}TSA {7}ITO Demo Time-Stamping Authority \(G1\) {3}\(time-stamps; restamp archived certificates before it expires\)/);
    expect(withTsa.stdout).toContain(tsa.fingerprint256);
    expect((JSON.parse(pki({}, 'status', '--json').stdout) as PkiStatus).issuing[0].timeStampAuthority).toMatchObject({
      sha256Fingerprint: tsa.fingerprint256, notAfter: new Date(tsa.validTo).toISOString(),
    });

    expect(pki({}, 'issue-ca', '--root-key', rootKey.key)).toMatchObject({ code: 1, stderr: expect.stringMatching(/PKI_PASSPHRASE is not set/) });
    expect(pki({ PKI_PASSPHRASE: 'wrong' }, 'issue-ca', '--root-key', rootKey.key)).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot decrypt/) });
    expect(pki({ PKI_PASSPHRASE: 'script-pass' }, 'rotate-issuing')).toMatchObject({ code: 1, stderr: expect.stringMatching(/root key is not in the PKI folder .*pass its file with --root-key/) });
    expect(pki({ PKI_PASSPHRASE: 'script-pass' }, 'issue-ca')).toMatchObject({ code: 2, stderr: expect.stringMatching(/issue-ca needs the root key: --root-key <file>/) });
    expect(pki({ PKI_PASSPHRASE: 'script-pass' }, 'issue-ca', '--root-key')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--root-key needs a file/) });
    const rotated = pki({ PKI_PASSPHRASE: 'script-pass' }, 'issue-ca', '--root-key', rootKey.key, '--root-cert', rootKey.cert);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/issuing CA g2 is now current \(was g1\)/);
    expect(rotated.stdout).toMatch(/Restart the product/);
    expect(rotated.stdout).toContain(`put ${rootKey.key} back offline`);
    expect(fs.existsSync(path.join(dataDir, 'pki', 'root-ca.key.pem'))).toBe(false);

    const status = JSON.parse(pki({}, 'status', '--json').stdout) as PkiStatus;
    expect(status.issuing.map((i) => [i.id, i.current])).toEqual([['g2', true], ['g1', false]]);
    expect(status.issuing[0].signers.map((s) => s.family)).toContain('TA');
    expect(status.issuing[1].signers.map((s) => s.family)).toEqual(['TA']);
    expect(status).toMatchObject({ rootKeyOnline: false, weakKeys: [] });
  });

  it('revokes a family\'s signer or a serial, says so in status, and republishes the CRL at once', () => {
    const pkiDir = path.join(dataDir, 'pki');
    const env = { PKI_PASSPHRASE: 'script-pass' };
    expect(pki(env, 'revoke')).toMatchObject({ code: 2, stderr: expect.stringMatching(/exactly one of --family <CODE> or --serial <hex>/) });
    expect(pki(env, 'revoke', '--family', 'TA', '--reason', 'boredom')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--reason must be one of .*keyCompromise/) });
    expect(pki(env, 'revoke', '--family', 'TA', '--at', 'yesterday')).toMatchObject({ code: 2, stderr: expect.stringMatching(/not an ISO 8601 time/) });

    const revoked = pki(env, 'revoke', '--family', 'TA', '--reason', 'superseded', '--at', '2026-12-01T00:00:00Z');
    expect(revoked.stderr).toBe('');
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringMatching(/revoked C=IR, .*CN=ITO Demo Certificate Signer TA \(G2\) \(serial [0-9a-f]+, issuing CA g2\): superseded/) });
    const status = JSON.parse(pki({}, 'status', '--json').stdout) as PkiStatus;
    const [g2, g1] = status.issuing;
    const ta = g2.signers.find((s) => s.family === 'TA')!;
    expect(ta.revoked).toEqual({ revokedAt: '2026-12-01T00:00:00.000Z', reason: 'superseded' });
    expect(pki({}, 'status').stdout).toContain('REVOKED 2026-12-01T00:00:00.000Z (superseded)');
    const crl = path.join(pkiDir, 'issuing', 'g2', 'crl.der');
    const text = spawnSync('openssl', ['crl', '-in', crl, '-inform', 'DER', '-noout', '-text'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(`Serial Number: ${ta.serial.toUpperCase()}`);
    expect(text).toMatch(/CRL Reason Code:\s+Superseded/);

    // by serial: found in whichever generation issued it
    const earlier = g1.signers[0].serial;
    expect(pki(env, 'revoke', '--serial', earlier, '--reason', 'cessationOfOperation')).toMatchObject({ code: 0, stdout: expect.stringContaining('issuing CA g1') });
    expect(pki(env, 'revoke', '--serial', earlier)).toMatchObject({ code: 1, stderr: expect.stringMatching(/revoked already/) });
    expect(pki(env, 'revoke', '--serial', '0badc0de')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no certificate with serial 0badc0de/) });
  });

  it('renews the root CRL with the offline root key, refusing a wrong key, and status warns before it expires', async () => {
    // without a renewal between yearly ceremonies the root CRL expires and validators stop trusting the chain
    const pkiDir = path.join(dataDir, 'pki');
    const env = { PKI_PASSPHRASE: 'script-pass' };
    const crlFile = path.join(pkiDir, 'root.crl');
    const rootCertFile = path.join(pkiDir, 'root-ca.crt.pem');
    const rootCertPem = fs.readFileSync(rootCertFile, 'utf8');
    const offline = offlineRootFiles(path.join(dataDir, 'offline-root'), rootCertPem);
    const rootKey = createPrivateKey({ key: fs.readFileSync(offline.key, 'utf8'), passphrase: 'script-pass' });

    // the last ceremony 335 days ago: its CRL expires in 30 days
    await writeRootCrl(pkiDir, { certPem: rootCertPem, key: rootKey }, new Date(Date.now() - 335 * DAY));
    const old = fs.readFileSync(crlFile);
    const oldCrl = parseCrl(old);
    const near = pki({}, 'status');
    expect(near.code).toBe(0);
    expect(near.stdout).toContain(`root CRL    issued ${oldCrl.thisUpdate.toISOString().slice(0, 10)}, next update ${oldCrl.nextUpdate!.toISOString().slice(0, 10)}`);
    expect(near.stdout).toMatch(/WARNING: the root CRL \(root\.crl\) expires on \d{4}-\d\d-\d\d, in (29|30) days[\s\S]*npm run pki -- renew-root-crl --root-key <file>/);
    expect((JSON.parse(pki({}, 'status', '--json').stdout) as PkiStatus).rootCrl).toEqual({
      thisUpdate: oldCrl.thisUpdate.toISOString(), nextUpdate: oldCrl.nextUpdate!.toISOString(), revoked: 0,
    });

    // a key that is not the root's, a wrong passphrase, no key at all: refused, the CRL untouched
    const issuingKey = path.join(pkiDir, 'issuing', 'g1', 'issuing-ca.key.pem');
    expect(pki(env, 'renew-root-crl', '--root-key', issuingKey)).toMatchObject({ code: 1, stderr: expect.stringMatching(/issuing-ca\.key\.pem is not the key of the root CA of the PKI in/) });
    expect(pki({ PKI_PASSPHRASE: 'wrong' }, 'renew-root-crl', '--root-key', offline.key)).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot decrypt/) });
    expect(pki(env, 'renew-root-crl')).toMatchObject({ code: 1, stderr: expect.stringMatching(/root key is not in the PKI folder .*pass its file with --root-key/) });
    expect(pki(env, 'renew-root-crl', '--root-key')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--root-key needs a file/) });
    expect(fs.readFileSync(crlFile).equals(old)).toBe(true);

    const renewed = pki(env, 'renew-root-crl', '--root-key', offline.key, '--root-cert', offline.cert);
    expect(renewed.stderr).toBe('');
    expect(renewed.code).toBe(0);
    const crl = parseCrl(fs.readFileSync(crlFile));
    expect(crl.thisUpdate > oldCrl.thisUpdate).toBe(true);
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(365 * DAY);
    expect(Math.abs(crl.nextUpdate!.getTime() - (Date.now() + 365 * DAY))).toBeLessThan(DAY);
    expect(crl.crlNumber! > oldCrl.crlNumber!).toBe(true);
    expect(renewed.stdout).toContain(`thisUpdate ${crl.thisUpdate.toISOString()}, nextUpdate ${crl.nextUpdate!.toISOString()}`);
    expect(renewed.stdout).toContain(`put ${offline.key} back offline`);
    const verified = spawnSync('openssl', ['crl', '-inform', 'DER', '-in', crlFile, '-CAfile', rootCertFile, '-noout'], { encoding: 'utf8' });
    expect(verified.stdout + verified.stderr).toMatch(/verify OK/);
    const fresh = pki({}, 'status');
    expect(fresh.stdout).toContain(`next update ${crl.nextUpdate!.toISOString().slice(0, 10)}`);
    expect(fresh.stdout).not.toContain('WARNING');

    // no root CRL at all is warned of too
    fs.rmSync(crlFile);
    expect(pki({}, 'status').stdout).toMatch(/root CRL    none[\s\S]*WARNING: there is no root CRL \(root\.crl\)[\s\S]*npm run pki -- renew-root-crl --root-key <file>/);
    expect((JSON.parse(pki({}, 'status', '--json').stdout) as PkiStatus).rootCrl).toBeNull();
    expect(pki(env, 'renew-root-crl', '--root-key', offline.key)).toMatchObject({ code: 0 });
    expect(pki({}, 'status').stdout).not.toContain('WARNING');
  });

  it('warns of a root key left in the PKI folder, and moves it out with take-root-offline', () => {
    const pkiDir = path.join(dataDir, 'pki');
    const rootCertPem = fs.readFileSync(path.join(pkiDir, 'root-ca.crt.pem'), 'utf8');
    const offline = offlineRootFiles(path.join(dataDir, 'offline-root'), rootCertPem);
    fs.renameSync(offline.key, path.join(pkiDir, 'root-ca.key.pem')); // the older layout
    const status = pki({}, 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/WARNING: the root key \(root-ca\.key\.pem\) is still in/);
    expect(status.stdout).toContain('npm run pki -- take-root-offline --to <file>');
    // the older layout renews the root CRL with the key in the folder, as it rotates
    const crlBefore = parseCrl(fs.readFileSync(path.join(pkiDir, 'root.crl')));
    expect(pki({ PKI_PASSPHRASE: 'script-pass' }, 'renew-root-crl')).toMatchObject({ code: 0, stdout: expect.not.stringContaining('back offline') });
    expect(parseCrl(fs.readFileSync(path.join(pkiDir, 'root.crl'))).crlNumber! > crlBefore.crlNumber!).toBe(true);

    expect(pki({}, 'take-root-offline')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--to <file>/) });
    const media = path.join(dataDir, 'usb', 'root.key.pem');
    const moved = pki({}, 'take-root-offline', '--to', media);
    expect(moved).toMatchObject({ code: 0, stdout: expect.stringContaining(`to ${media}`) });
    expect(fs.existsSync(path.join(pkiDir, 'root-ca.key.pem'))).toBe(false);
    expect(fs.readFileSync(media, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(pki({}, 'status').stdout).not.toContain('WARNING');
    expect(pki({}, 'take-root-offline', '--to', `${media}.2`)).toMatchObject({ code: 1, stderr: expect.stringMatching(/already offline/) });
  });

  it('prepare creates a PKI on first use with its root key outside the folder, and re-encrypts old keys later', () => {
    const env = { PKI_PASSPHRASE: 'prep-pass', PKI_DIR: path.join(dataDir, 'prepared', 'pki') };
    const created = pki(env, 'prepare');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Its ROOT KEY is NOT in that folder/);
    const keyFile = /^ {2}\* {3}(\S+\.key\.pem)$/m.exec(created.stdout)?.[1];
    expect(keyFile).toBe(offlineRootFiles(path.join(dataDir, 'prepared', 'offline-root'), fs.readFileSync(path.join(env.PKI_DIR, 'root-ca.crt.pem'), 'utf8')).key);
    expect(fs.readdirSync(env.PKI_DIR).sort()).toEqual(['current', 'issuing', 'root-ca.crt.pem', 'root.crl']);
    expect(fs.readdirSync(path.join(env.PKI_DIR, 'issuing', 'g1')).sort()).toEqual(['crl.der', 'issuing-ca.crt.pem', 'issuing-ca.key.pem', 'ocsp']); // published at once

    // a key written the old way (OpenSSL's 2,048 iterations) is re-encrypted by the next prepare
    const issuingKey = path.join(env.PKI_DIR, 'issuing', 'g1', 'issuing-ca.key.pem');
    const key = createPrivateKey({ key: fs.readFileSync(issuingKey, 'utf8'), passphrase: 'prep-pass' });
    fs.writeFileSync(issuingKey, key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'prep-pass' }));
    expect(pki({}, 'status').code).toBe(0);
    expect(pki({ PKI_DIR: env.PKI_DIR }, 'status').stdout).toMatch(/WARNING: 1 key\(s\) are encrypted more weakly[\s\S]*issuing\/g1\/issuing-ca\.key\.pem: PBKDF2-hmacWithSHA256 with 2,048 iterations/);
    const again = pki(env, 'prepare');
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('re-encrypted 1 key(s) with PBKDF2-SHA256 at 600,000 iterations: issuing/g1/issuing-ca.key.pem') });
    expect(again.stdout).not.toMatch(/ROOT KEY/);
    expect(keyProtectionOf(fs.readFileSync(issuingKey, 'utf8'))).toMatchObject({ kind: 'pbkdf2', iterations: 600_000 });
  });

  it('explains its usage', () => {
    expect(pki({}, 'frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: npm run pki -- status .* issue-ca --root-key <file>.* renew-root-crl --root-key <file> \[--root-cert <file>\]/) });
  });
});
