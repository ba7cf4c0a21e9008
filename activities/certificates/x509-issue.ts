/**
 * Builds X.509 certificates: node-forge lays out the TBSCertificate, node:crypto signs it,
 * so private keys never leave KeyObjects.
 */
import { KeyObject, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';

export interface KeyUsageFlags {
  keyCertSign?: boolean;
  cRLSign?: boolean;
  digitalSignature?: boolean;
  nonRepudiation?: boolean;
}

/** Well-known OIDs used in the certificates this project issues. */
export const X509_OID = {
  certificatePolicies: '2.5.29.32',
  anyPolicy: '2.5.29.32.0',
  /** id-kp-emailProtection: what NSS (pdfsig, Firefox) and openssl's default S/MIME purpose look for in a CMS signer. */
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** id-kp-documentSigning (RFC 9336). */
  documentSigning: '1.3.6.1.5.5.7.3.36',
  /** id-kp-timeStamping: a time-stamping authority's certificate (RFC 3161 §2.3: the only purpose, critical). */
  timeStamping: '1.3.6.1.5.5.7.3.8',
  /** id-kp-OCSPSigning (RFC 6960 4.2.2.2): a delegated OCSP responder. */
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1): clients need not check the responder's own status. */
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  adOcsp: '1.3.6.1.5.5.7.48.1',
  adCaIssuers: '1.3.6.1.5.5.7.48.2',
} as const;

/** Where relying parties find revocation data and the issuer's certificate (RFC 5280 4.2.1.13, 4.2.2.1). */
export interface RevocationPointers {
  /** CRL distribution point (one URL). */
  crl?: string;
  /** The OCSP responder (authorityInfoAccess id-ad-ocsp). */
  ocsp?: string;
  /** The issuer's certificate, DER (authorityInfoAccess id-ad-caIssuers). */
  caIssuers?: string;
}

export interface CertificateRequest {
  /** ASCII only: forge re-encodes non-ASCII names, and the issuer names in CMS signatures would stop matching (forge#847). */
  commonName: string;
  publicKey: KeyObject;
  validityYears: number;
  ca: { pathLen?: number } | false;
  keyUsage: KeyUsageFlags;
  /** extendedKeyUsage purposes (OIDs); omitted when empty. */
  extendedKeyUsage?: string[];
  /** Marks extendedKeyUsage critical (a TSA certificate must, RFC 3161 §2.3). */
  extendedKeyUsageCritical?: boolean;
  /** certificatePolicies (policy OIDs, no qualifiers); omitted when empty. */
  policies?: string[];
  /** CRL distribution point and authorityInfoAccess URLs; omitted when absent. */
  revocationPointers?: RevocationPointers;
  /** Adds id-pkix-ocsp-nocheck (a delegated OCSP signer). */
  ocspNoCheck?: boolean;
  /** Ends validity earlier than `validityYears` would, e.g. no later than the issuer's own notAfter. */
  notAfter?: Date;
  /** Omit for a self-signed certificate; then `selfSigningKey` signs it. */
  issuer?: { certPem: string; key: KeyObject };
  selfSigningKey?: KeyObject;
  now?: Date;
}

export const DEMO_ORGANISATION = 'Information Technology Organization of Iran (Demo)';

// getTBSCertificate exists at run time but is missing from @types/node-forge.
const pkiInternals = forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };

function positiveSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x3f) | 0x40; // positive and minimally encoded
  return bytes.toString('hex');
}

function subjectKeyIdOf(certPem: string): string {
  const ext = forge.pki.certificateFromPem(certPem).getExtension('subjectKeyIdentifier') as
    | { subjectKeyIdentifier?: string }
    | undefined;
  if (!ext?.subjectKeyIdentifier) throw new Error('issuer certificate has no subjectKeyIdentifier');
  return forge.util.hexToBytes(ext.subjectKeyIdentifier);
}

function asciiName(commonName: string): forge.pki.CertificateField[] {
  const fields = [
    { shortName: 'C', value: 'IR' },
    { shortName: 'O', value: DEMO_ORGANISATION },
    { shortName: 'CN', value: commonName },
  ];
  for (const { value } of fields) {
    if (!/^[\x20-\x7e]+$/.test(value)) throw new RangeError(`distinguished names must be ASCII: ${JSON.stringify(value)}`);
  }
  return fields.map((f) => ({ ...f, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }));
}

