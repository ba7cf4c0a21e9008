/**
 * The delegated OCSP signer of one issuing CA generation (issuing/<id>/ocsp/), made by the key
 * holder on first use and renewed a month before it expires: EKU OCSPSigning, id-pkix-ocsp-nocheck
 * (clients do not ask for its own status), valid a year or until the issuing CA expires.
 */
import { generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decryptPrivateKey, encryptPrivateKey, PBKDF2_ITERATIONS } from '../key-encryption';
import { createFolderAtomically } from '../pki';
import { issueCertificate, X509_OID } from '../x509-issue';
import { writeFileAtomically } from './atomic-write';

export const OCSP_DIR = 'ocsp';
export const RESPONDER_CERT = 'responder.crt.pem';
export const RESPONDER_KEY = 'responder.key.pem';

const RESPONDER_YEARS = 1;
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

export interface OcspResponder {
  certPem: string;
  key: KeyObject;
}

export interface ResponderKeys {
  passphrase: string;
  /** PBKDF2 iterations for a key written now (tests may ask for fewer, as PkiOptions.testOnlyKeyIterations). */
  iterations?: number;
}

function issueResponder(generationId: string, issuing: { certPem: string; key: KeyObject }, now: Date): { certPem: string; key: KeyObject } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const certPem = issueCertificate({
    commonName: `ITO Demo OCSP Responder (${generationId.toUpperCase()})`,
    publicKey: pair.publicKey,
    issuer: issuing,
    validityYears: RESPONDER_YEARS,
    notAfter: new Date(new X509Certificate(issuing.certPem).validTo),
    ca: false,
    keyUsage: { digitalSignature: true },
    extendedKeyUsage: [X509_OID.ocspSigning],
    ocspNoCheck: true,
    now,
  });
  return { certPem, key: pair.privateKey };
}

async function readPair(folder: string, keys: ResponderKeys, issuing: X509Certificate): Promise<OcspResponder | null> {
  const [certPem, keyPem] = await Promise.all([RESPONDER_CERT, RESPONDER_KEY].map((name) => fs.readFile(path.join(folder, name), 'utf8').catch(() => null)));
  if (!certPem || !keyPem) return null;
  const cert = new X509Certificate(certPem);
  const key = decryptPrivateKey(keyPem, keys.passphrase, path.join(folder, RESPONDER_KEY));
  if (!cert.checkPrivateKey(key) || !cert.checkIssued(issuing) || !cert.verify(issuing.publicKey)) return null;
  return { certPem, key };
}

/** The generation's responder: loaded, or made (or renewed) with the issuing CA's key. */
export async function ensureOcspResponder(generationDir: string, generationId: string, issuing: { certPem: string; key: KeyObject }, keys: ResponderKeys, now: Date): Promise<OcspResponder> {
  const folder = path.join(generationDir, OCSP_DIR);
  const issuingCert = new X509Certificate(issuing.certPem);
  const loaded = await readPair(folder, keys, issuingCert);
  const expiresSoon = loaded && Date.parse(new X509Certificate(loaded.certPem).validTo) - now.getTime() < RENEW_BEFORE_MS;
  if (loaded && !expiresSoon) return loaded;
  const made = issueResponder(generationId, issuing, now);
  const keyPem = encryptPrivateKey(made.key, keys.passphrase, keys.iterations ?? PBKDF2_ITERATIONS);
  const created = await createFolderAtomically(folder, { [RESPONDER_KEY]: keyPem, [RESPONDER_CERT]: made.certPem });
  if (!created) {
    if (!loaded) {
      // the folder exists (another process made it, or responses/ came first): complete or replace its pair
      const raced = await readPair(folder, keys, issuingCert);
      if (raced) return raced;
    }
    // key first: a crash in between leaves a pair that does not match, which the next run replaces
    await writeFileAtomically(path.join(folder, RESPONDER_KEY), keyPem, 0o600);
    await writeFileAtomically(path.join(folder, RESPONDER_CERT), made.certPem);
  }
  return made;
}
