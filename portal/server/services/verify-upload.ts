/**
 * Public verification of an uploaded certificate PDF: the signature (cryptographically, against the
 * published root), the file's SHA-256 against the issuing record, and the record's current status.
 */
import crypto from 'node:crypto';
import type { Db } from '../../../prisma/client';
import { parseCertificateNumber } from '../../../activities/certificates/certificate-number';
import { verifyCertificatePdf } from '../../../activities/certificates/verify-pdf';
import { PublicStatus, issuedRecord, publicStatus } from './certificate-records';

export interface VerifyAnswer {
  signatureValid: boolean;
  chainTrusted: boolean;
  hashMatchesRecord: boolean;
  number: string | null;
  status: PublicStatus | 'unknown';
  verdict: { fa: string; en: string };
}

const STATUS_FA: Record<PublicStatus, string> = { valid: 'معتبر', expired: 'منقضی', suspended: 'تعلیق‌شده', revoked: 'ابطال‌شده', superseded: 'جایگزین‌شده با تمدید' };

export function verdictOf(a: Omit<VerifyAnswer, 'verdict'>): VerifyAnswer['verdict'] {
  if (!a.signatureValid || !a.chainTrusted) {
    return { fa: 'امضای این فایل معتبر نیست: فایل تغییر کرده یا توسط سازمان امضا نشده است.', en: 'The signature of this file is not valid: the file was altered or was not signed by the issuer.' };
  }
  if (!a.number || a.status === 'unknown') {
    return { fa: 'امضا معتبر است اما هیچ گواهی با این شماره در سامانه ثبت نشده است.', en: 'The signature is valid, but no certificate with this number is on record.' };
  }
  if (!a.hashMatchesRecord) {
    return { fa: `امضا معتبر است اما این فایل با نسخه صادرشده گواهی ${a.number} یکسان نیست.`, en: `The signature is valid, but this file is not the issued file of certificate ${a.number}.` };
  }
  if (a.status !== 'valid') {
    return { fa: `این فایل همان گواهی صادرشده ${a.number} است، اما وضعیت گواهی «${STATUS_FA[a.status]}» است.`, en: `This is the issued file of certificate ${a.number}, but the certificate is ${a.status}.` };
  }
  return { fa: `گواهی ${a.number} اصیل و معتبر است.`, en: `Certificate ${a.number} is authentic and valid.` };
}

export function looksLikePdf(file: Buffer): boolean {
  return file.subarray(0, 1024).includes('%PDF-');
}

export async function verifyUpload(db: Db, file: Buffer, rootCertPems: string[]): Promise<VerifyAnswer> {
  const check = verifyCertificatePdf(file, { rootCertPems });
  const parsed = check.number ? parseCertificateNumber(check.number) : undefined;
  // the record, not its stored PDF: the upload is compared with the SHA-256 kept beside it
  const issued = parsed?.ok ? await issuedRecord(db, parsed.number) : null;
  const sha256 = crypto.createHash('sha256').update(file).digest('hex');
  const answer = {
    signatureValid: check.signatureValid,
    chainTrusted: check.chainTrusted,
    hashMatchesRecord: issued !== null && issued.pdfSha256 === sha256,
    number: parsed?.ok ? parsed.number : check.number,
    status: issued ? publicStatus(issued) : ('unknown' as const),
  };
  return { ...answer, verdict: verdictOf(answer) };
}
