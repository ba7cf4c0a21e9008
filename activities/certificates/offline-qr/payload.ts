/**
 * The signed payload of a certificate's QR code: a COSE_Sign1 (RFC 9052) over a CWT-style claims
 * map (RFC 8392), as the EU digital COVID certificate does. Pure: no Node API, shared by the
 * worker (which signs), the library verifier and the verify page (which verify).
 *
 *   COSE_Sign1 = #6.18([ protected: bstr .cbor { 1: -257 (RS256), 4: kid },  unprotected: {},
 *                        payload: bstr .cbor claims,  signature: bstr (RSA PKCS#1 v1.5, SHA-256) ])
 *   claims     = { 1 iss: the issuer's public origin, 2 sub: the certificate number,
 *                  6 iat, 4 exp: issue and expiry (seconds since 1970),
 *                  -65537 (private use): { 1: family code, 2: holder's name, 3: holder's national id,
 *                                          4: the short record hash (8 bytes) } }
 *   kid        = the first 8 bytes of the SHA-256 of the signer certificate (DER)
 */
import { textProblem } from '../../../workflows/forms/text-policy';
import { parseCertificateNumber } from '../certificate-number';
import { CborMap, CborValue, decodeCbor, encodeCbor, isTagged } from './cbor';

export interface OfflineClaims {
  /** The issuer's public origin (PUBLIC_BASE_URL's), where the online record is. */
  issuer: string;
  number: string;
  familyCode: string;
  holder: { name: string; nationalId: string };
  /** Whole seconds: the payload keeps no milliseconds. */
  issuedAt: Date;
  expiresAt: Date;
  /** The short record hash (record-hash.ts), 16 hex digits. */
  recordHash: string;
}

export const COSE_SIGN1_TAG = 18;
export const ALG_RS256 = -257;
export const KID_BYTES = 8;
const HEADER = { alg: 1, kid: 4 } as const;
const CLAIM = { iss: 1, sub: 2, exp: 4, iat: 6, ito: -65537 } as const;
const ITO = { family: 1, holderName: 2, nationalId: 3, recordHash: 4 } as const;
const RECORD_HASH = /^[0-9a-f]{16}$/;

