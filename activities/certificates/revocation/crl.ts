/**
 * X.509 v2 CRLs (RFC 5280 5): built here (crlNumber, authorityKeyIdentifier, a reasonCode on each
 * entry, thisUpdate/nextUpdate; sha256WithRSAEncryption), and read back for the verifier and for
 * telling whether a published CRL is still fresh. Pure: no files.
 */
import { KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import { context, nullValue, octets, oid, seq, toDer, type Asn1, asn1 } from '../asn1-builders';
import { OID } from '../cms-oids';
import { bytesOf, children, decodeOid, DerError, expectTlv, readTlv, TAG, valueOf } from '../der-reader';
import { bitString, booleanTrue, certificateFields, enumerated, exactNode, integerFromHex, keyHashSha1, readTime, unsignedInteger, x509Time } from './der-parts';
import { reasonOfCode, REVOCATION_REASONS, Revocation, RevocationReason } from './reasons';

export const CRL_OID = {
  crlNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export interface CrlRequest {
  issuer: { certPem: string; key: KeyObject };
  revoked: Revocation[];
  thisUpdate: Date;
  nextUpdate: Date;
  /** Monotonically increasing per issuer (RFC 5280 5.2.3). */
  crlNumber: bigint;
}

const extension = (id: string, value: Asn1, critical = false): Asn1 => seq(oid(id), ...(critical ? [booleanTrue()] : []), octets(toDer(value)));

const sha256WithRsa = (): Asn1 => seq(oid(OID.sha256WithRSAEncryption), nullValue());

export function buildCrl(request: CrlRequest): Buffer {
  const issuer = certificateFields(request.issuer.certPem);
  const entries = [...request.revoked]
    .sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime())
    .map((r) => seq(integerFromHex(r.serial), x509Time(r.revokedAt), seq(extension(CRL_OID.reasonCode, enumerated(REVOCATION_REASONS[r.reason])))));
  const authorityKeyId = seq(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, keyHashSha1(issuer).toString('binary')));
  const tbs = seq(
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x01'), // v2
    sha256WithRsa(),
    exactNode(issuer.subjectDer, 'the issuer Name'),
    x509Time(request.thisUpdate),
    x509Time(request.nextUpdate),
    ...(entries.length ? [seq(...entries)] : []),
    context(0, [seq(extension(CRL_OID.authorityKeyIdentifier, authorityKeyId), extension(CRL_OID.crlNumber, unsignedInteger(request.crlNumber)))]),
  );
  const tbsDer = toDer(tbs);
  const signature = sign('sha256', tbsDer, request.issuer.key);
  return toDer(seq(tbs, sha256WithRsa(), bitString(signature)));
}

export interface ParsedCrl {
  tbsDer: Buffer;
  signatureAlgorithmOid: string;
  signature: Buffer;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  crlNumber: bigint | null;
  /** By serial (lowercase hex of the INTEGER content). */
  revoked: Map<string, { revokedAt: Date; reason: RevocationReason | null }>;
}

function readExtensions(buf: Buffer, list: ReturnType<typeof readTlv>): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const ext of children(buf, expectTlv(buf, list, TAG.SEQUENCE, 'Extensions'))) {
    const parts = children(buf, expectTlv(buf, ext, TAG.SEQUENCE, 'Extension'));
    const id = decodeOid(valueOf(buf, expectTlv(buf, parts[0], TAG.OID, 'extnID')));
    found.set(id, valueOf(buf, expectTlv(buf, parts[parts.length - 1], TAG.OCTET_STRING, 'extnValue')));
  }
  return found;
}

const ENUMERATED = 0x0a;

/** Parses a CRL; throws DerError on anything malformed. */
export function parseCrl(der: Buffer): ParsedCrl {
  const top = expectTlv(der, readTlv(der, 0), TAG.SEQUENCE, 'CertificateList');
  if (top.end !== der.length) throw new DerError('bytes after the CRL');
  const [tbsTlv, algTlv, sigTlv] = children(der, top);
  const tbs = children(der, expectTlv(der, tbsTlv, TAG.SEQUENCE, 'TBSCertList'));
  let at = tbs[0]?.tag === TAG.INTEGER ? 1 : 0;
  at += 1; // signature AlgorithmIdentifier
  const issuerDer = bytesOf(der, expectTlv(der, tbs[at++], TAG.SEQUENCE, 'issuer'));
  const thisUpdate = readTime(der, tbs[at++], 'thisUpdate');
  let nextUpdate: Date | null = null;
  if (tbs[at] && tbs[at].tag !== TAG.SEQUENCE && tbs[at].tag !== TAG.context(0)) nextUpdate = readTime(der, tbs[at++], 'nextUpdate');
  const revoked: ParsedCrl['revoked'] = new Map();
  if (tbs[at]?.tag === TAG.SEQUENCE) {
    for (const entry of children(der, tbs[at++])) {
      const parts = children(der, expectTlv(der, entry, TAG.SEQUENCE, 'revoked certificate'));
      const serial = valueOf(der, expectTlv(der, parts[0], TAG.INTEGER, 'userCertificate')).toString('hex');
      let reason: RevocationReason | null = null;
      if (parts[2]) {
        const value = readExtensions(der, parts[2]).get(CRL_OID.reasonCode);
        if (value) {
          const code = readTlv(value, 0);
          if (code.tag !== ENUMERATED) throw new DerError('reasonCode is not ENUMERATED');
          reason = reasonOfCode(value[code.contentStart]) ?? null;
        }
      }
      revoked.set(serial, { revokedAt: readTime(der, parts[1], 'revocationDate'), reason });
    }
  }
  let crlNumber: bigint | null = null;
  if (tbs[at]?.tag === TAG.context(0)) {
    const [list] = children(der, tbs[at]);
    const number = readExtensions(der, list).get(CRL_OID.crlNumber);
    if (number) {
      const tlv = readTlv(number, 0);
      crlNumber = BigInt(`0x${valueOf(number, expectTlv(number, tlv, TAG.INTEGER, 'CRLNumber')).toString('hex') || '0'}`);
    }
  }
  const algorithm = children(der, expectTlv(der, algTlv, TAG.SEQUENCE, 'signatureAlgorithm'));
  const signatureBits = valueOf(der, expectTlv(der, sigTlv, TAG.BIT_STRING, 'signatureValue'));
  return {
    tbsDer: bytesOf(der, tbsTlv),
    signatureAlgorithmOid: decodeOid(valueOf(der, expectTlv(der, algorithm[0], TAG.OID, 'algorithm'))),
    signature: signatureBits.subarray(1),
    issuerDer,
    thisUpdate,
    nextUpdate,
    crlNumber,
    revoked,
  };
}

/** Whether `crl` was issued and signed by `issuer` (name and signature; sha256WithRSAEncryption only). */
export function crlIssuedBy(crl: ParsedCrl, issuer: X509Certificate): boolean {
  if (crl.signatureAlgorithmOid !== OID.sha256WithRSAEncryption) return false;
  if (!certificateFields(issuer.raw).subjectDer.equals(crl.issuerDer)) return false;
  return verify('sha256', crl.tbsDer, issuer.publicKey, crl.signature);
}
