/**
 * Reads the parts of a detached CMS SignedData that verification needs, keeping raw bytes.
 * Only the first SignerInfo is read: certificate PDFs carry exactly one.
 */
import { bytesOf, children, decodeOid, DerError, expectTlv, readTlv, TAG, Tlv, valueOf } from './der-reader';
import { OID } from './cms-oids';

export interface ParsedSignerInfo {
  /** Raw DER of the issuer Name and serial INTEGER from IssuerAndSerialNumber. */
  issuer: Buffer;
  serial: Buffer;
  digestOid: string;
  /** The signed attributes re-tagged as SET OF (0x31): exactly what the signature covers. */
  signedAttributesDer: Buffer;
  /** Attribute type OID → DER of each value. */
  attributes: Map<string, Buffer[]>;
  signatureOid: string;
  signature: Buffer;
  /** Unsigned attributes (e.g. a signature time-stamp token): type OID → DER of each value; empty when absent. */
  unsignedAttributes: Map<string, Buffer[]>;
}

export interface ParsedCms {
  certificates: Buffer[];
  signerInfo: ParsedSignerInfo;
}

/** SignedData with its encapsulated content: a time-stamp token carries its TSTInfo so. */
export interface ParsedSignedData extends ParsedCms {
  contentType: string;
  /** The eContent OCTET STRING's value, or null for a detached signature. */
  content: Buffer | null;
}

function algorithmOid(buf: Buffer, tlv: Tlv | undefined, what: string): string {
  const alg = expectTlv(buf, tlv, TAG.SEQUENCE, what);
  return decodeOid(valueOf(buf, expectTlv(buf, children(buf, alg)[0], TAG.OID, `${what} OID`)));
}

function readAttributes(buf: Buffer, set: Tlv): Map<string, Buffer[]> {
  const map = new Map<string, Buffer[]>();
  for (const attr of children(buf, set)) {
    const [type, values] = children(buf, expectTlv(buf, attr, TAG.SEQUENCE, 'attribute'));
    const oid = decodeOid(valueOf(buf, expectTlv(buf, type, TAG.OID, 'attribute type')));
    if (map.has(oid)) throw new DerError(`attribute ${oid} appears twice`);
    map.set(oid, children(buf, expectTlv(buf, values, TAG.SET, 'attribute values')).map((v) => bytesOf(buf, v)));
  }
  return map;
}

function readSignerInfo(buf: Buffer, tlv: Tlv): ParsedSignerInfo {
  const parts = children(buf, expectTlv(buf, tlv, TAG.SEQUENCE, 'SignerInfo'));
  let i = 1; // skip version
  const sid = parts[i++];
  if (!sid || sid.tag !== TAG.SEQUENCE) throw new DerError('only IssuerAndSerialNumber signer identifiers are supported');
  const [issuer, serial] = children(buf, sid);
  expectTlv(buf, issuer, TAG.SEQUENCE, 'issuer Name');
  expectTlv(buf, serial, TAG.INTEGER, 'serial number');
  const digestOid = algorithmOid(buf, parts[i++], 'digest algorithm');
  const signed = parts[i];
  if (!signed || signed.tag !== TAG.context(0)) throw new DerError('the SignerInfo has no signed attributes');
  i++;
  const signatureOid = algorithmOid(buf, parts[i++], 'signature algorithm');
  const signature = valueOf(buf, expectTlv(buf, parts[i++], TAG.OCTET_STRING, 'signature'));
  const unsigned = parts[i];
  if (unsigned && unsigned.tag !== TAG.context(1)) throw new DerError('unexpected field after the signature');

  const signedAttributesDer = Buffer.from(bytesOf(buf, signed));
  signedAttributesDer[0] = TAG.SET;
  return {
    issuer: bytesOf(buf, issuer),
    serial: bytesOf(buf, serial),
    digestOid,
    signedAttributesDer,
    attributes: readAttributes(buf, signed),
    signatureOid,
    signature,
    unsignedAttributes: unsigned ? readAttributes(buf, unsigned) : new Map(),
  };
}

