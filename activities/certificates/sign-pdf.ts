/**
 * Fills the signature placeholder left by renderCertificatePdf: PAdES baseline B-T, or B-B when
 * the caller passes no time-stamper. The ByteRange covers the whole file except the /Contents hex
 * string; the CMS goes into /Contents, zero-padded. Lengths never change, so the xref table stays
 * valid. B-T adds the unsigned attribute id-aa-signatureTimeStampToken: an RFC 3161 token over the
 * SHA-256 of the SignerInfo's signature value (ETSI EN 319 122-1 §5.3), proving the signature
 * existed at the token's time.
 */
import { createHash } from 'node:crypto';
import { assembleSignedData, CmsSigner, prepareCmsSignature, UnsignedAttribute } from './cms-signed-data';
import { findPlaceholder } from './pdf-signature-slot';
import { BYTE_RANGE_PLACEHOLDER_TEXT } from './signature-placeholder';
import type { TimeStamper } from './timestamp/time-stamper';
import { TSP_OID } from './timestamp/tsp-oids';

export type PdfSignerKeys = CmsSigner;

/** `timeStamper` null: a B-B signature without trusted time (tests of B-B verification, tools that have no TSA). */
export async function signPdf(pdfWithPlaceholder: Buffer, signer: PdfSignerKeys, timeStamper: TimeStamper | null): Promise<Buffer> {
  const pdf = Buffer.from(pdfWithPlaceholder); // never modify the caller's buffer
  const { byteRangeOffset, contentsStart, contentsEnd } = findPlaceholder(pdf);

  const byteRange = [0, contentsStart, contentsEnd, pdf.length - contentsEnd];
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}]`;
  if (byteRangeText.length > BYTE_RANGE_PLACEHOLDER_TEXT.length) throw new Error('the PDF is too large for the /ByteRange placeholder');
  pdf.write(byteRangeText.padEnd(BYTE_RANGE_PLACEHOLDER_TEXT.length, ' '), byteRangeOffset, 'latin1');

  const digest = createHash('sha256')
    .update(pdf.subarray(0, contentsStart))
    .update(pdf.subarray(contentsEnd))
    .digest();
  const prepared = prepareCmsSignature(digest, signer);
  const unsignedAttributes: UnsignedAttribute[] = timeStamper
    ? [{ type: TSP_OID.signatureTimeStampToken, values: [await timeStamper(createHash('sha256').update(prepared.signature).digest())] }]
    : [];
  const cmsHex = assembleSignedData(prepared, { unsignedAttributes }).toString('hex');
  const room = contentsEnd - contentsStart - 2;
  if (cmsHex.length > room) throw new Error(`the signature needs ${cmsHex.length / 2} bytes but the placeholder holds ${room / 2}`);
  pdf.write(cmsHex, contentsStart + 1, 'latin1');
  return pdf;
}
