/**
 * The two things a verifier needs of a signer certificate, in the browser as in Node: its key id
 * (kid: the first 8 bytes of the SHA-256 of the certificate's DER) and its public key (WebCrypto,
 * RSASSA PKCS#1 v1.5 with SHA-256, from the SubjectPublicKeyInfo that Node reads out of the
 * certificate and the API publishes beside it). Pure: WebCrypto only.
 */
import { bytesToHex, KID_BYTES } from './payload';

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A copy on a plain ArrayBuffer, which is what WebCrypto's types take. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

export async function kidOf(certificateDer: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', own(certificateDer))).subarray(0, KID_BYTES));
}

export function importVerifyKey(subjectPublicKeyInfo: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
  return subtle.importKey('spki', own(subjectPublicKeyInfo), RS256, false, ['verify']);
}

export async function verifyRs256(key: CryptoKey, data: Uint8Array, signature: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<boolean> {
  return subtle.verify(RS256, key, own(signature), own(data));
}

/** Base64 (or a PEM's body) to bytes without Node's Buffer (the browser has none). */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
