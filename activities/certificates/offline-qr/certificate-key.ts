/**
 * The two things a verifier needs from a signer certificate, read in the browser as in Node: its
 * key id (kid: the first 8 bytes of the SHA-256 of the DER) and its public key (WebCrypto, RSASSA
 * PKCS#1 v1.5 with SHA-256). Pure: WebCrypto only.
 */
import { bytesOf, children, readTlv, TAG } from '../der-reader';
import { bytesToHex, KID_BYTES } from './payload';

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A copy on a plain ArrayBuffer, which is what WebCrypto's types take. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** The certificate's SubjectPublicKeyInfo (DER). Throws DerError on a malformed certificate. */
export function subjectPublicKeyInfo(certificateDer: Uint8Array): Uint8Array {
  // der-reader reads by index and subarray only, which a Uint8Array has as a Buffer does
  const der = certificateDer as Buffer;
  const fields = children(der, children(der, readTlv(der, 0))[0]);
  const first = fields[0]?.tag === TAG.context(0) ? 1 : 0; // the optional [0] version
  const spki = fields[first + 5]; // serial, signature algorithm, issuer, validity, subject, then the key
  if (!spki || spki.tag !== TAG.SEQUENCE) throw new Error('the certificate has no SubjectPublicKeyInfo');
  return bytesOf(der, spki);
}

export async function kidOf(certificateDer: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', own(certificateDer))).subarray(0, KID_BYTES));
}

export function importVerifyKey(certificateDer: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
  return subtle.importKey('spki', own(subjectPublicKeyInfo(certificateDer)), RS256, false, ['verify']);
}

export async function verifyRs256(key: CryptoKey, data: Uint8Array, signature: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<boolean> {
  return subtle.verify(RS256, key, own(signature), own(data));
}

/** PEM to DER without Node's Buffer (the browser has none). */
export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const binary = atob(body);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