export class PayloadError extends Error {
  constructor(
    readonly code: 'malformed' | 'hostile-text',
    message: string,
  ) {
    super(message);
    this.name = 'PayloadError';
  }
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

const hexToBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
export const bytesToHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function encodeClaims(claims: OfflineClaims): Uint8Array {
  if (!RECORD_HASH.test(claims.recordHash)) throw new RangeError('offline payload: the record hash is the 16 hex digits of the short hash');
  const ito: CborMap = new Map<number, CborValue>([
    [ITO.family, claims.familyCode],
    [ITO.holderName, claims.holder.name],
    [ITO.nationalId, claims.holder.nationalId],
    [ITO.recordHash, hexToBytes(claims.recordHash)],
  ]);
  return encodeCbor(new Map<number, CborValue>([
    [CLAIM.iss, claims.issuer],
    [CLAIM.sub, claims.number],
    [CLAIM.iat, seconds(claims.issuedAt)],
    [CLAIM.exp, seconds(claims.expiresAt)],
    [CLAIM.ito, ito],
  ]));
}

export function encodeProtectedHeader(kid: Uint8Array): Uint8Array {
  return encodeCbor(new Map<number, CborValue>([[HEADER.alg, ALG_RS256], [HEADER.kid, kid]]));
}

/** What the signature covers (RFC 9052 §4.4): ["Signature1", protected, external_aad = h'', payload]. */
export function toBeSigned(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}

export function encodeCoseSign1(protectedHeader: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  return encodeCbor({ tag: COSE_SIGN1_TAG, value: [protectedHeader, new Map(), payload, signature] });
}

export interface ParsedCoseSign1 {
  alg: number | null;
  kid: string | null;
  payload: Uint8Array;
  signature: Uint8Array;
  toBeSigned: Uint8Array;
}

function malformed(message: string): never {
  throw new PayloadError('malformed', message);
}

/** The parts of a COSE_Sign1; throws PayloadError (or CborError) for anything else. */
export function parseCoseSign1(bytes: Uint8Array): ParsedCoseSign1 {
  const outer = decodeCbor(bytes, { maxDepth: 3, maxItems: 16 });
  const array = isTagged(outer) ? (outer.tag === COSE_SIGN1_TAG ? outer.value : malformed(`tag ${outer.tag} is not COSE_Sign1`)) : outer;
  if (!Array.isArray(array) || array.length !== 4) malformed('not a COSE_Sign1 array of four');
  const [protectedHeader, unprotected, payload, signature] = array;
  if (!(protectedHeader instanceof Uint8Array) || !(unprotected instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    malformed('COSE_Sign1 parts of the wrong types');
  }
  const header = protectedHeader.length ? decodeCbor(protectedHeader, { maxDepth: 1, maxItems: 16 }) : new Map();
  if (!(header instanceof Map)) malformed('the protected header is not a map');
  // kid may be in either header (RFC 9052 §3.1); alg only counts when protected
  const alg = header.get(HEADER.alg);
  const kid = header.get(HEADER.kid) ?? unprotected.get(HEADER.kid);
  return {
    alg: typeof alg === 'number' ? alg : null,
    kid: kid instanceof Uint8Array && kid.length === KID_BYTES ? bytesToHex(kid) : null,
    payload,
    signature,
    toBeSigned: toBeSigned(protectedHeader, payload),
  };
}

function text(map: CborMap, key: number, what: string, pattern: RegExp, maxLength: number): string {
  const value = map.get(key);
  if (typeof value !== 'string') malformed(`${what} is missing`);
  // the project's text policy (bidi controls, lone surrogates, control characters): shown text must read as what it is
  const problem = textProblem(value);
  if (problem) throw new PayloadError('hostile-text', `${what} ${problem}`);
  if (value.length > maxLength || !pattern.test(value)) malformed(`${what} is not well formed`);
  return value;
}

function date(map: CborMap, key: number, what: string): Date {
  const value = map.get(key);
  if (typeof value !== 'number' || value < 0 || value > 32503680000) malformed(`${what} is not a date`);
  return new Date(value * 1000);
}

/** The claims of a (verified) payload, checked for shape and for text that could mislead a reader. */
export function decodeClaims(payload: Uint8Array): OfflineClaims {
  const map = decodeCbor(payload, { maxDepth: 2, maxItems: 32 });
  if (!(map instanceof Map)) malformed('the claims are not a map');
  const ito = map.get(CLAIM.ito);
  if (!(ito instanceof Map)) malformed('the certificate claims are missing');
  const number = text(map, CLAIM.sub, 'the number', /^[A-Z0-9-]+$/, 40);
  const parsed = parseCertificateNumber(number);
  if (!parsed.ok || parsed.number !== number) malformed('the number is not a certificate number');
  const familyCode = text(ito, ITO.family, 'the family', /^[A-Z]{2,4}$/, 4);
  if (familyCode !== parsed.family) malformed(`the family ${familyCode} is not the number's (${parsed.family})`);
  const hash = ito.get(ITO.recordHash);
  if (!(hash instanceof Uint8Array) || hash.length !== 8) malformed('the record hash is not 8 bytes');
  const issuedAt = date(map, CLAIM.iat, 'the issue date');
  const expiresAt = date(map, CLAIM.exp, 'the expiry date');
  if (expiresAt <= issuedAt) malformed('the expiry is not after the issue');
  return {
    issuer: text(map, CLAIM.iss, 'the issuer', /^https?:\/\/[A-Za-z0-9.:[\]-]+$/, 200),
    number,
    familyCode,
    holder: { name: text(ito, ITO.holderName, "the holder's name", /\S/, 300), nationalId: text(ito, ITO.nationalId, 'the national id', /^[0-9]{1,20}$/, 20) },
    issuedAt,
    expiresAt,
    recordHash: bytesToHex(hash),
  };
}
