/** Which certificate signed a CMS SignerInfo, and whether its ESS signing-certificate-v2 names it. */
import { createHash, X509Certificate } from 'node:crypto';
import { DIGEST_BY_OID, OID } from './cms-oids';
import { certificateIssuerAndSerial, essSigningCertificateHash, ParsedCms } from './cms-parse';

/** The certificate among the CMS's own (and `extra` DER ones) that its IssuerAndSerialNumber names, or null. */
export function findSignerCertificate(cms: ParsedCms, extra: Buffer[] = []): X509Certificate | null {
  const { issuer, serial } = cms.signerInfo;
  for (const der of [...cms.certificates, ...extra]) {
    const ids = certificateIssuerAndSerial(der);
    if (ids.issuer.equals(issuer) && ids.serial.equals(serial)) return new X509Certificate(der);
  }
  return null;
}

/** The ESS signing-certificate-v2 attribute, when present, must name the certificate that verified the signature. */
export function essMatches(cms: ParsedCms, signer: X509Certificate): boolean {
  const values = cms.signerInfo.attributes.get(OID.signingCertificateV2);
  if (!values) return true; // optional in CMS; PAdES B-B wants it, but its absence is not forgery
  if (values.length !== 1) return false;
  const { digestOid, hash } = essSigningCertificateHash(values[0]);
  const digestName = DIGEST_BY_OID[digestOid];
  return digestName !== undefined && createHash(digestName).update(signer.raw).digest().equals(hash);
}
