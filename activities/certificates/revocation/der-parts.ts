/**
 * What CRLs and OCSP need from a certificate, read from its DER (never re-encoded): the exact
 * subject Name bytes, the public key bits the OCSP key hashes are taken over, the serial, the
 * subject key identifier; plus the few DER encoders they share.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { asn1, type Asn1, toDer } from '../asn1-builders';
import { bytesOf, children, DerError, expectTlv, readTlv, TAG, valueOf } from '../der-reader';

export interface CertificateFields {
  der: Buffer;
  /** The subject Name, DER. */
  subjectDer: Buffer;
  /** The subjectPublicKey BIT STRING's bits (without the unused-bits byte): what issuerKeyHash / responder KeyHash hash. */
  publicKeyBits: Buffer;
  /** The serial number's INTEGER content bytes as lowercase hex (two's complement, as encoded). */
  serialHex: string;
}

export function certificateFields(pemOrDer: string | Buffer): CertificateFields {
  const der = typeof pemOrDer === 'string' ? new X509Certificate(pemOrDer).raw : pemOrDer;
  const [tbs] = children(der, expectTlv(der, readTlv(der, 0), TAG.SEQUENCE, 'Certificate'));
  const fields = children(der, expectTlv(der, tbs, TAG.SEQUENCE, 'TBSCertificate'));
  const offset = fields[0]?.tag === TAG.context(0) ? 1 : 0;
  const spki = children(der, expectTlv(der, fields[offset + 5], TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  const keyBits = valueOf(der, expectTlv(der, spki[1], TAG.BIT_STRING, 'subjectPublicKey'));
  return {
    der,
    subjectDer: bytesOf(der, expectTlv(der, fields[offset + 4], TAG.SEQUENCE, 'subject Name')),
    publicKeyBits: keyBits.subarray(1),
    serialHex: valueOf(der, expectTlv(der, fields[offset], TAG.INTEGER, 'serial number')).toString('hex'),
  };
}

/** SHA-1 of the public key bits: the subject key identifier this project's certificates carry (forge's method 1) and the OCSP responder's KeyHash. */
export const keyHashSha1 = (fields: CertificateFields): Buffer => createHash('sha1').update(fields.publicKeyBits).digest();

/** A forge node for DER that must be embedded exactly as it is (a Name); refuses what forge would re-encode. */
// forge accepts an options object here; @types/node-forge only declares the boolean form.
type FromDerOptions = { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean };
const fromDerWithOptions = asn1.fromDer as unknown as (bytes: string, options: FromDerOptions) => Asn1;

export function exactNode(der: Buffer, what: string): Asn1 {
  const node = fromDerWithOptions(der.toString('binary'), { strict: true, parseAllBytes: true, decodeBitStrings: false });
  if (!toDer(node).equals(der)) throw new DerError(`${what} does not survive a DER round trip`);
  return node;
}

export const integerFromHex = (hex: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, Buffer.from(hex, 'hex').toString('binary'));

/** A non-negative integer, minimally encoded. */
export function unsignedInteger(value: bigint): Asn1 {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return integerFromHex(hex);
}

export const enumerated = (n: number): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.ENUMERATED, false, String.fromCharCode(n));
export const generalizedTime = (date: Date): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050. */
export const x509Time = (date: Date): Asn1 =>
  date.getUTCFullYear() < 2050 ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date)) : generalizedTime(date);
export const bitString = (bytes: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\x00${bytes.toString('binary')}`);
export const booleanTrue = (): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, '\xff');

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;

/** Reads a UTCTime or GeneralizedTime (Z, whole seconds, as RFC 5280 requires). */
export function readTime(buf: Buffer, tlv: { tag: number; contentStart: number; end: number } | undefined, what: string): Date {
  if (!tlv || (tlv.tag !== UTC_TIME && tlv.tag !== GENERALIZED_TIME)) throw new DerError(`expected ${what}`);
  const text = buf.subarray(tlv.contentStart, tlv.end).toString('latin1');
  const match = (tlv.tag === UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/).exec(text);
  if (!match) throw new DerError(`bad ${what} ${JSON.stringify(text)}`);
  let year = Number(match[1]);
  if (tlv.tag === UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])));
}
