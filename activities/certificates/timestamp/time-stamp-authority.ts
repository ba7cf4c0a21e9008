/**
 * The time-stamping authority (RFC 3161, ESSCertIDv2 per RFC 5816): answers a DER TimeStampReq with
 * a DER TimeStampResp. Never throws on what a client sends: a bad request gets a rejection with its
 * PKIFailureInfo. A granted token is CMS SignedData (reusing cms-signed-data.ts) over TSTInfo:
 *
 *   TSTInfo ::= SEQUENCE { version 1, policy, messageImprint, serialNumber, genTime,
 *     accuracy OPTIONAL, ordering DEFAULT FALSE, nonce OPTIONAL, tsa [0] OPTIONAL, extensions [1] OPTIONAL }
 *
 * genTime carries milliseconds and accuracy says ±1 s (the host clock, kept by NTP).
 */
import { createHash } from 'node:crypto';
import { type Asn1, int, intBytes, namedBits, nullValue, octets, oid, randomPositiveInteger, seq, toDer, utf8, generalizedTime, derSequence } from '../asn1-builders';
import { assembleSignedData, prepareCmsSignature, type CmsSigner } from '../cms-signed-data';
import { FAILURE_BIT, FailureInfo, HASH_OID, parseTimeStampRequest, TimeStampRequest } from './timestamp-request';
import { TSA_POLICY_OID, TSP_OID } from './tsp-oids';

export interface TimeStampAuthorityOptions {
  /** The TSA's policy (default TSA_POLICY_OID); a request naming another is refused with unacceptedPolicy. */
  policy?: string;
  now?: () => Date;
}

export interface TimeStampAuthority {
  /** A DER TimeStampResp for a DER TimeStampReq; never throws. */
  respond(requestDer: Buffer): Buffer;
}

/** PKIStatus values (RFC 3161 §2.4.2). */
export const PKI_STATUS = { granted: 0, grantedWithMods: 1, rejection: 2, waiting: 3, revocationWarning: 4, revocationNotification: 5 } as const;

function rejection(failure: FailureInfo, text: string): Buffer {
  return toDer(seq(seq(int(PKI_STATUS.rejection), seq(utf8(text)), namedBits([FAILURE_BIT[failure]]))));
}

function tstInfo(request: TimeStampRequest, policy: string, genTime: Date): Buffer {
  const fields: Asn1[] = [
    int(1),
    oid(policy),
    seq(seq(oid(HASH_OID[request.imprint.hash]), nullValue()), octets(request.imprint.hashedMessage)),
    intBytes(randomPositiveInteger(16)), // unique: 128 random bits
    generalizedTime(genTime),
    seq(int(1)), // accuracy: seconds 1
  ];
  if (request.nonce) fields.push(intBytes(request.nonce));
  return toDer(seq(...fields));
}

export function createTimeStampAuthority(signer: CmsSigner, options: TimeStampAuthorityOptions = {}): TimeStampAuthority {
  const policy = options.policy ?? TSA_POLICY_OID;
  const now = options.now ?? (() => new Date());
  return {
    respond(requestDer) {
      const reading = parseTimeStampRequest(requestDer);
      if (!reading.ok) return rejection(reading.failure, reading.problem);
      const { request } = reading;
      if (request.policy && request.policy !== policy) return rejection('unacceptedPolicy', `this TSA issues time-stamps under policy ${policy} only`);
      try {
        const content = tstInfo(request, policy, now());
        const prepared = prepareCmsSignature(createHash('sha256').update(content).digest(), signer, TSP_OID.tstInfo);
        const token = assembleSignedData(prepared, { content, includeCertificates: request.certReq });
        return derSequence(toDer(seq(int(PKI_STATUS.granted))), token);
      } catch (err) {
        return rejection('systemFailure', `the time-stamp could not be made: ${(err as Error).message}`);
      }
    },
  };
}
