/** Small builders for DER structures with node-forge's asn1 module (CMS signatures, encrypted keys). */
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

export const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

export const seq = (...value: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, value);
export const oid = (dotted: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
export const int = (n: number): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
export const octets = (bytes: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
export const nullValue = (): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
export const context = (tag: number, value: Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, value);
export const toDer = (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
/** An INTEGER from its two's-complement content bytes as given (a serial number, an echoed nonce). */
export const intBytes = (bytes: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bytes.toString('binary'));
export const boolean = (value: boolean): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, value ? '\xff' : '\x00');
export const utf8 = (text: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(text));
/** GeneralizedTime in UTC with milliseconds, trailing zeros of the fraction dropped (DER, X.690 11.7). */
export function generalizedTime(at: Date): Asn1 {
  const iso = at.toISOString(); // 2026-12-07T14:05:09.120Z
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  const text = `${iso.slice(0, 19).replace(/[-T:]/g, '')}${fraction ? `.${fraction}` : ''}Z`;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, text);
}
/** A named-bit BIT STRING with the given bits set, trailing zero bits removed (DER, X.690 11.2.2). */
export function namedBits(bits: number[]): Asn1 {
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] |= 0x80 >> bit % 8;
  const unused = 7 - (highest % 8);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(unused) + bytes.toString('binary'));
}
/** A positive INTEGER's content bytes, random, minimally encoded: serial numbers and nonces. */
export function randomPositiveInteger(byteCount: number): Buffer {
  const buf = randomBytes(byteCount);
  buf[0] = (buf[0] & 0x3f) | 0x40;
  return buf;
}
/** A DER SEQUENCE around elements already encoded (kept byte for byte, e.g. a signed token). */
export function derSequence(...elements: Buffer[]): Buffer {
  const body = Buffer.concat(elements);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : (() => {
    const bytes: number[] = [];
    for (let n = body.length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
  })();
  return Buffer.concat([Buffer.from([0x30]), length, body]);
}
