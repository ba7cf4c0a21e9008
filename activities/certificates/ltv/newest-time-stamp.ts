/**
 * What a re-stamp needs to know about a certificate PDF: the certificates of its signature (the
 * signer and the chain it embeds) and of its newest time-stamp (the last document time-stamp, else
 * the signature time-stamp), whose TSA certificate's expiry is when the file next needs one.
 */
import { X509Certificate } from 'node:crypto';
import { findSignerCertificate } from '../cms-signer';
import { parseCms, parseSignedData } from '../cms-parse';
import { findFilledSignature } from '../pdf-signature-slot';
import { TSP_OID } from '../timestamp/tsp-oids';

export interface TimeStampState {
  /** The signature's certificates (PEM): the signer and its embedded chain. */
  signatureCertPems: string[];
  /** The newest time-stamp's certificates (PEM), its TSA's first. */
  newestTimeStampCertPems: string[];
  /** When the newest time-stamp's TSA certificate expires. */
  newestTsaNotAfter: Date;
}

const pem = (der: Buffer): string => new X509Certificate(der).toString();

/** The hex /Contents of the last document time-stamp in the file, or null. */
function lastDocumentTimeStampToken(pdf: Buffer): Buffer | null {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('/Type /DocTimeStamp');
  if (at < 0) return null;
  const contents = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(text.slice(at, at + 64 * 1024));
  return contents ? Buffer.from(contents[1], 'hex') : null;
}

function certificatesOf(token: Buffer): { pems: string[]; tsa: X509Certificate } {
  const cms = parseSignedData(token);
  const tsa = findSignerCertificate(cms);
  if (!tsa) throw new Error('a time-stamp token of the file does not carry its TSA certificate');
  return { pems: [tsa.toString(), ...cms.certificates.map(pem).filter((p) => p !== tsa.toString())], tsa };
}

/** Throws when the file holds no signature time-stamp (a B-B file cannot be made long-term). */
/** The PDF is signed without any time-stamp (PAdES B-B, from before time-stamping). */
export class NotTimeStampedError extends Error {
  constructor() {
    super('the PDF\'s signature has no time-stamp');
  }
}

export function timeStampStateOf(pdf: Buffer): TimeStampState {
  const slot = findFilledSignature(pdf);
  if (!slot?.contentsHex) throw new Error('the PDF holds no signature');
  const cms = parseCms(Buffer.from(slot.contentsHex, 'hex'));
  const signatureToken = cms.signerInfo.unsignedAttributes.get(TSP_OID.signatureTimeStampToken)?.[0];
  const token = lastDocumentTimeStampToken(pdf) ?? signatureToken;
  if (!token) throw new NotTimeStampedError();
  const newest = certificatesOf(token) /* the zero padding after the DER is ignored by the reader */;
  return { signatureCertPems: cms.certificates.map(pem), newestTimeStampCertPems: newest.pems, newestTsaNotAfter: new Date(newest.tsa.validTo) };
}
