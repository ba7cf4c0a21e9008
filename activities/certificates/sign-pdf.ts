/**
 * Fills the signature placeholder left by renderCertificatePdf: PAdES baseline B-B.
 * The ByteRange covers the whole file except the /Contents hex string; the CMS goes into
 * /Contents, zero-padded. Lengths never change, so the xref table stays valid.
 */
import { createHash } from 'node:crypto';
import { buildCmsSignedData, CmsSigner } from './cms-signed-data';
import { findPlaceholder } from './pdf-signature-slot';
import { BYTE_RANGE_PLACEHOLDER_TEXT } from './signature-placeholder';

export type PdfSignerKeys = CmsSigner;

export function signPdf(pdfWithPlaceholder: Buffer, signer: PdfSignerKeys): Buffer {
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
  const cmsHex = buildCmsSignedData(digest, signer).toString('hex');
  const room = contentsEnd - contentsStart - 2;
  if (cmsHex.length > room) throw new Error(`the signature needs ${cmsHex.length / 2} bytes but the placeholder holds ${room / 2}`);
  pdf.write(cmsHex, contentsStart + 1, 'latin1');
  return pdf;
}
