/**
 * Making a time-stamped (B-T) certificate PDF long-term: its validation data in the DSS (B-LT), a
 * document time-stamp over it (B-LTA), then the validation data of that time-stamp's authority, so
 * the file carries everything a validator needs offline. A re-stamp is the same call on an LTA file:
 * it adds what the newest time-stamp needs and a new document time-stamp over it all.
 */
import { X509Certificate } from 'node:crypto';
import { parseSignedData } from '../cms-parse';
import type { TimeStamper } from '../timestamp/time-stamper';
import { appendDocumentTimeStamp } from './document-time-stamp';
import { appendValidationData } from './dss-writer';
import type { ValidationDataSource } from './pki-validation-data';
import { PdfSignerKeys, signPdf } from '../sign-pdf';

/** A time-stamper that remembers the certificates of the tokens it got (the TSA's and its chain's). */
export function recordingTimeStamper(timeStamper: TimeStamper): { stamper: TimeStamper; certificatePems: () => string[] } {
  const pems = new Set<string>();
  return {
    stamper: async (imprint) => {
      const token = await timeStamper(imprint);
      for (const der of parseSignedData(token).certificates) pems.add(new X509Certificate(der).toString());
      return token;
    },
    certificatePems: () => [...pems],
  };
}

export interface LongTermInputs {
  /** The certificates whose validation data the file must carry: the signer, its chain, the TSA of the newest time-stamp. */
  certPems: string[];
  timeStamper: TimeStamper;
  validationData: ValidationDataSource;
  now?: Date;
}

/** The PDF with the DSS for `certPems`, a document time-stamp, and the DSS for that time-stamp's TSA. */
export async function extendToLta(pdf: Buffer, { certPems, timeStamper, validationData, now }: LongTermInputs): Promise<Buffer> {
  const withData = appendValidationData(pdf, await validationData(certPems));
  const recorder = recordingTimeStamper(timeStamper);
  const stamped = await appendDocumentTimeStamp(withData, recorder.stamper, { now });
  return appendValidationData(stamped, await validationData(recorder.certificatePems()));
}

/**
 * Signs as the issuer does: B-T, then B-LTA when `validationData` is given (the worker's, from the
 * PKI folder); without it the file stays B-T (tools and tests that have no revocation data).
 */
export async function signLongTerm(unsigned: Buffer, signer: PdfSignerKeys, timeStamper: TimeStamper, validationData: ValidationDataSource | undefined): Promise<Buffer> {
  const recorder = recordingTimeStamper(timeStamper);
  const signed = await signPdf(unsigned, signer, recorder.stamper);
  if (!validationData) return signed;
  return extendToLta(signed, { certPems: [signer.certPem, ...signer.chainPems, ...recorder.certificatePems()], timeStamper, validationData });
}
