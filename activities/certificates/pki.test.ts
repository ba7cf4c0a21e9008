import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  certificatePolicyOids, describePki, ensureDemoPki, familyPolicyOid, loadPkiCertificates, offlineRootFiles, Pki, PkiOptions, POLICY_ARC, ROOT_KEY_REQUIRED,
  rotateIssuingCa, RotationOptions, takeRootKeyOffline,
} from './pki';
import { keyProtectionOf, PBKDF2_ITERATIONS } from './key-encryption';
import { issueCertificate, X509_OID } from './x509-issue';
import { runTool } from './pdf-tools.test-helper';
import { crlIssuedBy, parseCrl } from './revocation/crl';

const PASS = 'demo-passphrase';
/** Most tests here make several PKIs: they encrypt with few iterations (the tests of the product's strength do not). */
const FAST: PkiOptions = { testOnlyKeyIterations: 1_000 };

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))).sort();
}

describe('certificates - pki', () => {
  let base: string;
  /** The PKI folder; offline-root/ goes beside it in `base`. */
  let dir: string;
  let offlineDir: string;
  /** The root key the demo set-up put offline, as an operator passes it to a rotation. */
  const withRootKey = (pki: Pki, options: RotationOptions = {}): RotationOptions => ({ ...FAST, ...options, rootKeyFile: offlineRootFiles(offlineDir, pki.rootCertPem).key });

  beforeEach(async () => {
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-pki-'));
    dir = path.join(base, 'pki');
    offlineDir = path.join(base, 'offline-root');
  });

  afterEach(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  it('creates a root CA and an issuing CA signed by it, with CA constraints and ASCII names', async () => {
    const pki = await ensureDemoPki(dir, PASS, FAST);
    const root = new X509Certificate(pki.rootCertPem);
    const issuing = new X509Certificate(pki.issuingCertPem);

    expect(root.subject).toContain('CN=ITO Demo Root CA');
    expect(issuing.subject).toContain('CN=ITO Demo Issuing CA G1');
    expect(pki.currentIssuingId).toBe('g1');
    expect(pki.issuingCertPems).toEqual([pki.issuingCertPem]);
    expect(issuing.issuer).toBe(root.subject);
    expect(root.ca && issuing.ca).toBe(true);
    expect(issuing.checkIssued(root)).toBe(true);
    expect(issuing.verify(root.publicKey)).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(issuing.keyUsage).toBeUndefined(); // node's keyUsage is the extendedKeyUsage: none on a CA

    const years = (c: X509Certificate) => (Date.parse(c.validTo) - Date.parse(c.validFrom)) / (365.25 * 86_400_000);
    expect(Math.round(years(root))).toBe(20);
    expect(Math.round(years(issuing))).toBe(5);
  });

  it('gives each family a document signer under the issuing CA: digitalSignature + nonRepudiation, document-signing EKU, the family policy', async () => {
    const pki = await ensureDemoPki(dir, PASS, FAST);
    const signer = await pki.signerFor('TA');
    const cert = new X509Certificate(signer.certPem);
    const issuing = new X509Certificate(pki.issuingCertPem);

    expect(familyPolicyOid('TA')).toBe(`${POLICY_ARC}.541`);
    expect(familyPolicyOid('CLD')).toBe(`${POLICY_ARC}.2515`);
    expect(certificatePolicyOids(signer.certPem)).toEqual([familyPolicyOid('TA')]);
    expect(cert.ca).toBe(false);
    expect(cert.subject).toContain('CN=ITO Demo Certificate Signer TA (G1)');
    expect(cert.checkIssued(issuing) && cert.verify(issuing.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(signer.key)).toBe(true);
    expect(cert.keyUsage).toEqual([X509_OID.emailProtection, X509_OID.documentSigning]); // node: extendedKeyUsage
    expect(Date.parse(cert.validTo)).toBeLessThanOrEqual(Date.parse(issuing.validTo));
    expect(signer.chainPems).toEqual([pki.issuingCertPem, pki.rootCertPem]);

    // the same as openssl reads it
    const pemFile = path.join(dir, 'signer-check.pem');
    await fs.writeFile(pemFile, signer.certPem);
    const text = runTool('openssl', ['x509', '-in', pemFile, '-noout', '-text']).stdout;
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+E-mail Protection, 1\.3\.6\.1\.5\.5\.7\.3\.36/);
    expect(text).toContain(`Policy: ${POLICY_ARC}.541`);

    // another family gets its own key and policy; asking again gives the same signer
    const cloud = await pki.signerFor('CLD');
    expect(certificatePolicyOids(cloud.certPem)).toEqual([familyPolicyOid('CLD')]);
    expect(cloud.key.equals(signer.key)).toBe(false);
    expect((await pki.signerFor('TA')).certPem).toBe(signer.certPem);
    const reloaded = await ensureDemoPki(dir, PASS, FAST);
    expect((await reloaded.signerFor('TA')).certPem).toBe(signer.certPem);
    await expect(pki.signerFor('software-technical-approval')).rejects.toThrow(/2-4 uppercase letters/);
  });

  it('stores every private key encrypted (PKCS#8, unreadable without the passphrase) and readable only by the owner', async () => {
    const pki = await ensureDemoPki(dir, PASS, FAST);
    await pki.signerFor('TA');
    await rotateIssuingCa(dir, PASS, withRootKey(pki, { families: ['TA'] }));
    const keys = (await filesUnder(dir)).filter((f) => f.endsWith('.key.pem'));
    expect(keys).toEqual([
      'issuing/g1/issuing-ca.key.pem',
      'issuing/g1/signers/TA/signer.key.pem',
      'issuing/g2/issuing-ca.key.pem',
      'issuing/g2/signers/TA/signer.key.pem',
    ]);
    for (const file of [...keys.map((name) => path.join(dir, name)), offlineRootFiles(offlineDir, pki.rootCertPem).key]) {
      const pem = await fs.readFile(file, 'utf8');
      expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      expect((await fs.stat(file)).mode & 0o077).toBe(0);
      expect(() => createPrivateKey({ key: pem, format: 'pem' })).toThrow();
      expect(() => createPrivateKey({ key: pem, format: 'pem', passphrase: 'wrong' })).toThrow();
      expect(createPrivateKey({ key: pem, format: 'pem', passphrase: PASS }).type).toBe('private');
      expect(runTool('openssl', ['pkey', '-in', file, '-passin', 'pass:', '-noout']).status).not.toBe(0);
    }
  });

  it('encrypts keys with PBKDF2-HMAC-SHA256 at 600,000 iterations and AES-256-CBC, as openssl reads the written PEM', async () => {
    const pki = await ensureDemoPki(dir, PASS); // the product's strength: no test option
    await pki.signerFor('TA');
    const files = [path.join(dir, 'issuing/g1/issuing-ca.key.pem'), path.join(dir, 'issuing/g1/signers/TA/signer.key.pem'), offlineRootFiles(offlineDir, pki.rootCertPem).key];
    for (const file of files) {
      const parsed = runTool('openssl', ['asn1parse', '-in', file]).stdout;
      expect(parsed).toMatch(/OBJECT\s+:PBES2/);
      expect(parsed).toMatch(/OBJECT\s+:PBKDF2/);
      expect(parsed).toMatch(/OBJECT\s+:hmacWithSHA256/);
      expect(parsed).toMatch(/OBJECT\s+:aes-256-cbc/);
      const iterations = /PBKDF2[\s\S]*?prim: INTEGER\s+:([0-9A-F]+)/.exec(parsed)?.[1];
      expect(parseInt(iterations ?? '0', 16)).toBe(600_000);
      expect(keyProtectionOf(await fs.readFile(file, 'utf8'))).toMatchObject({ kind: 'pbkdf2', iterations: PBKDF2_ITERATIONS });
      expect(runTool('openssl', ['pkey', '-in', file, '-passin', `pass:${PASS}`, '-noout']).status).toBe(0);
    }
    expect(PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('re-encrypts keys written the old way (2,048 iterations) in place on the next load, and they still sign', async () => {
    const first = await ensureDemoPki(dir, PASS, FAST);
    const oldSigner = await first.signerFor('TA');
    // what the earlier code wrote: OpenSSL's PEM writer, PBKDF2 at 2,048 iterations
    const keys = ['issuing/g1/issuing-ca.key.pem', 'issuing/g1/signers/TA/signer.key.pem'];
    for (const name of keys) {
      const key = createPrivateKey({ key: await fs.readFile(path.join(dir, name), 'utf8'), passphrase: PASS });
      await fs.writeFile(path.join(dir, name), key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }), { mode: 0o600 });
      expect(keyProtectionOf(await fs.readFile(path.join(dir, name), 'utf8'))).toMatchObject({ kind: 'pbkdf2', iterations: 2048 });
    }
    expect((await describePki(dir)).weakKeys.map((k) => [k.file, k.protection])).toEqual(keys.map((k) => [k, 'PBKDF2-hmacWithSHA256 with 2,048 iterations']));

    const upgraded = await ensureDemoPki(dir, PASS); // the product's strength
    expect(upgraded.reencryptedKeys).toEqual(keys);
    for (const name of keys) {
      const file = path.join(dir, name);
      expect(keyProtectionOf(await fs.readFile(file, 'utf8'))).toMatchObject({ kind: 'pbkdf2', iterations: 600_000 });
      expect((await fs.stat(file)).mode & 0o077).toBe(0);
    }
    expect((await filesUnder(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect((await upgraded.signerFor('TA')).key.equals(oldSigner.key)).toBe(true);
    expect((await describePki(dir)).weakKeys).toEqual([]);
    // done once: the next load finds nothing to do
    expect((await ensureDemoPki(dir, PASS)).reencryptedKeys).toEqual([]);
  });

  it('returns the same certificates on a second call instead of regenerating them', async () => {
    const first = await ensureDemoPki(dir, PASS, FAST);
    const second = await ensureDemoPki(dir, PASS, FAST);
    expect(second.rootCertPem).toBe(first.rootCertPem);
    expect(second.issuingCertPem).toBe(first.issuingCertPem);
    expect((await second.signerFor('TA')).key.equals((await first.signerFor('TA')).key)).toBe(true);
  });

  it('shares one creation between concurrent first calls', async () => {
    const [a, b] = await Promise.all([ensureDemoPki(dir, PASS, FAST), ensureDemoPki(dir, PASS, FAST)]);
    expect(b.rootCertPem).toBe(a.rootCertPem);
  });

  it('refuses a wrong passphrase instead of starting over', async () => {
    const first = await ensureDemoPki(dir, PASS, FAST);
    await expect(ensureDemoPki(dir, 'wrong', FAST)).rejects.toThrow(/cannot decrypt/);
    await expect(ensureDemoPki(dir, '', FAST)).rejects.toThrow(/passphrase is required/);
    expect(await fs.readFile(path.join(dir, 'root-ca.crt.pem'), 'utf8')).toBe(first.rootCertPem);
  });

  describe('the root key offline', () => {
    it('puts the new root key beside the PKI folder, never in it, named after the root, with a README saying to take it away', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      const offline = offlineRootFiles(offlineDir, pki.rootCertPem);
      expect(pki.offlineRootKeyFile).toBe(offline.key);
      // root.crl: the root's CRL, signed while its key is at hand
      expect(await filesUnder(dir)).toEqual(['current', 'issuing/g1/issuing-ca.crt.pem', 'issuing/g1/issuing-ca.key.pem', 'root-ca.crt.pem', 'root.crl']);
      expect(path.basename(offline.key)).toMatch(/^root-ca-[0-9a-f]{16}\.key\.pem$/);
      expect(await fs.readFile(offline.cert, 'utf8')).toBe(pki.rootCertPem);
      expect(new X509Certificate(pki.rootCertPem).checkPrivateKey(createPrivateKey({ key: await fs.readFile(offline.key, 'utf8'), passphrase: PASS }))).toBe(true);
      expect((await fs.stat(offline.key)).mode & 0o077).toBe(0);
      expect(await fs.readFile(path.join(offlineDir, 'README.txt'), 'utf8')).toMatch(/A REAL INSTALLATION KEEPS\s+IT ON REMOVABLE MEDIA/);
      expect((await describePki(dir)).rootKeyOnline).toBe(false);
      // loading again (another start) needs no root key and does not make one
      const again = await ensureDemoPki(dir, PASS, FAST);
      expect(again.offlineRootKeyFile).toBeUndefined();
      expect((await fs.readdir(offlineDir)).sort()).toEqual(['README.txt', path.basename(offline.cert), path.basename(offline.key)].sort());
    });

    it('refuses to rotate without the root key file, saying to pass --root-key, and changes nothing', async () => {
      await ensureDemoPki(dir, PASS, FAST);
      const files = await filesUnder(dir);
      await expect(rotateIssuingCa(dir, PASS, FAST)).rejects.toThrow(ROOT_KEY_REQUIRED);
      expect(ROOT_KEY_REQUIRED).toMatch(/pass its file with --root-key/);
      expect(await filesUnder(dir)).toEqual(files);
    });

    it('issues a CA from a root key file kept elsewhere, using it in memory only', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      const media = path.join(base, 'usb-stick');
      await fs.mkdir(media);
      const offline = offlineRootFiles(offlineDir, pki.rootCertPem);
      await fs.rename(offline.key, path.join(media, 'root.key.pem'));
      await fs.rename(offline.cert, path.join(media, 'root.crt.pem'));

      const rootCrlBefore = parseCrl(await fs.readFile(path.join(dir, 'root.crl')));
      const rotated = await rotateIssuingCa(dir, PASS, { ...FAST, families: ['TA'], rootKeyFile: path.join(media, 'root.key.pem'), rootCertFile: path.join(media, 'root.crt.pem') });
      expect(rotated.currentIssuingId).toBe('g2');
      // the ceremony renews the root's CRL (the only time its key is at hand)
      const rootCrl = parseCrl(await fs.readFile(path.join(dir, 'root.crl')));
      expect(rootCrl.crlNumber! > rootCrlBefore.crlNumber!).toBe(true);
      expect(crlIssuedBy(rootCrl, new X509Certificate(pki.rootCertPem))).toBe(true);
      expect(new X509Certificate(rotated.issuingCertPem).verify(new X509Certificate(pki.rootCertPem).publicKey)).toBe(true);
      expect((await filesUnder(dir)).filter((f) => !f.startsWith('issuing/'))).toEqual(['current', 'root-ca.crt.pem', 'root.crl']);
      expect(await fs.readdir(media)).toEqual(['root.crt.pem', 'root.key.pem']);
    });

    it("refuses another root's key or certificate, and a root key file that is not there", async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      const other = await ensureDemoPki(path.join(base, 'other', 'pki'), PASS, FAST);
      const otherFiles = offlineRootFiles(path.join(base, 'other', 'offline-root'), other.rootCertPem);
      const ours = offlineRootFiles(offlineDir, pki.rootCertPem);
      await expect(rotateIssuingCa(dir, PASS, { ...FAST, rootKeyFile: otherFiles.key })).rejects.toThrow(/is not the key of the root CA of the PKI/);
      await expect(rotateIssuingCa(dir, PASS, { ...FAST, rootKeyFile: ours.key, rootCertFile: otherFiles.cert })).rejects.toThrow(/is not the root of the PKI/);
      await expect(rotateIssuingCa(dir, PASS, { ...FAST, rootKeyFile: path.join(base, 'nowhere.pem') })).rejects.toThrow(/the root key file .*nowhere\.pem does not exist/);
      expect((await fs.readFile(path.join(dir, 'current'), 'utf8')).trim()).toBe('g1');
    });

    it('keeps an older folder with root-ca.key.pem working, flags it, and takes the key out on request', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      const offline = offlineRootFiles(offlineDir, pki.rootCertPem);
      await fs.rename(offline.key, path.join(dir, 'root-ca.key.pem')); // the layout before the root went offline
      expect((await describePki(dir)).rootKeyOnline).toBe(true);
      expect((await rotateIssuingCa(dir, PASS, { ...FAST, families: ['TA'] })).currentIssuingId).toBe('g2');

      const media = path.join(base, 'media', 'root.key.pem');
      await expect(takeRootKeyOffline(dir, path.join(dir, 'inside.pem'))).rejects.toThrow(/inside the PKI folder/);
      await fs.mkdir(path.dirname(media));
      await fs.writeFile(media, 'something else');
      await expect(takeRootKeyOffline(dir, media)).rejects.toThrow(/exists already/);
      expect(await fs.readFile(path.join(dir, 'root-ca.key.pem'), 'utf8')).toMatch(/ENCRYPTED PRIVATE KEY/);
      await fs.rm(media);

      const pem = await fs.readFile(path.join(dir, 'root-ca.key.pem'), 'utf8');
      expect(await takeRootKeyOffline(dir, media)).toEqual({ from: path.join(dir, 'root-ca.key.pem'), to: media });
      expect(await fs.readFile(media, 'utf8')).toBe(pem);
      expect((await fs.stat(media)).mode & 0o077).toBe(0);
      expect((await describePki(dir)).rootKeyOnline).toBe(false);
      await expect(takeRootKeyOffline(dir, media + '.again')).rejects.toThrow(/already offline/);
      await expect(rotateIssuingCa(dir, PASS, FAST)).rejects.toThrow(ROOT_KEY_REQUIRED);
      expect((await rotateIssuingCa(dir, PASS, { ...FAST, rootKeyFile: media })).currentIssuingId).toBe('g3');
    });
  });

  describe('the certificates alone, for the API', () => {
    it('are read without a passphrase and without any key file', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      await pki.signerFor('TA');
      const firstTsa = await pki.timeStampAuthority();
      const rotated = await rotateIssuingCa(dir, PASS, withRootKey(pki, { families: ['TA'] }));
      const secondTsa = await rotated.timeStampAuthority();
      expect(secondTsa.certPem).not.toBe(firstTsa.certPem);
      expect(new X509Certificate(secondTsa.certPem).subject).toContain('CN=ITO Demo Time-Stamping Authority (G2)');
      for (const key of (await filesUnder(dir)).filter((f) => f.endsWith('.key.pem'))) await fs.rm(path.join(dir, key));
      const before = await filesUnder(dir);

      const certificates = await loadPkiCertificates(dir);
      expect(certificates).toEqual({
        rootCertPem: pki.rootCertPem,
        currentIssuingId: 'g2',
        issuingCertPem: rotated.issuingCertPem,
        issuingCertPems: [rotated.issuingCertPem, pki.issuingCertPem],
        // every generation's time-stamping authority, current first: tokens made under g1 still verify
        timeStampAuthorityCertPems: [secondTsa.certPem, firstTsa.certPem],
      });
      expect(await filesUnder(dir)).toEqual(before);
    });

    it('are never created: no folder or an empty one is an error, and stays so', async () => {
      await expect(loadPkiCertificates(dir)).rejects.toThrow(/no PKI in/);
      await fs.mkdir(dir);
      await expect(loadPkiCertificates(dir)).rejects.toThrow(/no PKI in/);
      expect(await fs.readdir(dir)).toEqual([]);
      await expect(fs.stat(offlineDir)).rejects.toThrow(/ENOENT/);
    });

    it('are refused when an issuing CA does not chain to the root', async () => {
      await ensureDemoPki(dir, PASS, FAST);
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const foreign = issueCertificate({ commonName: 'Stranger CA', publicKey: stranger.publicKey, selfSigningKey: stranger.privateKey, validityYears: 1, ca: {}, keyUsage: { keyCertSign: true } });
      await fs.mkdir(path.join(dir, 'issuing/g5'));
      await fs.writeFile(path.join(dir, 'issuing/g5/issuing-ca.crt.pem'), foreign);
      await expect(loadPkiCertificates(dir)).rejects.toThrow(/issuing\/g5\/issuing-ca\.crt\.pem is not a CA signed by root-ca\.crt\.pem/);
    });
  });

  it.each([
    ['the current issuing key', 'issuing/g1/issuing-ca.key.pem', /incomplete \(missing issuing\/g1\/issuing-ca\.key\.pem\)/],
    ['the current issuing certificate', 'issuing/g1/issuing-ca.crt.pem', /incomplete \(missing issuing\/g1\/issuing-ca\.crt\.pem\)/],
    ['the pointer to the current issuing CA', 'current', /incomplete \(missing current\)/],
    ['the root certificate', 'root-ca.crt.pem', /incomplete \(missing root-ca\.crt\.pem\)/],
  ])('refuses a folder without %s', async (_what, file, message) => {
    await ensureDemoPki(dir, PASS, FAST);
    await fs.rm(path.join(dir, file));
    await expect(ensureDemoPki(dir, PASS, FAST)).rejects.toThrow(message);
  });

  it('refuses a signer folder that lost its key, and an issuing CA that the root did not sign', async () => {
    const pki = await ensureDemoPki(dir, PASS, FAST);
    await pki.signerFor('TA');
    await fs.rm(path.join(dir, 'issuing/g1/signers/TA/signer.key.pem'));
    await expect((await ensureDemoPki(dir, PASS, FAST)).signerFor('TA')).rejects.toThrow(/incomplete \(missing issuing\/g1\/signers\/TA\/signer\.key\.pem\)/);

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = issueCertificate({ commonName: 'Stranger CA', publicKey: stranger.publicKey, selfSigningKey: stranger.privateKey, validityYears: 1, ca: {}, keyUsage: { keyCertSign: true } });
    await fs.mkdir(path.join(dir, 'issuing/g7'));
    await fs.writeFile(path.join(dir, 'issuing/g7/issuing-ca.crt.pem'), foreign);
    await expect(ensureDemoPki(dir, PASS, FAST)).rejects.toThrow(/issuing\/g7\/issuing-ca\.crt\.pem is not a CA signed by root-ca\.crt\.pem/);
  });

  describe('rotation', () => {
    it('brings in a new issuing CA signed by the same root, keeps the old one, and switches current', async () => {
      const before = await ensureDemoPki(dir, PASS, FAST);
      const oldSigner = await before.signerFor('TA');
      const after = await rotateIssuingCa(dir, PASS, withRootKey(before, { families: ['TA', 'CLD'] }));

      expect(after.currentIssuingId).toBe('g2');
      expect(after.rootCertPem).toBe(before.rootCertPem);
      expect(after.issuingCertPems).toEqual([after.issuingCertPem, before.issuingCertPem]);
      expect(new X509Certificate(after.issuingCertPem).subject).toContain('CN=ITO Demo Issuing CA G2');
      expect(new X509Certificate(after.issuingCertPem).verify(new X509Certificate(after.rootCertPem).publicKey)).toBe(true);
      expect((await fs.readFile(path.join(dir, 'current'), 'utf8')).trim()).toBe('g2');

      const newSigner = await after.signerFor('TA');
      expect(newSigner.chainPems[0]).toBe(after.issuingCertPem);
      expect(newSigner.certPem).not.toBe(oldSigner.certPem);
      expect(new X509Certificate(newSigner.certPem).subject).toContain('CN=ITO Demo Certificate Signer TA (G2)');
      // the old generation is untouched
      expect(await fs.readFile(path.join(dir, 'issuing/g1/signers/TA/signer.crt.pem'), 'utf8')).toBe(oldSigner.certPem);
      expect(await fs.readFile(path.join(dir, 'issuing/g1/issuing-ca.crt.pem'), 'utf8')).toBe(before.issuingCertPem);
      // signers for the named families were made with the generation
      expect((await filesUnder(path.join(dir, 'issuing/g2'))).filter((f) => f.endsWith('.crt.pem'))).toEqual([
        'issuing-ca.crt.pem', 'signers/CLD/signer.crt.pem', 'signers/TA/signer.crt.pem',
      ]);

      const third = await rotateIssuingCa(dir, PASS, withRootKey(before));
      expect(third.currentIssuingId).toBe('g3');
      expect(third.issuingCertPems).toEqual([third.issuingCertPem, after.issuingCertPem, before.issuingCertPem]);
    });

    it('lets the root key sign nothing but issuing CAs (CA, path length 0); document signers chain through an issuing CA', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      await pki.signerFor('TA');
      await rotateIssuingCa(dir, PASS, withRootKey(pki, { families: ['TA', 'CLD'] }));
      const root = new X509Certificate(pki.rootCertPem);
      const certs = (await filesUnder(dir)).filter((f) => f.endsWith('.crt.pem') && f !== 'root-ca.crt.pem');
      expect(certs).toHaveLength(5);
      for (const file of certs) {
        const pem = await fs.readFile(path.join(dir, file), 'utf8');
        const cert = new X509Certificate(pem);
        const byRoot = cert.verify(root.publicKey);
        expect([file, byRoot]).toEqual([file, file.endsWith('issuing-ca.crt.pem')]);
        if (byRoot) {
          expect(cert.ca).toBe(true);
          const pemFile = path.join(os.tmpdir(), `ito-pki-check-${process.pid}.pem`);
          await fs.writeFile(pemFile, pem);
          const text = runTool('openssl', ['x509', '-in', pemFile, '-noout', '-text']).stdout;
          await fs.rm(pemFile);
          expect(text).toMatch(/CA:TRUE, pathlen:0/);
          expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
        }
      }
      // and the root itself is a CA for CAs only
      expect(root.ca).toBe(true);
    });

    it('refuses to rotate with a wrong passphrase or an incomplete folder, changing nothing', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      const files = await filesUnder(dir);
      await expect(rotateIssuingCa(dir, 'wrong', withRootKey(pki))).rejects.toThrow(/cannot decrypt/);
      expect(await filesUnder(dir)).toEqual(files);
      await fs.rm(path.join(dir, 'issuing/g1/issuing-ca.crt.pem'));
      await expect(rotateIssuingCa(dir, PASS, withRootKey(pki))).rejects.toThrow(/incomplete/);
      expect((await fs.readFile(path.join(dir, 'current'), 'utf8')).trim()).toBe('g1');
    });

    it('describes the folder without a passphrase: current issuing CA first, signers with their policies', async () => {
      const pki = await ensureDemoPki(dir, PASS, FAST);
      await pki.signerFor('TA');
      await rotateIssuingCa(dir, PASS, withRootKey(pki, { families: ['TA'] }));
      const status = await describePki(dir);
      expect(status.root.sha256Fingerprint).toBe(new X509Certificate(pki.rootCertPem).fingerprint256);
      expect(status.issuing.map((i) => [i.id, i.current])).toEqual([['g2', true], ['g1', false]]);
      expect(status.issuing[0].policies).toEqual([X509_OID.anyPolicy]);
      expect(status.issuing[1].signers).toEqual([expect.objectContaining({ family: 'TA', policies: [familyPolicyOid('TA')] })]);
    });
  });

  it('adopts a folder from before issuing generations (issuing-ca.* beside the root) as g1', async () => {
    // what the earlier code wrote: root-ca.{crt,key}.pem and issuing-ca.{crt,key}.pem, the issuing CA signing PDFs itself
    const root = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rootPem = issueCertificate({ commonName: 'ITO Demo Root CA', publicKey: root.publicKey, selfSigningKey: root.privateKey, validityYears: 20, ca: {}, keyUsage: { keyCertSign: true, cRLSign: true } });
    const issuing = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const issuingPem = issueCertificate({
      commonName: 'ITO Demo Issuing CA', publicKey: issuing.publicKey, issuer: { certPem: rootPem, key: root.privateKey }, validityYears: 5, ca: { pathLen: 0 },
      keyUsage: { keyCertSign: true, cRLSign: true, digitalSignature: true, nonRepudiation: true },
    });
    const enc = (k: typeof root.privateKey) => k.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'root-ca.crt.pem'), rootPem);
    await fs.writeFile(path.join(dir, 'root-ca.key.pem'), enc(root.privateKey), { mode: 0o600 });
    await fs.writeFile(path.join(dir, 'issuing-ca.crt.pem'), issuingPem);
    await fs.writeFile(path.join(dir, 'issuing-ca.key.pem'), enc(issuing.privateKey), { mode: 0o600 });

    const pki = await ensureDemoPki(dir, PASS, FAST);
    expect(pki.currentIssuingId).toBe('g1');
    expect(pki.issuingCertPem).toBe(issuingPem);
    expect(await filesUnder(dir)).toEqual(['current', 'issuing/g1/issuing-ca.crt.pem', 'issuing/g1/issuing-ca.key.pem', 'root-ca.crt.pem', 'root-ca.key.pem']);
    const signer = await pki.signerFor('TA');
    expect(new X509Certificate(signer.certPem).verify(issuing.publicKey)).toBe(true);
    expect((await ensureDemoPki(dir, PASS, FAST)).issuingCertPem).toBe(issuingPem);

    // an incomplete legacy folder is refused like any other
    await fs.rm(dir, { recursive: true });
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'root-ca.crt.pem'), rootPem);
    await fs.writeFile(path.join(dir, 'issuing-ca.crt.pem'), issuingPem);
    await expect(ensureDemoPki(dir, PASS, FAST)).rejects.toThrow(/incomplete \(missing issuing-ca\.key\.pem\)/);
  });
});
