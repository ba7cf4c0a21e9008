import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoPki } from './pki';

describe('certificates - demo pki', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-pki-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates a root CA and an issuing CA signed by it, with CA constraints and ASCII names', async () => {
    const pki = await ensureDemoPki(dir, 'demo-passphrase');
    const root = new X509Certificate(pki.rootCertPem);
    const issuing = new X509Certificate(pki.issuingCertPem);

    expect(root.subject).toContain('CN=ITO Demo Root CA');
    expect(issuing.subject).toContain('CN=ITO Demo Issuing CA');
    expect(issuing.issuer).toBe(root.subject);
    expect(root.ca && issuing.ca).toBe(true);
    expect(issuing.checkIssued(root)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(issuing.checkPrivateKey(pki.issuingKey)).toBe(true);

    const years = (c: X509Certificate) => (Date.parse(c.validTo) - Date.parse(c.validFrom)) / (365.25 * 86_400_000);
    expect(Math.round(years(root))).toBe(20);
    expect(Math.round(years(issuing))).toBe(5);
    expect(pki.signer).toEqual({ key: pki.issuingKey, certPem: pki.issuingCertPem, chainPems: [pki.rootCertPem] });
  });

  it('stores the private keys as encrypted PKCS#8 PEM readable only by the owner', async () => {
    await ensureDemoPki(dir, 'demo-passphrase');
    for (const name of ['root-ca.key.pem', 'issuing-ca.key.pem']) {
      const file = path.join(dir, name);
      expect(await fs.readFile(file, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      expect((await fs.stat(file)).mode & 0o077).toBe(0);
    }
    expect((await fs.readdir(dir)).sort()).toEqual(['issuing-ca.crt.pem', 'issuing-ca.key.pem', 'root-ca.crt.pem', 'root-ca.key.pem']);
  });

  it('returns the same certificates on a second call instead of regenerating them', async () => {
    const first = await ensureDemoPki(dir, 'demo-passphrase');
    const second = await ensureDemoPki(dir, 'demo-passphrase');
    expect(second.rootCertPem).toBe(first.rootCertPem);
    expect(second.issuingCertPem).toBe(first.issuingCertPem);
    expect(second.issuingKey.equals(first.issuingKey)).toBe(true);
  });

  it('shares one creation between concurrent first calls', async () => {
    const [a, b] = await Promise.all([ensureDemoPki(dir, 'demo-passphrase'), ensureDemoPki(dir, 'demo-passphrase')]);
    expect(b.rootCertPem).toBe(a.rootCertPem);
  });

  it('refuses a wrong passphrase and an incomplete directory instead of starting over', async () => {
    const first = await ensureDemoPki(dir, 'demo-passphrase');
    await expect(ensureDemoPki(dir, 'wrong')).rejects.toThrow();
    await fs.rm(path.join(dir, 'root-ca.key.pem'));
    await expect(ensureDemoPki(dir, 'demo-passphrase')).rejects.toThrow(/incomplete/);
    expect(await fs.readFile(path.join(dir, 'root-ca.crt.pem'), 'utf8')).toBe(first.rootCertPem);
  });
});
