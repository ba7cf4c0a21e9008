/**
 * Private keys at rest: PKCS#8 `ENCRYPTED PRIVATE KEY` (PBES2), the key derived with
 * PBKDF2-HMAC-SHA256 at 600,000 iterations (OWASP's figure for that PRF), encrypted with AES-256-CBC.
 *
 * Written here rather than with KeyObject.export({ cipher }): that goes through OpenSSL's PEM
 * writer, which uses 2,048 iterations and takes no count, and node:crypto cannot export scrypt.
 * Reading needs nothing special: OpenSSL (createPrivateKey, `openssl pkey`) decrypts any PBES2 key.
 * The iteration count is cost at start-up too: each decryption takes about a third of a second,
 * once per key and process.
 */
import { createCipheriv, createPrivateKey, KeyObject, pbkdf2Sync, randomBytes } from 'node:crypto';
import { type Asn1, int, nullValue, octets, oid, seq, toDer } from './asn1-builders';
import { children, decodeOid, readTlv, TAG, Tlv, valueOf } from './der-reader';

export const PBKDF2_ITERATIONS = 600_000;

export const KEY_ENCRYPTION_OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA256: '1.2.840.113549.2.9',
  hmacWithSHA384: '1.2.840.113549.2.10',
  hmacWithSHA512: '1.2.840.113549.2.11',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;


function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * `key` as an encrypted PKCS#8 PEM. `iterations` below PBKDF2_ITERATIONS is for test suites that
 * make many keys (see PkiOptions.testOnlyKeyIterations); the product always takes the default.
 */
export function encryptPrivateKey(key: KeyObject, passphrase: string, iterations = PBKDF2_ITERATIONS): string {
  if (!passphrase) throw new Error('a passphrase is required to encrypt a private key');
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`PBKDF2 iterations must be a positive integer, not ${iterations}`);
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const derived = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', derived, iv);
  const encrypted = Buffer.concat([cipher.update(key.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  derived.fill(0);
  const info = seq(
    seq(
      oid(KEY_ENCRYPTION_OID.pbes2),
      seq(
        seq(oid(KEY_ENCRYPTION_OID.pbkdf2), seq(octets(salt), int(iterations), seq(oid(KEY_ENCRYPTION_OID.hmacWithSHA256), nullValue()))),
        seq(oid(KEY_ENCRYPTION_OID.aes256Cbc), octets(iv)),
      ),
    ),
    octets(encrypted),
  );
  return pem('ENCRYPTED PRIVATE KEY', toDer(info));
}

/** Decrypts an encrypted PKCS#8 PEM (any PBES2 form OpenSSL reads); `what` names the key in the error. */
export function decryptPrivateKey(pemText: string, passphrase: string, what: string): KeyObject {
  try {
    return createPrivateKey({ key: pemText, format: 'pem', passphrase });
  } catch (err) {
    throw new Error(`PKI: cannot decrypt ${what} (wrong PKI passphrase?): ${(err as Error).message}`);
  }
}

/** How a PEM key is protected, read from its ASN.1 (no passphrase needed). */
export type KeyProtection =
  | { kind: 'pbkdf2'; iterations: number; prf: string; cipher: string }
  | { kind: 'scrypt'; cost: number; blockSize: number; parallelization: number; cipher: string }
  | { kind: 'other'; description: string };

const integerOf = (der: Buffer, tlv: Tlv): number => {
  if (tlv.tag !== TAG.INTEGER) throw new Error('expected an INTEGER');
  return [...valueOf(der, tlv)].reduce((n, byte) => n * 256 + byte, 0);
};

export function keyProtectionOf(pemText: string): KeyProtection {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pemText);
  if (!match) return { kind: 'other', description: 'not a PEM key' };
  if (match[1] !== 'ENCRYPTED PRIVATE KEY') return { kind: 'other', description: `a PEM "${match[1]}"${/Proc-Type: 4,ENCRYPTED/.test(match[2]) ? ' (traditional OpenSSL encryption)' : ''}` };
  const der = Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
  try {
    const [algorithm] = children(der, readTlv(der, 0));
    const [schemeId, schemeParams] = children(der, algorithm);
    const scheme = decodeOid(valueOf(der, schemeId));
    if (scheme !== KEY_ENCRYPTION_OID.pbes2) return { kind: 'other', description: `PKCS#8 with scheme ${scheme} (PBES1)` };
    const [kdf, encryption] = children(der, schemeParams);
    const [kdfId, kdfParams] = children(der, kdf);
    const cipher = decodeOid(valueOf(der, children(der, encryption)[0]));
    const params = children(der, kdfParams);
    switch (decodeOid(valueOf(der, kdfId))) {
      case KEY_ENCRYPTION_OID.pbkdf2: {
        // salt, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1
        const prfField = params.slice(2).find((p) => p.tag === TAG.SEQUENCE);
        const prf = prfField ? decodeOid(valueOf(der, children(der, prfField)[0])) : KEY_ENCRYPTION_OID.hmacWithSHA1;
        return { kind: 'pbkdf2', iterations: integerOf(der, params[1]), prf, cipher };
      }
      case KEY_ENCRYPTION_OID.scrypt:
        return { kind: 'scrypt', cost: integerOf(der, params[1]), blockSize: integerOf(der, params[2]), parallelization: integerOf(der, params[3]), cipher };
      default:
        return { kind: 'other', description: `PBES2 with key derivation ${decodeOid(valueOf(der, kdfId))}` };
    }
  } catch (err) {
    return { kind: 'other', description: `unreadable ASN.1 (${(err as Error).message})` };
  }
}

const SHA2_PRFS = new Set<string>([KEY_ENCRYPTION_OID.hmacWithSHA256, KEY_ENCRYPTION_OID.hmacWithSHA384, KEY_ENCRYPTION_OID.hmacWithSHA512]);

/**
 * Whether a key's encryption is as strong as this code writes them (PBKDF2-HMAC-SHA-2 with at least
 * `minimumIterations`), or scrypt at no less than what `openssl pkcs8 -scrypt` writes (N = 16384,
 * r = 8): an operator may have chosen that by hand.
 */
export function isStrongEnough(protection: KeyProtection, minimumIterations = PBKDF2_ITERATIONS): boolean {
  if (protection.kind === 'pbkdf2') return SHA2_PRFS.has(protection.prf) && protection.iterations >= minimumIterations;
  if (protection.kind === 'scrypt') return protection.cost >= 16_384 && protection.blockSize >= 8;
  return false;
}

export function describeProtection(protection: KeyProtection): string {
  if (protection.kind === 'pbkdf2') {
    const prf = Object.entries(KEY_ENCRYPTION_OID).find(([, id]) => id === protection.prf)?.[0] ?? protection.prf;
    return `PBKDF2-${prf} with ${protection.iterations.toLocaleString('en')} iterations`;
  }
  if (protection.kind === 'scrypt') return `scrypt N=${protection.cost} r=${protection.blockSize} p=${protection.parallelization}`;
  return protection.description;
}
