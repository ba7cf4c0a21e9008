/** Private keys at rest: what encryptPrivateKey writes, as OpenSSL reads it back, and how other encodings are judged. */
import { generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decryptPrivateKey, describeProtection, encryptPrivateKey, isStrongEnough, KEY_ENCRYPTION_OID, keyProtectionOf, PBKDF2_ITERATIONS } from './key-encryption';
import { runTool } from './pdf-tools.test-helper';

describe('certificates - key encryption', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ito-key-encryption-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes PKCS#8 PBES2 with PBKDF2-HMAC-SHA256 at 600,000 iterations and AES-256-CBC, which OpenSSL decrypts', async () => {
    const pem = encryptPrivateKey(privateKey, 'secret passphrase');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(keyProtectionOf(pem)).toEqual({ kind: 'pbkdf2', iterations: 600_000, prf: KEY_ENCRYPTION_OID.hmacWithSHA256, cipher: KEY_ENCRYPTION_OID.aes256Cbc });
    const file = path.join(dir, 'strong.key.pem');
    await fs.writeFile(file, pem);
    const parsed = runTool('openssl', ['asn1parse', '-in', file]).stdout;
    expect(parseInt(/:PBKDF2[\s\S]*?prim: INTEGER\s+:([0-9A-F]+)/.exec(parsed)?.[1] ?? '0', 16)).toBe(PBKDF2_ITERATIONS);
    expect(runTool('openssl', ['pkey', '-in', file, '-passin', 'pass:secret passphrase', '-noout']).status).toBe(0);
    expect(decryptPrivateKey(pem, 'secret passphrase', 'strong.key.pem').equals(privateKey)).toBe(true);
  });

  it('uses a fresh salt and IV for every key, and refuses a wrong or empty passphrase', () => {
    const a = encryptPrivateKey(privateKey, 'p', 1_000);
    const b = encryptPrivateKey(privateKey, 'p', 1_000);
    expect(a).not.toBe(b);
    expect(() => decryptPrivateKey(a, 'not p', 'a.key.pem')).toThrow(/cannot decrypt a\.key\.pem \(wrong PKI passphrase\?\)/);
    expect(() => encryptPrivateKey(privateKey, '')).toThrow(/passphrase is required/);
    expect(() => encryptPrivateKey(privateKey, 'p', 0)).toThrow(RangeError);
  });

  it("judges OpenSSL's own PEM encryption (2,048 iterations) weak and scrypt as openssl pkcs8 -scrypt writes it strong", async () => {
    const exported = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'p' }).toString();
    const openssl = keyProtectionOf(exported);
    expect(openssl).toMatchObject({ kind: 'pbkdf2', iterations: 2048 });
    expect(isStrongEnough(openssl)).toBe(false);
    expect(describeProtection(openssl)).toBe('PBKDF2-hmacWithSHA256 with 2,048 iterations');

    const source = path.join(dir, 'source.key.pem');
    const scryptFile = path.join(dir, 'scrypt.key.pem');
    await fs.writeFile(source, exported);
    expect(runTool('openssl', ['pkcs8', '-topk8', '-scrypt', '-in', source, '-passin', 'pass:p', '-passout', 'pass:p', '-out', scryptFile]).status).toBe(0);
    const scrypt = keyProtectionOf(await fs.readFile(scryptFile, 'utf8'));
    expect(scrypt).toMatchObject({ kind: 'scrypt', cost: 16_384, blockSize: 8, parallelization: 1 });
    expect(isStrongEnough(scrypt)).toBe(true);

    expect(isStrongEnough(keyProtectionOf(encryptPrivateKey(privateKey, 'p', 1_000)))).toBe(false);
    expect(isStrongEnough(keyProtectionOf(encryptPrivateKey(privateKey, 'p', 1_000)), 1_000)).toBe(true);
    const plain = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(keyProtectionOf(plain)).toEqual({ kind: 'other', description: 'a PEM "PRIVATE KEY"' });
    expect(isStrongEnough(keyProtectionOf(plain))).toBe(false);
  });
});
