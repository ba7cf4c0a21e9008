/**
 * RFC 3161 TimeStampReq: built by the client side, parsed by the TSA. Parsing never throws: hostile
 * or broken input gives the PKIFailureInfo bit the TSA answers with.
 *
 *   TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
 *     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
 *     extensions [0] IMPLICIT Extensions OPTIONAL }
 *   MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
 */
import { createHash } from 'node:crypto';
import { boolean, int, intBytes, nullValue, octets, oid, randomPositiveInteger, seq, toDer } from '../asn1-builders';
import { DIGEST_BY_OID } from '../cms-oids';
import { children, decodeOid, readTlv, TAG, Tlv, valueOf } from '../der-reader';

/** The largest request the TSA reads (a real one is under 200 bytes); the HTTP front ends refuse more before parsing. */
export const MAX_TIME_STAMP_REQUEST_BYTES = 64 * 1024;
/** Nonces longer than this are refused (RFC 3161 suggests 64 bits; 512 leaves room for any client). */
const MAX_NONCE_BYTES = 64;

export type HashName = 'sha256' | 'sha384' | 'sha512';

export const HASH_OID: Record<HashName, string> = Object.fromEntries(Object.entries(DIGEST_BY_OID).map(([o, name]) => [name, o])) as Record<HashName, string>;
const HASH_LENGTH: Record<HashName, number> = { sha256: 32, sha384: 48, sha512: 64 };

export interface MessageImprint {
  hash: HashName;
  hashedMessage: Buffer;
}

export interface TimeStampRequest {
  imprint: MessageImprint;
  /** The policy the client asks for, if any. */
  policy?: string;
  /** The nonce INTEGER's content bytes, echoed as they came. */
  nonce?: Buffer;
  certReq: boolean;
}

/** PKIFailureInfo bits (RFC 3161 §2.4.2) this TSA answers with. */
export const FAILURE_BIT = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  systemFailure: 25,
} as const;
export type FailureInfo = keyof typeof FAILURE_BIT;

export type RequestReading = { ok: true; request: TimeStampRequest } | { ok: false; failure: FailureInfo; problem: string };

const refuse = (failure: FailureInfo, problem: string): RequestReading => ({ ok: false, failure, problem });

export const imprintOf = (data: Buffer, hash: HashName = 'sha256'): MessageImprint => ({ hash, hashedMessage: createHash(hash).update(data).digest() });

const messageImprint = (imprint: MessageImprint) => seq(seq(oid(HASH_OID[imprint.hash]), nullValue()), octets(imprint.hashedMessage));

/** A DER TimeStampReq; a random 64-bit nonce unless one is given, certReq true unless said. */
export function buildTimeStampRequest(imprint: MessageImprint, options: { nonce?: Buffer; certReq?: boolean; policy?: string } = {}): { der: Buffer; request: TimeStampRequest } {
  const nonce = options.nonce ?? randomPositiveInteger(8);
  const certReq = options.certReq ?? true;
  const der = toDer(seq(
    int(1),
    messageImprint(imprint),
    ...(options.policy ? [oid(options.policy)] : []),
    intBytes(nonce),
    ...(certReq ? [boolean(true)] : []),
  ));
  return { der, request: { imprint, nonce, certReq, ...(options.policy ? { policy: options.policy } : {}) } };
}

/** Reads a MessageImprint (shared with TSTInfo); an unsupported algorithm or a wrong length gives the failure bit to answer with. */
export function readMessageImprint(buf: Buffer, tlv: Tlv | undefined): MessageImprint | { failure: FailureInfo; problem: string } {
  if (tlv?.tag !== TAG.SEQUENCE) return { failure: 'badDataFormat', problem: 'messageImprint is not a SEQUENCE' };
  const [algorithm, hashed, ...extra] = children(buf, tlv);
  if (algorithm?.tag !== TAG.SEQUENCE || hashed?.tag !== TAG.OCTET_STRING || extra.length) return { failure: 'badDataFormat', problem: 'messageImprint is not { AlgorithmIdentifier, OCTET STRING }' };
  const [algOid, params, ...more] = children(buf, algorithm);
  if (algOid?.tag !== TAG.OID || more.length || (params && (params.tag !== TAG.NULL || params.end !== params.contentStart))) {
    return { failure: 'badDataFormat', problem: 'the hash AlgorithmIdentifier is malformed' };
  }
  const dotted = decodeOid(valueOf(buf, algOid));
  const hash = DIGEST_BY_OID[dotted];
  if (!hash) return { failure: 'badAlg', problem: `hash algorithm ${dotted} is not accepted (SHA-256, SHA-384 or SHA-512)` };
  const hashedMessage = Buffer.from(valueOf(buf, hashed));
  if (hashedMessage.length !== HASH_LENGTH[hash]) return { failure: 'badDataFormat', problem: `a ${hash} imprint is ${HASH_LENGTH[hash]} bytes, not ${hashedMessage.length}` };
  return { hash, hashedMessage };
}

function readRequest(der: Buffer): RequestReading {
  const outer = readTlv(der, 0);
  if (outer.tag !== TAG.SEQUENCE || outer.end !== der.length) return refuse('badDataFormat', 'the request is not one DER SEQUENCE');
  const fields = children(der, outer);
  const [version, imprintTlv] = fields;
  if (version?.tag !== TAG.INTEGER || !valueOf(der, version).equals(Buffer.from([1]))) return refuse('badRequest', 'only version 1 requests are understood');
  const imprint = readMessageImprint(der, imprintTlv);
  if ('failure' in imprint) return refuse(imprint.failure, imprint.problem);
  const request: TimeStampRequest = { imprint, certReq: false };
  let i = 2;
  if (fields[i]?.tag === TAG.OID) request.policy = decodeOid(valueOf(der, fields[i++]));
  if (fields[i]?.tag === TAG.INTEGER) {
    const nonce = Buffer.from(valueOf(der, fields[i++]));
    if (nonce.length === 0 || nonce.length > MAX_NONCE_BYTES) return refuse('badDataFormat', `the nonce must be 1 to ${MAX_NONCE_BYTES} bytes`);
    request.nonce = nonce;
  }
  if (fields[i]?.tag === 0x01) {
    const value = valueOf(der, fields[i++]);
    if (value.length !== 1 || (value[0] !== 0x00 && value[0] !== 0xff)) return refuse('badDataFormat', 'certReq is not a DER BOOLEAN');
    request.certReq = value[0] === 0xff;
  }
  if (fields[i]?.tag === TAG.context(0)) return refuse('unacceptedExtension', 'this TSA accepts no request extensions');
  if (i !== fields.length) return refuse('badDataFormat', 'unexpected fields in the request');
  return { ok: true, request };
}

export function parseTimeStampRequest(der: Buffer): RequestReading {
  if (!Buffer.isBuffer(der) || der.length === 0) return refuse('badDataFormat', 'the request is empty');
  if (der.length > MAX_TIME_STAMP_REQUEST_BYTES) return refuse('badRequest', `the request is larger than ${MAX_TIME_STAMP_REQUEST_BYTES} bytes`);
  try {
    return readRequest(der);
  } catch (err) {
    return refuse('badDataFormat', `the request is not DER: ${(err as Error).message}`);
  }
}
