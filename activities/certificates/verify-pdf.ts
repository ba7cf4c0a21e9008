/**
 * Verifies a signed certificate PDF without trusting anything in it but the math:
 * the ByteRange digest against the messageDigest attribute, the signature over the signed
 * attributes against the signer certificate's key, the chain against the given roots, and the
 * family the signer's certificate policy names against the certificate number's family.
 * Never throws: garbage input gives signatureValid false and a problem.
 *
 * What was done to a file since it was signed is told apart from the record-hash check
 * (modifiedAfterSigning, changes-after-signing.ts): bytes or an incremental update after the
 * signed revision, a changed byte inside it, or a rewrite that lost it. The certificate number is
 * read from the signed revision, so an update cannot change the number the signature vouches for.
 *
 * Bytes inside /Contents after the CMS (zero padding) are not covered by any digest, so a
 * valid signature does not prove the file is byte-identical to the issued one; compare the
 * file's SHA-256 with the issuing record for that.
 */
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { classifyChangesAfterSigning, Modification, rewritten, signedBytesChanged } from './changes-after-signing';
import { DIGEST_BY_OID, OID, SIGNATURE_OIDS } from './cms-oids';
import { parseCms } from './cms-parse';
import { essMatches, findSignerCertificate } from './cms-signer';
import { parseCertificateNumber } from './certificate-number';
import { readTlv, TAG, valueOf } from './der-reader';
import { signerFamilies } from './family-policy';
import { PadesLevel, SignatureTimeStamp, signatureTimeStampOf } from './signature-time-stamp';
import { INFO_CERTIFICATE_NUMBER, readInfoString } from './pdf-info';
import { ByteRange, findFilledSignature, hasUnfilledPlaceholder, signedBytes } from './pdf-signature-slot';
import { checkChain } from './trust-chain';
import { DocumentTimeStamp, readLongTermRevisions } from './ltv/long-term-revisions';
import { claimedSigningTime } from './revocation/claimed-signing-time';
import { SignerRevocation, signerRevocationStatus, SigningTime } from './revocation/signer-status';

export type { SignerRevocation } from './revocation/signer-status';

export type { ChangedObject, Modification, ModificationKind, ObjectRole } from './changes-after-signing';
export type { PadesLevel, SignatureTimeStamp } from './signature-time-stamp';
export type { DocumentTimeStamp } from './ltv/long-term-revisions';

export interface PdfVerification {
  signatureValid: boolean;
  chainTrusted: boolean;
  /** Canonical certificate number from the Info dictionary (of the signed revision when the signature holds), or null. */
  number: string | null;
  byteRangeCoversFile: boolean;
  /** What was done to the file since it was signed, or null when nothing is seen (or it was never a signed certificate). */
  modifiedAfterSigning: Modification | null;
  signerSubject?: string;
  /** The certificate families the signer's certificatePolicies name (set when the signer certificate was found). */
  signerFamilies?: string[];
  /**
   * Whether the signer may sign this number: its policy names the number's family. A CA certificate
   * naming no family also passes: before per-family signers the issuing CA signed PDFs itself, and a
   * CA's key could make a signer for any family anyway. False without a number.
   */
  signerFamilyMatches: boolean;
  /**
   * The signature time-stamp (PAdES B-T), or null without one. When valid, the signer's chain was
   * judged at its time instead of now (or `at`): a certificate signed while its CA was valid stays
   * trusted after the CA expires.
   */
  timeStamp: SignatureTimeStamp | null;
  /**
   * The PAdES baseline level found: B-T with a valid signature time-stamp, B-LT when a
   * validation-data (DSS) update follows, B-LTA when a valid document time-stamp follows that;
   * else B-B; null without a valid signature.
   */
  padesLevel: PadesLevel | null;
  /** Whether the issuer's validation-data update (the DSS) follows the signed revision; not a modification. */
  validationData: boolean;
  /** The document time-stamps that follow the signed revision, in file order; a valid one is not a modification. */
  documentTimeStamps: DocumentTimeStamp[];
  /** The signer's revocation status from its issuing CA's CRL; set when the caller passed revocation data and the signature holds. */
  signerRevocation?: SignerRevocation;
  problem?: string;
}

