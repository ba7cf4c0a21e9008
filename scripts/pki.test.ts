/** `npm run pki -- status | rotate-issuing`: the operator's door to the PKI folder. */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoPki, familyPolicyOid, PkiStatus } from '../activities/certificates/pki';

const ROOT = path.join(__dirname, '..');

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

  it('lists the PKI, rotates the issuing CA with signers for the template families, and lists both generations', async () => {
    const first = await ensureDemoPki(path.join(dataDir, 'pki'), 'script-pass');
    await first.signerFor('TA');
    const before = pki({}, 'status');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('issuing g1  ITO Demo Issuing CA G1   (current: signs new certificates)');
    expect(before.stdout).toContain(new X509Certificate(first.rootCertPem).fingerprint256);
    expect(before.stdout).toContain(`policies ${familyPolicyOid('TA')}`);

    expect(pki({}, 'rotate-issuing')).toMatchObject({ code: 1, stderr: expect.stringMatching(/PKI_PASSPHRASE is not set/) });
    expect(pki({ PKI_PASSPHRASE: 'wrong' }, 'rotate-issuing')).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot decrypt/) });
    const rotated = pki({ PKI_PASSPHRASE: 'script-pass' }, 'rotate-issuing');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/issuing CA g2 is now current \(was g1\)/);
    expect(rotated.stdout).toMatch(/Restart the product/);

    const status = JSON.parse(pki({}, 'status', '--json').stdout) as PkiStatus;
    expect(status.issuing.map((i) => [i.id, i.current])).toEqual([['g2', true], ['g1', false]]);
    expect(status.issuing[0].signers.map((s) => s.family)).toContain('TA');
    expect(status.issuing[1].signers.map((s) => s.family)).toEqual(['TA']);
  });

  it('explains its usage', () => {
    expect(pki({}, 'frobnicate')).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: npm run pki -- status/) });
  });
});