const oidNode = (oid: string): forge.asn1.Asn1 => forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OID, false, forge.asn1.oidToDer(oid).getBytes());
const sequenceOf = (items: forge.asn1.Asn1[]): forge.asn1.Asn1 => forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, items);

/** certificatePolicies ::= SEQUENCE OF PolicyInformation { policyIdentifier } (RFC 5280 4.2.1.4). */
const certificatePolicies = (oids: string[]): forge.asn1.Asn1 => sequenceOf(oids.map((oid) => sequenceOf([oidNode(oid)])));

/** GeneralName uniformResourceIdentifier [6] IA5String. */
const uriName = (url: string): forge.asn1.Asn1 => {
  if (!/^[\x21-\x7e]+$/.test(url)) throw new RangeError(`URLs in certificates must be printable ASCII: ${JSON.stringify(url)}`);
  return forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 6, false, url);
};
const contextOf = (tag: number, items: forge.asn1.Asn1[]): forge.asn1.Asn1 => forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, tag, true, items);

/** CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } }. */
const crlDistributionPoints = (url: string): forge.asn1.Asn1 => sequenceOf([sequenceOf([contextOf(0, [contextOf(0, [uriName(url)])])])]);

/** AuthorityInfoAccessSyntax ::= SEQUENCE OF AccessDescription { accessMethod, accessLocation }. */
const authorityInfoAccess = (entries: [string, string][]): forge.asn1.Asn1 => sequenceOf(entries.map(([method, url]) => sequenceOf([oidNode(method), uriName(url)])));

function revocationExtensions(pointers: RevocationPointers | undefined): object[] {
  if (!pointers) return [];
  const extensions: object[] = [];
  if (pointers.crl) extensions.push({ id: X509_OID.crlDistributionPoints, critical: false, value: crlDistributionPoints(pointers.crl) });
  const access: [string, string][] = [
    ...(pointers.ocsp ? [[X509_OID.adOcsp, pointers.ocsp] as [string, string]] : []),
    ...(pointers.caIssuers ? [[X509_OID.adCaIssuers, pointers.caIssuers] as [string, string]] : []),
  ];
  if (access.length) extensions.push({ id: X509_OID.authorityInfoAccess, critical: false, value: authorityInfoAccess(access) });
  return extensions;
}

/** Returns the certificate as PEM. */
export function issueCertificate(request: CertificateRequest): string {
  const signingKey = request.issuer?.key ?? request.selfSigningKey;
  if (!signingKey) throw new Error('either issuer or selfSigningKey is required');

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(request.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = positiveSerialHex();
  const now = request.now ?? new Date();
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60 * 1000); // tolerate small clock skew
  cert.validity.notAfter = new Date(now);
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + request.validityYears);
  if (request.notAfter && request.notAfter < cert.validity.notAfter) cert.validity.notAfter = new Date(request.notAfter);
  if (cert.validity.notAfter <= now) throw new RangeError('the certificate would expire before it is issued');

  const subject = asciiName(request.commonName);
  cert.setSubject(subject);
  cert.setIssuer(request.issuer ? forge.pki.certificateFromPem(request.issuer.certPem).subject.attributes : subject);

  const extensions: object[] = [
    request.ca
      ? { name: 'basicConstraints', critical: true, cA: true, ...(request.ca.pathLen === undefined ? {} : { pathLenConstraint: request.ca.pathLen }) }
      : { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, ...request.keyUsage },
    { name: 'subjectKeyIdentifier' },
  ];
  if (request.extendedKeyUsage?.length) {
    // Built by hand: forge's extKeyUsage helper maps a dotted OID it knows back to its name.
    extensions.push({ id: '2.5.29.37', critical: request.extendedKeyUsageCritical ?? false, value: sequenceOf(request.extendedKeyUsage.map(oidNode)) });
  }
  if (request.policies?.length) {
    extensions.push({ id: X509_OID.certificatePolicies, critical: false, value: certificatePolicies(request.policies) });
  }
  extensions.push(...revocationExtensions(request.revocationPointers));
  if (request.ocspNoCheck) {
    extensions.push({ id: X509_OID.ocspNoCheck, critical: false, value: forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.NULL, false, '') });
  }
  if (request.issuer) {
    extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: subjectKeyIdOf(request.issuer.certPem) });
  }
  cert.setExtensions(extensions);

  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  cert.tbsCertificate = pkiInternals.getTBSCertificate(cert);
  const tbsDer = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbsDer, signingKey).toString('binary');
  return forge.pki.certificateToPem(cert);
}
