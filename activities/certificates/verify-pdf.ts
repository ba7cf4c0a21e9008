/**
 * Verifies a signed certificate PDF without trusting anything in it but the math:
 * the ByteRange digest against the messageDigest attribute, the signature over the signed
 * attributes against the signer certificate's key, and the chain against the given roots.
 * Never throws: garbage input gives signatureValid false and a problem.
 *
 * Bytes inside /Contents after the CMS (zero padding) are not covered by any digest, so a
 * valid signature does not prove the file is byte-identical to the issued one; compare the
 * file's SHA-256 with the issuing record for that.
 */
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { DIGEST_BY_OID, OID, SIGNATURE_OIDS } from './cms-oids';
import { certificateIssuerAndSerial, essSigningCertificateHash, parseCms, ParsedCms } from './cms-parse';
import { parseCertificateNumber } from './certificate-number';
import { readTlv, TAG, valueOf } from './der-reader';
import { INFO_CERTIFICATE_NUMBER, readInfoString } from './pdf-info';
import { findFilledSignature, hasUnfilledPlaceholder, signedBytes } from './pdf-signature-slot';
import { checkChain } from './trust-chain';

export interface PdfVerification {
  signatureValid: boolean;
  chainTrusted: boolean;
  /** Canonical certificate number from the Info dictionary, or null. */
  number: string | null;
  byteRangeCoversFile: boolean;
  signerSubject?: string;
  problem?: string;
}

export interface TrustOptions {
  rootCertPems: string[];
  /** When to evaluate certificate validity; defaults to now. */
  at?: Date;
}

type SignatureCheck = Omit<PdfVerification, 'number'>;

const failed = (problem: string, partial: Partial<SignatureCheck> = {}): SignatureCheck => ({
  signatureValid: false,
  chainTrusted: false,
  byteRangeCoversFile: false,
  ...partial,
  problem,
});

function readNumber(pdf: Buffer): string | null {
  try {
    const raw = readInfoString(pdf, INFO_CERTIFICATE_NUMBER);
    const parsed = raw === null ? null : parseCertificateNumber(raw);
    return parsed?.ok ? parsed.number : null;
  } catch {
    return null;
  }
}

function findSignerCertificate(cms: ParsedCms): X509Certificate | null {
  const { issuer, serial } = cms.signerInfo;
  for (const der of cms.certificates) {
    const ids = certificateIssuerAndSerial(der);
    if (ids.issuer.equals(issuer) && ids.serial.equals(serial)) return new X509Certificate(der);
  }
  return null;
}

/** The ESS signing-certificate-v2 attribute, when present, must name the certificate that verified the signature. */
function essMatches(cms: ParsedCms, signer: X509Certificate): boolean {
  const values = cms.signerInfo.attributes.get(OID.signingCertificateV2);
  if (!values) return true; // optional in CMS; PAdES B-B wants it, but its absence is not forgery
  if (values.length !== 1) return false;
  const { digestOid, hash } = essSigningCertificateHash(values[0]);
  const digestName = DIGEST_BY_OID[digestOid];
  return digestName !== undefined && createHash(digestName).update(signer.raw).digest().equals(hash);
}

function checkSignature(pdf: Buffer, trust: TrustOptions): SignatureCheck {
  if (pdf.subarray(0, 1024).indexOf('%PDF-') < 0) return failed('not a PDF file');
  const slot = findFilledSignature(pdf);
  if (!slot) {
    return failed(hasUnfilledPlaceholder(pdf) ? 'the PDF has an empty signature placeholder: it was never signed' : 'the PDF has no signature');
  }
  const [start, , gapEnd, tailLength] = slot.byteRange;
  const byteRangeCoversFile = start === 0 && gapEnd + tailLength === pdf.length && slot.gapIsContents;
  if (!slot.contentsHex) return failed('the /ByteRange gap is not the /Contents hex string', { byteRangeCoversFile });
  const content = signedBytes(pdf, slot.byteRange);
  if (typeof content === 'string') return failed(content, { byteRangeCoversFile });

  const cms = parseCms(Buffer.from(slot.contentsHex, 'hex'));
  const { signerInfo } = cms;
  const digestName = DIGEST_BY_OID[signerInfo.digestOid];
  if (!digestName) return failed(`unsupported digest algorithm ${signerInfo.digestOid}`, { byteRangeCoversFile });
  if (!SIGNATURE_OIDS.has(signerInfo.signatureOid)) {
    return failed(`unsupported signature algorithm ${signerInfo.signatureOid}`, { byteRangeCoversFile });
  }
  const signer = findSignerCertificate(cms);
  if (!signer) return failed('the signer certificate is not in the signature', { byteRangeCoversFile });
  const signerSubject = signer.subject.replace(/\n/g, ', ');
  const partial = { byteRangeCoversFile, signerSubject };

  const contentType = signerInfo.attributes.get(OID.contentType);
  if (!contentType || contentType.length !== 1) return failed('the contentType attribute is missing', partial);
  const messageDigest = signerInfo.attributes.get(OID.messageDigest);
  if (!messageDigest || messageDigest.length !== 1) return failed('the messageDigest attribute is missing', partial);
  const digestTlv = readTlv(messageDigest[0], 0);
  if (digestTlv.tag !== TAG.OCTET_STRING) return failed('the messageDigest attribute is not an OCTET STRING', partial);
  if (!valueOf(messageDigest[0], digestTlv).equals(createHash(digestName).update(content).digest())) {
    return failed('digest mismatch: the signed bytes were changed', partial);
  }

  if (!verifySignature(digestName, signerInfo.signedAttributesDer, signer.publicKey, signerInfo.signature)) {
    return failed('the signature does not verify with the signer certificate', partial);
  }
  if (!essMatches(cms, signer)) return failed('the signing-certificate-v2 attribute names another certificate', partial);

  const roots = trust.rootCertPems.map((pem) => new X509Certificate(pem));
  const intermediates = cms.certificates.map((der) => new X509Certificate(der));
  const chain = checkChain(signer, intermediates, roots, trust.at ?? new Date());
  return { signatureValid: true, chainTrusted: chain.trusted, ...partial, ...(chain.problem ? { problem: chain.problem } : {}) };
}

export function verifyCertificatePdf(pdf: Buffer, trust: TrustOptions): PdfVerification {
  const bytes = pdf instanceof Uint8Array ? Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) : null;
  const number = bytes ? readNumber(bytes) : null;
  try {
    if (!bytes) return { ...failed('input is not a Buffer'), number };
    return { ...checkSignature(bytes, trust), number };
  } catch (err) {
    return { ...failed(`unreadable signature: ${(err as Error).message}`), number };
  }
}