/** Parses DER ContentInfo → SignedData, attached or detached. Bytes after the outer value (zero padding) are ignored. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const contentInfo = readTlv(der, 0);
  const [type, wrapped] = children(der, expectTlv(der, contentInfo, TAG.SEQUENCE, 'ContentInfo'));
  if (decodeOid(valueOf(der, expectTlv(der, type, TAG.OID, 'content type'))) !== OID.signedData) {
    throw new DerError('the CMS is not SignedData');
  }
  const signedData = children(der, expectTlv(der, wrapped, TAG.context(0), 'SignedData wrapper'))[0];
  const parts = children(der, expectTlv(der, signedData, TAG.SEQUENCE, 'SignedData'));
  const encap = children(der, expectTlv(der, parts[2], TAG.SEQUENCE, 'encapsulated content info'));
  const contentType = decodeOid(valueOf(der, expectTlv(der, encap[0], TAG.OID, 'eContentType')));
  let content: Buffer | null = null;
  if (encap.length > 1) {
    const [octetString] = children(der, expectTlv(der, encap[1], TAG.context(0), 'eContent'));
    content = valueOf(der, expectTlv(der, octetString, TAG.OCTET_STRING, 'eContent OCTET STRING'));
  }

  const certificateSet = parts.find((p) => p.tag === TAG.context(0));
  const certificates = certificateSet
    ? children(der, certificateSet).filter((c) => c.tag === TAG.SEQUENCE).map((c) => bytesOf(der, c))
    : [];
  const signerInfos = children(der, expectTlv(der, parts[parts.length - 1], TAG.SET, 'signerInfos'));
  if (signerInfos.length === 0) throw new DerError('the CMS has no SignerInfo');
  return { certificates, signerInfo: readSignerInfo(der, signerInfos[0]), contentType, content };
}

/** Parses a detached ContentInfo → SignedData (a PDF signature). Bytes after the outer value (zero padding) are ignored. */
export function parseCms(der: Buffer): ParsedCms {
  const { certificates, signerInfo, content } = parseSignedData(der);
  if (content !== null) throw new DerError('the CMS is not detached');
  return { certificates, signerInfo };
}

/** Raw issuer Name and serial INTEGER of a certificate, to match an IssuerAndSerialNumber. */
export function certificateIssuerAndSerial(certDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const [tbs] = children(certDer, expectTlv(certDer, readTlv(certDer, 0), TAG.SEQUENCE, 'Certificate'));
  const fields = children(certDer, expectTlv(certDer, tbs, TAG.SEQUENCE, 'TBSCertificate'));
  const offset = fields[0]?.tag === TAG.context(0) ? 1 : 0;
  return {
    serial: bytesOf(certDer, expectTlv(certDer, fields[offset], TAG.INTEGER, 'serial number')),
    issuer: bytesOf(certDer, expectTlv(certDer, fields[offset + 2], TAG.SEQUENCE, 'issuer Name')),
  };
}

/**
 * The first ESSCertIDv2 of a SigningCertificateV2 attribute value: it identifies the signing
 * certificate (RFC 5035). The hash algorithm defaults to SHA-256 when absent.
 */
export function essSigningCertificateHash(value: Buffer): { digestOid: string; hash: Buffer } {
  const [certs] = children(value, expectTlv(value, readTlv(value, 0), TAG.SEQUENCE, 'SigningCertificateV2'));
  const [first] = children(value, expectTlv(value, certs, TAG.SEQUENCE, 'ESSCertIDv2 list'));
  const fields = children(value, expectTlv(value, first, TAG.SEQUENCE, 'ESSCertIDv2'));
  const explicitAlgorithm = fields[0]?.tag === TAG.SEQUENCE;
  return {
    digestOid: explicitAlgorithm ? algorithmOid(value, fields[0], 'ESS hash algorithm') : OID.sha256,
    hash: valueOf(value, expectTlv(value, fields[explicitAlgorithm ? 1 : 0], TAG.OCTET_STRING, 'ESS certificate hash')),
  };
}