export interface TrustOptions {
  rootCertPems: string[];
  /** When to evaluate certificate validity; defaults to now. A valid signature time-stamp's time replaces it for the signer's chain. */
  at?: Date;
  /** The issuing CAs' current CRLs (DER), as published in the PKI folder: with them the signer's revocation status is reported. */
  revocation?: {
    crls: Buffer[];
    /**
     * The signing time to compare a revocation date with when the signature has no valid
     * time-stamp (whose time is used when it has one); undefined: the time the signature
     * dictionary claims (/M), null: none.
     */
    signingTime?: Date | null;
  };
}

type SignatureCheck = Omit<PdfVerification, 'number' | 'signerFamilyMatches'> & {
  /** Where the signed revision ends, once its digest matched. */
  signedLength?: number;
  signer?: X509Certificate;
};

const failed = (problem: string, partial: Partial<SignatureCheck> = {}): SignatureCheck => ({
  signatureValid: false,
  chainTrusted: false,
  byteRangeCoversFile: false,
  modifiedAfterSigning: null,
  timeStamp: null,
  padesLevel: null,
  validationData: false,
  documentTimeStamps: [],
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

function checkSignature(pdf: Buffer, trust: TrustOptions): SignatureCheck {
  if (pdf.subarray(0, 1024).indexOf('%PDF-') < 0) return failed('not a PDF file');
  const slot = findFilledSignature(pdf);
  if (!slot) {
    if (hasUnfilledPlaceholder(pdf)) return failed('the PDF has an empty signature placeholder: it was never signed');
    // a file that names a certificate number but carries no signature lost it on the way
    const lost = readNumber(pdf) !== null ? rewritten('the file names a certificate number but holds no signature: it was rewritten without it') : null;
    return failed('the PDF has no signature', { modifiedAfterSigning: lost });
  }
  const [start, , gapEnd, tailLength] = slot.byteRange;
  const signedLength = gapEnd + tailLength;
  const byteRangeCoversFile = start === 0 && signedLength === pdf.length && slot.gapIsContents;
  const content = signedBytes(pdf, slot.byteRange);
  if (typeof content === 'string') return failed(content, { byteRangeCoversFile, modifiedAfterSigning: rewritten(`${content}: the file no longer holds the signed bytes`) });
  if (!slot.contentsHex) {
    return failed('the /ByteRange gap is not the /Contents hex string', { byteRangeCoversFile, modifiedAfterSigning: rewritten('the /ByteRange no longer frames the signature\'s /Contents: the file was rewritten') });
  }
  if (start !== 0) {
    return failed('the /ByteRange does not start at the beginning of the file', { byteRangeCoversFile, modifiedAfterSigning: rewritten('the /ByteRange does not start at the beginning of the file') });
  }

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
    return failed('digest mismatch: the signed bytes were changed', {
      ...partial, modifiedAfterSigning: signedBytesChanged('content changed: bytes inside the signed range differ from what was signed, so the signature does not match'),
    });
  }

  if (!verifySignature(digestName, signerInfo.signedAttributesDer, signer.publicKey, signerInfo.signature)) {
    return failed('the signature does not verify with the signer certificate', partial);
  }
  if (!essMatches(cms, signer)) return failed('the signing-certificate-v2 attribute names another certificate', partial);

  const roots = trust.rootCertPems.map((pem) => new X509Certificate(pem));
  const intermediates = cms.certificates.map((der) => new X509Certificate(der));
  const timeStamp = signatureTimeStampOf(cms, trust);
  const provenTime = timeStamp?.valid ? timeStamp.time : null;
  const chain = checkChain(signer, intermediates, roots, provenTime ?? trust.at ?? new Date());
  // the issuer's own updates (DSS, document time-stamps) are recognised first; anything else after them is a modification
  const longTerm = readLongTermRevisions(pdf, signedLength, trust);
  const modifiedAfterSigning = longTerm.end < pdf.length ? classifyChangesAfterSigning(pdf, longTerm.end) : null;
  const longTermLevel: PadesLevel = longTerm.timeStampedAfterValidationData ? 'B-LTA' : longTerm.validationData ? 'B-LT' : 'B-T';
  const signerRevocation = trust.revocation ? revocationOf(signer, intermediates, trust, pdf, slot.byteRange, provenTime) : undefined;
  return {
    signatureValid: true, chainTrusted: chain.trusted, ...partial, modifiedAfterSigning, signerFamilies: signerFamilies(signer), signedLength, signer,
    timeStamp, padesLevel: provenTime ? longTermLevel : 'B-B', // a time-stamp that does not hold says why in timeStamp.problem
    validationData: longTerm.validationData, documentTimeStamps: longTerm.documentTimeStamps,
    ...(signerRevocation ? { signerRevocation } : {}),
    ...(chain.problem ? { problem: chain.problem } : {}),
  };
}

/** The signer's revocation status, judged against the time-stamp's time, else the caller's signing time, else the claimed /M. */
function revocationOf(signer: X509Certificate, intermediates: X509Certificate[], trust: TrustOptions, pdf: Buffer, byteRange: ByteRange, provenTime: Date | null): SignerRevocation {
  const given = trust.revocation!;
  const signing: SigningTime = provenTime
    ? { time: provenTime, from: 'time-stamp' }
    : given.signingTime !== undefined
      ? { time: given.signingTime, from: 'caller' }
      : { time: claimedSigningTime(pdf, byteRange), from: 'signature-dictionary' };
  return signerRevocationStatus(signer, intermediates, given.crls, signing, trust.at ?? new Date());
}

/** Whether the signer may sign `number`, and if not, why. */
function familyCheck(signer: X509Certificate, families: string[], number: string | null): { matches: boolean; problem?: string } {
  const parsed = number ? parseCertificateNumber(number) : null;
  if (!parsed?.ok) return { matches: false };
  if (families.includes(parsed.family)) return { matches: true };
  if (families.length === 0 && signer.ca) return { matches: true };
  return {
    matches: false,
    problem: families.length
      ? `the signer's certificate policy names family ${families.join(', ')}, but the number ${parsed.number} is of family ${parsed.family}`
      : `the signer's certificate names no certificate family, so it may not sign ${parsed.number}`,
  };
}

/** An update that makes the file show another number than the signed one says so. */
function withRenumbering(modification: Modification | null, signedNumber: string | null, pdf: Buffer): Modification | null {
  if (!modification) return null;
  const shown = readNumber(pdf);
  if (shown === signedNumber) return modification;
  return { ...modification, detail: `${modification.detail}; the document information now gives the certificate number ${shown ?? '(none)'} instead of the signed ${signedNumber ?? '(none)'}` };
}

export function verifyCertificatePdf(pdf: Buffer, trust: TrustOptions): PdfVerification {
  const bytes = pdf instanceof Uint8Array ? Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) : null;
  if (!bytes) return { ...failed('input is not a Buffer'), number: null, signerFamilyMatches: false };
  try {
    const { signedLength, signer, ...check } = checkSignature(bytes, trust);
    // an update after signing may rename the file's number; the signature vouches for the signed revision's
    const number = readNumber(signedLength === undefined ? bytes : bytes.subarray(0, signedLength));
    if (!signer) return { ...check, number, signerFamilyMatches: false };
    const family = familyCheck(signer, check.signerFamilies ?? [], number);
    const problem = check.problem ?? family.problem;
    return { ...check, modifiedAfterSigning: withRenumbering(check.modifiedAfterSigning, number, bytes), number, signerFamilyMatches: family.matches, ...(problem ? { problem } : {}) };
  } catch (err) {
    return { ...failed(`unreadable signature: ${(err as Error).message}`), number: readNumber(bytes), signerFamilyMatches: false };
  }
}
