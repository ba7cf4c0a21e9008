/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1, CAdES detached), and with an
 * unsigned signature time-stamp B-T; also the attached SignedData of RFC 3161 time-stamp tokens:
 * SHA-256, signed attributes contentType + messageDigest + ESS signing-certificate-v2, and no
 * signing-time attribute (PAdES puts the claimed time in the signature dictionary's /M).
 *
 * DER is assembled with node-forge's asn1 module; the signature itself comes from node:crypto.
 * Certificates, issuer names and serial numbers are copied from the certificate DER rather than
 * rebuilt from forge's certificate objects, which re-encode non-ASCII names (forge#847).
 */
import { createHash, KeyObject, sign, X509Certificate } from 'node:crypto';
import { asn1, type Asn1, context, int, nullValue, octets, oid, seq, toDer } from './asn1-builders';
import { OID } from './cms-oids';


/** DER SET OF: elements sorted by their encodings (X.690 11.6). */
function setOf(items: Asn1[], tagClass = asn1.Class.UNIVERSAL, tag: number = asn1.Type.SET): Asn1 {
  const sorted = items
    .map((item) => ({ item, der: toDer(item) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ item }) => item);
  return asn1.create(tagClass, tag, true, sorted);
}

// forge accepts an options object here; @types/node-forge only declares the boolean form.
type FromDerOptions = { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean };
const fromDerWithOptions = asn1.fromDer as unknown as (bytes: string, options: FromDerOptions) => Asn1;

/** Parses DER into forge nodes, refusing anything forge would not write back byte for byte. */
function exactNode(der: Buffer, what: string): Asn1 {
  const node = fromDerWithOptions(der.toString('binary'), { strict: true, parseAllBytes: true, decodeBitStrings: false });
  if (!toDer(node).equals(der)) throw new Error(`${what} does not survive a DER round trip; refusing to embed it`);
  return node;
}

interface CertificateParts {
  node: Asn1;
  der: Buffer;
  issuer: Asn1;
  serial: Asn1;
}

function certificateParts(pem: string): CertificateParts {
  const der = new X509Certificate(pem).raw;
  const node = exactNode(der, 'certificate');
  const tbs = (node.value as Asn1[])[0].value as Asn1[];
  const offset = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0; // explicit [0] version
  return { node, der, serial: tbs[offset], issuer: tbs[offset + 2] };
}

function attribute(type: string, value: Asn1): Asn1 {
  return seq(oid(type), setOf([value]));
}

/** ESS SigningCertificateV2 with a single ESSCertIDv2 (hashAlgorithm omitted: SHA-256 is the default). */
function signingCertificateV2(cert: CertificateParts): Asn1 {
  const certHash = createHash('sha256').update(cert.der).digest();
  const generalNames = seq(context(4, [cert.issuer])); // directoryName [4]
  return seq(seq(seq(octets(certHash), seq(generalNames, cert.serial))));
}

export interface CmsSigner {
  key: KeyObject;
  certPem: string;
  /** Further certificates to embed (issuing CA, root). */
  chainPems: string[];
}

/** A SignerInfo whose signature is made, waiting for its unsigned attributes (a signature time-stamp) before the SignedData is assembled. */
export interface PreparedCmsSignature {
  /** The SignerInfo's signature value: what a signature time-stamp's imprint is the hash of. */
  signature: Buffer;
  contentType: string;
  cert: CertificateParts;
  chain: CertificateParts[];
  signedAttributes: Asn1[];
}

/** An unsigned attribute: its type and the DER of each value (e.g. a time-stamp token). */
export interface UnsignedAttribute {
  type: string;
  values: Buffer[];
}

/**
 * Signs the attributes contentType (`contentType`, id-data unless said), messageDigest and
 * signing-certificate-v2 over content whose SHA-256 is `contentDigest`.
 */
export function prepareCmsSignature(contentDigest: Buffer, signer: CmsSigner, contentType: string = OID.data): PreparedCmsSignature {
  if (signer.key.type !== 'private' || signer.key.asymmetricKeyType !== 'rsa') {
    throw new Error('the PDF signer must be an RSA private key');
  }
  if (contentDigest.length !== 32) throw new Error('contentDigest must be a SHA-256 digest (32 bytes)');
  const cert = certificateParts(signer.certPem);
  if (!new X509Certificate(signer.certPem).checkPrivateKey(signer.key)) {
    throw new Error('the signer key does not belong to the signer certificate');
  }
  const chain = signer.chainPems.map((pem) => certificateParts(pem)).filter((c, i, all) => !c.der.equals(cert.der) && all.findIndex((o) => o.der.equals(c.der)) === i);

  const signedAttributes = [
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(cert)),
  ];
  // The signature covers the attributes encoded as a SET OF (tag 0x31), RFC 5652 §5.4.
  const signature = sign('sha256', toDer(setOf(signedAttributes)), signer.key);
  return { signature, contentType, cert, chain, signedAttributes };
}

export interface AssembleOptions {
  /** The encapsulated content, for an attached signature (a time-stamp token's TSTInfo); omitted: detached. */
  content?: Buffer;
  unsignedAttributes?: UnsignedAttribute[];
  /** Embed the signer's certificate and chain (default true). */
  includeCertificates?: boolean;
}

/** The CMS ContentInfo (DER) holding SignedData with the prepared SignerInfo. */
export function assembleSignedData(prepared: PreparedCmsSignature, options: AssembleOptions = {}): Buffer {
  const { cert, chain, signedAttributes, signature, contentType } = prepared;
  const sha256 = seq(oid(OID.sha256));
  const unsigned = options.unsignedAttributes ?? [];
  const signerInfo = seq(
    int(1),
    seq(cert.issuer, cert.serial),
    sha256,
    setOf(signedAttributes, asn1.Class.CONTEXT_SPECIFIC, 0),
    seq(oid(OID.rsaEncryption), nullValue()),
    octets(signature),
    ...(unsigned.length
      ? [setOf(unsigned.map((a) => seq(oid(a.type), setOf(a.values.map((v, i) => exactNode(v, `unsigned attribute ${a.type} value ${i}`))))), asn1.Class.CONTEXT_SPECIFIC, 1)]
      : []),
  );
  const encapsulated = options.content ? seq(oid(contentType), context(0, [octets(options.content)])) : seq(oid(contentType));
  const signedData = seq(
    int(contentType === OID.data ? 1 : 3), // RFC 5652 §5.1: version 3 when eContentType is not id-data
    setOf([sha256]),
    encapsulated,
    ...(options.includeCertificates === false ? [] : [setOf([cert, ...chain].map((c) => c.node), asn1.Class.CONTEXT_SPECIFIC, 0)]),
    setOf([signerInfo]),
  );
  return toDer(seq(oid(OID.signedData), context(0, [signedData])));
}

/** Detached CMS SignedData (DER) over content whose SHA-256 is `contentDigest`. */
export function buildCmsSignedData(contentDigest: Buffer, signer: CmsSigner): Buffer {
  return assembleSignedData(prepareCmsSignature(contentDigest, signer));
}
