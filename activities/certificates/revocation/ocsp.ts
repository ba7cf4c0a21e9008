/**
 * OCSP (RFC 6960, in the RFC 5019 lightweight profile): reading an OCSPRequest (hostile input
 * never throws: it is malformed, and answered so) and building signed BasicOCSPResponses ahead of
 * time, one per certificate and CertID hash, as a CA publishes them. Pure: no files.
 */
import { createHash, KeyObject, sign } from 'node:crypto';
import { asn1, context, nullValue, octets, oid, seq, toDer, type Asn1 } from '../asn1-builders';
import { OID } from '../cms-oids';
import { children, decodeOid, expectTlv, readTlv, TAG, valueOf } from '../der-reader';
import { bitString, certificateFields, enumerated, exactNode, generalizedTime, integerFromHex, keyHashSha1 } from './der-parts';
import { REVOCATION_REASONS, Revocation } from './reasons';

export const OCSP_OID = {
  basic: '1.3.6.1.5.5.7.48.1.1',
  sha1: '1.3.14.3.2.26',
} as const;

/** OCSPResponseStatus values other than successful (RFC 6960 4.2.1). */
export const OCSP_ERROR = { malformedRequest: 1, internalError: 2, tryLater: 3, sigRequired: 5, unauthorized: 6 } as const;

export type CertIdHash = 'sha1' | 'sha256';
export const CERT_ID_HASHES: CertIdHash[] = ['sha1', 'sha256'];
const HASH_OIDS: Record<CertIdHash, string> = { sha1: OCSP_OID.sha1, sha256: OID.sha256 };

export interface CertId {
  hash: CertIdHash;
  issuerNameHash: Buffer;
  issuerKeyHash: Buffer;
  /** Lowercase hex of the serial's INTEGER content. */
  serial: string;
}

export type OcspRequestReading = { ok: true; certId: CertId } | { ok: false; status: number; why: string };

const malformed = (why: string): OcspRequestReading => ({ ok: false, status: OCSP_ERROR.malformedRequest, why });

/**
 * The one CertID of an OCSPRequest. RFC 5019 requests carry exactly one; more than one, a CertID
 * hash other than SHA-1 or SHA-256, or any DER error is a malformed request. Never throws.
 */
export function readOcspRequest(der: Buffer): OcspRequestReading {
  try {
    const top = expectTlv(der, readTlv(der, 0), TAG.SEQUENCE, 'OCSPRequest');
    if (top.end !== der.length) return malformed('bytes after the request');
    const [tbsTlv] = children(der, top);
    const tbs = children(der, expectTlv(der, tbsTlv, TAG.SEQUENCE, 'TBSRequest'));
    const requestList = tbs.find((t) => t.tag === TAG.SEQUENCE);
    if (!requestList) return malformed('no requestList');
    const requests = children(der, requestList);
    if (requests.length !== 1) return malformed(`${requests.length} requests: this responder answers exactly one`);
    const [certIdTlv] = children(der, expectTlv(der, requests[0], TAG.SEQUENCE, 'Request'));
    const [algTlv, nameHashTlv, keyHashTlv, serialTlv] = children(der, expectTlv(der, certIdTlv, TAG.SEQUENCE, 'CertID'));
    const [algOid] = children(der, expectTlv(der, algTlv, TAG.SEQUENCE, 'hashAlgorithm'));
    const algorithm = decodeOid(valueOf(der, expectTlv(der, algOid, TAG.OID, 'hash OID')));
    const hash = CERT_ID_HASHES.find((h) => HASH_OIDS[h] === algorithm);
    if (!hash) return malformed(`CertID hash ${algorithm} is not SHA-1 or SHA-256`);
    const serial = valueOf(der, expectTlv(der, serialTlv, TAG.INTEGER, 'serialNumber'));
    if (serial.length === 0 || serial.length > 40) return malformed('bad serial number');
    return {
      ok: true,
      certId: {
        hash,
        issuerNameHash: valueOf(der, expectTlv(der, nameHashTlv, TAG.OCTET_STRING, 'issuerNameHash')),
        issuerKeyHash: valueOf(der, expectTlv(der, keyHashTlv, TAG.OCTET_STRING, 'issuerKeyHash')),
        serial: serial.toString('hex'),
      },
    };
  } catch (err) {
    return malformed((err as Error).message);
  }
}

/** The issuer half of a CertID: the hashes of its Name and public key. */
export function issuerHashes(issuerCertPem: string | Buffer, hash: CertIdHash): { issuerNameHash: Buffer; issuerKeyHash: Buffer } {
  const fields = certificateFields(issuerCertPem);
  return {
    issuerNameHash: createHash(hash).update(fields.subjectDer).digest(),
    issuerKeyHash: createHash(hash).update(fields.publicKeyBits).digest(),
  };
}

/** An OCSPResponse carrying only an error status (no responseBytes, nothing signed). */
export const ocspErrorResponse = (status: number): Buffer => toDer(seq(enumerated(status)));

export interface OcspAnswerRequest {
  /** The issuer of the certificate answered for. */
  issuerCertPem: string;
  serial: string;
  hash: CertIdHash;
  /** null: good. */
  revocation: Revocation | null;
  /** The delegated responder (EKU OCSPSigning, issued by the issuer). */
  responder: { certPem: string; key: KeyObject };
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate: Date;
}

const sha256WithRsa = (): Asn1 => seq(oid(OID.sha256WithRSAEncryption), nullValue());

function certStatus(revocation: Revocation | null): Asn1 {
  if (!revocation) return asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, ''); // good [0] IMPLICIT NULL
  return context(1, [generalizedTime(revocation.revokedAt), context(0, [enumerated(REVOCATION_REASONS[revocation.reason])])]);
}

/** A successful OCSPResponse whose BasicOCSPResponse answers one certificate, responder byKey, signed by the delegated responder. */
export function buildOcspResponse(request: OcspAnswerRequest): Buffer {
  const responder = certificateFields(request.responder.certPem);
  const { issuerNameHash, issuerKeyHash } = issuerHashes(request.issuerCertPem, request.hash);
  const certId = seq(seq(oid(HASH_OIDS[request.hash]), nullValue()), octets(issuerNameHash), octets(issuerKeyHash), integerFromHex(request.serial));
  const single = seq(certId, certStatus(request.revocation), generalizedTime(request.thisUpdate), context(0, [generalizedTime(request.nextUpdate)]));
  const responseData = seq(
    context(2, [octets(keyHashSha1(responder))]), // responderID byKey
    generalizedTime(request.producedAt),
    seq(single),
  );
  const signature = sign('sha256', toDer(responseData), request.responder.key);
  const basic = seq(responseData, sha256WithRsa(), bitString(signature), context(0, [seq(exactNode(responder.der, 'the responder certificate'))]));
  return toDer(seq(enumerated(0), context(0, [seq(oid(OCSP_OID.basic), octets(toDer(basic)))])));
}
