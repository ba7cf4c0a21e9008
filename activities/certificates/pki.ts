/**
 * Demo PKI: a root CA and an issuing CA on disk, created once and reused.
 *
 * The issuing CA signs certificate PDFs itself (document signing by the issuing CA), so it
 * carries digitalSignature + nonRepudiation besides keyCertSign/cRLSign; poppler's pdfsig
 * (NSS) and openssl both accept it as a CMS signer.
 */
import { createPrivateKey, generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { issueCertificate } from './x509-issue';

export interface PdfSigner {
  key: KeyObject;
  certPem: string;
  /** Certificates above the signer, nearest first, up to and including the root. */
  chainPems: string[];
}

export interface Pki {
  rootCertPem: string;
  issuingCertPem: string;
  issuingKey: KeyObject;
  /** What `signPdf` needs: the issuing CA key, its certificate and the root. */
  signer: PdfSigner;
}

export const ROOT_CA_NAME = 'ITO Demo Root CA';
export const ISSUING_CA_NAME = 'ITO Demo Issuing CA';

const FILES = {
  rootCert: 'root-ca.crt.pem',
  rootKey: 'root-ca.key.pem',
  issuingCert: 'issuing-ca.crt.pem',
  issuingKey: 'issuing-ca.key.pem',
} as const;

type PkiFiles = Record<keyof typeof FILES, string>;

const rsaKeyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });

function encryptedPem(key: KeyObject, passphrase: string): string {
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

function createFiles(passphrase: string): PkiFiles {
  const root = rsaKeyPair();
  const rootCert = issueCertificate({
    commonName: ROOT_CA_NAME,
    publicKey: root.publicKey,
    selfSigningKey: root.privateKey,
    validityYears: 20,
    ca: {},
    keyUsage: { keyCertSign: true, cRLSign: true },
  });
  const issuing = rsaKeyPair();
  const issuingCert = issueCertificate({
    commonName: ISSUING_CA_NAME,
    publicKey: issuing.publicKey,
    issuer: { certPem: rootCert, key: root.privateKey },
    validityYears: 5,
    ca: { pathLen: 0 },
    keyUsage: { keyCertSign: true, cRLSign: true, digitalSignature: true, nonRepudiation: true },
  });
  return {
    rootCert,
    rootKey: encryptedPem(root.privateKey, passphrase),
    issuingCert,
    issuingKey: encryptedPem(issuing.privateKey, passphrase),
  };
}

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function writeFiles(dir: string, files: PkiFiles): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // Write everything under temporary names first, then rename, so a crash never leaves half a PKI.
  const entries = Object.entries(FILES) as [keyof PkiFiles, string][];
  for (const [key, name] of entries) {
    await fs.writeFile(path.join(dir, `${name}.tmp`), files[key], { mode: key.endsWith('Key') ? 0o600 : 0o644 });
  }
  for (const [, name] of entries) {
    await fs.rename(path.join(dir, `${name}.tmp`), path.join(dir, name));
  }
}

function loadPki(files: PkiFiles, passphrase: string): Pki {
  const issuingKey = createPrivateKey({ key: files.issuingKey, format: 'pem', passphrase });
  const root = new X509Certificate(files.rootCert);
  const issuing = new X509Certificate(files.issuingCert);
  if (!issuing.checkIssued(root) || !issuing.verify(root.publicKey)) {
    throw new Error('demo PKI: issuing-ca.crt.pem is not signed by root-ca.crt.pem');
  }
  if (!issuing.checkPrivateKey(issuingKey)) {
    throw new Error('demo PKI: issuing-ca.key.pem does not belong to issuing-ca.crt.pem');
  }
  return {
    rootCertPem: files.rootCert,
    issuingCertPem: files.issuingCert,
    issuingKey,
    signer: { key: issuingKey, certPem: files.issuingCert, chainPems: [files.rootCert] },
  };
}

/**
 * Loads the demo PKI from `dir`, creating it on first use. Never regenerates: existing
 * certificates may already sign issued PDFs. A directory holding only some of the files
 * is an error rather than a reason to start over.
 *
 * Concurrent first calls in one process share a single creation; separate processes
 * should not race to create the same directory (create it at setup time).
 */
export function ensureDemoPki(dir: string, passphrase: string): Promise<Pki> {
  const key = path.resolve(dir);
  const pending = inFlight.get(key) ?? loadOrCreate(key, passphrase).finally(() => inFlight.delete(key));
  inFlight.set(key, pending);
  return pending;
}

const inFlight = new Map<string, Promise<Pki>>();

async function loadOrCreate(dir: string, passphrase: string): Promise<Pki> {
  if (!passphrase) throw new Error('demo PKI: a passphrase is required to protect the private keys');
  const entries = Object.entries(FILES) as [keyof PkiFiles, string][];
  const found = await Promise.all(entries.map(([, name]) => readIfPresent(path.join(dir, name))));
  const present = entries.filter((_, i) => found[i] !== null).map(([, name]) => name);

  if (present.length === entries.length) {
    const files = Object.fromEntries(entries.map(([key], i) => [key, found[i]])) as PkiFiles;
    return loadPki(files, passphrase);
  }
  if (present.length > 0) {
    throw new Error(`demo PKI in ${dir} is incomplete (has ${present.join(', ')}); restore the missing files or empty the folder`);
  }
  const files = createFiles(passphrase);
  await writeFiles(dir, files);
  return loadPki(files, passphrase);
}
