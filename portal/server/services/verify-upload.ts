/**
 * Public verification of an uploaded certificate PDF: the signature (cryptographically, against the
 * published root), the signer's family against the number's, what was done to the file since it
 * was signed, the file's SHA-256 against the issuing record, and the record's current status.
 */
import crypto from 'node:crypto';
import type { Db } from '../../../prisma/client';
import { parseCertificateNumber } from '../../../activities/certificates/certificate-number';
import { isEarlierRevision } from '../../../activities/certificates/ltv/earlier-revision';
import { Modification, ModificationKind, PadesLevel, SignerRevocation, verifyCertificatePdf } from '../../../activities/certificates/verify-pdf';
import { PublicStatus, issuedRecord, publicStatus } from './certificate-records';
import { revocationInvalidates } from '../../../activities/certificates/revocation/signer-revocation';

export interface VerifyAnswer {
  signatureValid: boolean;
  chainTrusted: boolean;
  hashMatchesRecord: boolean;
  /** The certificate families the signer's policy names, and whether the number's family is one of them. */
  signerFamilies: string[];
  signerFamilyMatches: boolean;
  /** What was done to the file since it was signed, told from the file itself (apart from hashMatchesRecord). */
  modifiedAfterSigning: Modification | null;
  /** The signature time-stamp: when the signature was made, proven by the TSA (ISO 8601), or null without one. */
  timeStamp: { time: string | null; valid: boolean; tsaSubject: string | null; problem?: string } | null;
  /** The PAdES baseline level found (B-B, B-T, B-LT, B-LTA), null without a valid signature. */
  padesLevel: PadesLevel | null;
  /** The issuer's validation data (the DSS) follows the signature (B-LT). */
  validationData: boolean;
  /** The document time-stamps after the signature (B-LTA), ISO 8601 times. */
  documentTimeStamps: { time: string | null; valid: boolean; tsaSubject: string | null; problem?: string }[];
  /** The signer's status in its issuing CA's published CRL; absent when the API has no CRLs to read. */
  signerRevocation?: SignerRevocation;
  number: string | null;
  status: PublicStatus | 'unknown';
  verdict: { fa: string; en: string };
}

type Bilingual = VerifyAnswer['verdict'];

const STATUS_FA: Record<PublicStatus, string> = { valid: 'معتبر', expired: 'منقضی', suspended: 'تعلیق‌شده', revoked: 'ابطال‌شده', superseded: 'جایگزین‌شده با تمدید' };

/** What happened to the file, as the end of a verdict sentence. */
const MODIFICATION: Record<ModificationKind, Bilingual> = {
  'signed-bytes-changed': { fa: 'محتوای امضاشده تغییر کرده است و امضا با فایل نمی‌خواند.', en: 'content changed: the signature does not match.' },
  rewritten: { fa: 'فایل از نو نوشته شده و نسخه امضاشده دیگر در آن نیست.', en: 'the file was rewritten and no longer holds the signed version.' },
  'bytes-appended': { fa: 'داده‌ای به انتهای فایل افزوده شده که بخشی از سند نیست.', en: 'bytes were appended that are not part of the document.' },
  'info-update': { fa: 'با یک به‌روزرسانی افزایشی فقط اطلاعات سند (Info/metadata) تغییر کرده است.', en: 'an incremental update changed only the document information (Info/metadata).' },
  'content-update': { fa: 'با یک به‌روزرسانی افزایشی محتوای صفحه، حاشیه‌نویسی یا فیلد فرم تغییر کرده یا افزوده شده است.', en: 'an incremental update changed or added page content, annotations or form fields.' },
  'other-update': { fa: 'یک به‌روزرسانی افزایشی اشیای سند را جایگزین کرده یا افزوده است.', en: 'an incremental update replaced or added objects of the document.' },
};

const AFTER_SIGNING = new Set<ModificationKind>(['bytes-appended', 'info-update', 'content-update', 'other-update']);

export function verdictOf(a: Omit<VerifyAnswer, 'verdict'>): Bilingual {
  const change = a.modifiedAfterSigning;
  if (change && !AFTER_SIGNING.has(change.kind)) {
    return { fa: `امضای این فایل معتبر نیست: ${MODIFICATION[change.kind].fa}`, en: `The signature of this file is not valid: ${MODIFICATION[change.kind].en}` };
  }
  if (!a.signatureValid || !a.chainTrusted) {
    return { fa: 'امضای این فایل معتبر نیست: فایل تغییر کرده یا توسط سازمان امضا نشده است.', en: 'The signature of this file is not valid: the file was altered or was not signed by the issuer.' };
  }
  if (change) {
    return {
      fa: `این فایل پس از امضا تغییر کرده و معتبر نیست؛ امضا فقط نسخه پیش از تغییر را تأیید می‌کند: ${MODIFICATION[change.kind].fa}`,
      en: `This file was modified after signing and is not valid; the signature vouches only for the version before the change: ${MODIFICATION[change.kind].en}`,
    };
  }
  const revoked = signerRevokedVerdict(a.signerRevocation);
  if (revoked) return revoked;
  if (a.number && !a.signerFamilyMatches) {
    const family = parseCertificateNumber(a.number);
    const numberFamily = family.ok ? family.family : '?';
    const signers = a.signerFamilies.length ? a.signerFamilies.join('، ') : '—';
    return {
      fa: `این فایل معتبر نیست: گواهی ${a.number} از خانواده ${numberFamily} است، اما امضاکننده آن مجاز به امضای خانواده ${signers} است.`,
      en: `This file is not valid: certificate ${a.number} is of family ${numberFamily}, but its signer may sign family ${a.signerFamilies.length ? a.signerFamilies.join(', ') : 'none'} only.`,
    };
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

const dayOf = (iso: string): string => iso.slice(0, 10);

/** The verdict when the signer's revocation makes the file not valid (revocationInvalidates). */
function signerRevokedVerdict(revocation: SignerRevocation | undefined): Bilingual | null {
  if (!revocation || !revocationInvalidates(revocation)) return null;
  const when = dayOf(revocation.revokedAt ?? '');
  const reason = revocation.reason ?? 'unspecified';
  const before = revocation.revokedAfterSigning === false;
  return {
    fa: `این فایل معتبر نیست: گواهی امضاکننده آن در ${when} ابطال شده است (${reason})${before ? '، پیش از زمان امضا' : ''}.`,
    en: `This file is not valid: its signer's certificate was revoked on ${when} (${reason})${before ? ', before the time of signing' : ''}.`,
  };
}

export function looksLikePdf(file: Buffer): boolean {
  return file.subarray(0, 1024).includes('%PDF-');
}

/** A copy the holder kept from before a re-stamp: a prefix of the stored file ending at one of its revisions (read only then). */
async function isEarlierRevisionOfStored(db: Db, number: string, file: Buffer): Promise<boolean> {
  const stored = await db.certificate.findUnique({ where: { number }, select: { pdf: true } });
  return stored?.pdf ? isEarlierRevision(file, Buffer.from(stored.pdf)) : false;
}

/** `crls`: the issuing CAs' published CRLs; with them the answer gives the signer's revocation status. */
export async function verifyUpload(db: Db, file: Buffer, rootCertPems: string[], crls?: Buffer[]): Promise<VerifyAnswer> {
  const check = verifyCertificatePdf(file, { rootCertPems, ...(crls ? { revocation: { crls } } : {}) });
  const parsed = check.number ? parseCertificateNumber(check.number) : undefined;
  // the record, not its stored PDF: the upload is compared with the SHA-256 kept beside it (the PDF is read only for an earlier copy)
  const issued = parsed?.ok ? await issuedRecord(db, parsed.number) : null;
  const sha256 = crypto.createHash('sha256').update(file).digest('hex');
  const answer = {
    signatureValid: check.signatureValid,
    chainTrusted: check.chainTrusted,
    hashMatchesRecord: issued !== null && (issued.pdfSha256 === sha256 || (check.signatureValid && (await isEarlierRevisionOfStored(db, issued.number, file)))),
    signerFamilies: check.signerFamilies ?? [],
    signerFamilyMatches: check.signerFamilyMatches,
    modifiedAfterSigning: check.modifiedAfterSigning,
    timeStamp: check.timeStamp ? { ...check.timeStamp, time: check.timeStamp.time?.toISOString() ?? null } : null,
    padesLevel: check.padesLevel,
    validationData: check.validationData,
    documentTimeStamps: check.documentTimeStamps.map((stamp) => ({ ...stamp, time: stamp.time?.toISOString() ?? null })),
    ...(check.signerRevocation ? { signerRevocation: check.signerRevocation } : {}),
    number: parsed?.ok ? parsed.number : check.number,
    status: issued ? publicStatus(issued) : ('unknown' as const),
  };
  return { ...answer, verdict: verdictOf(answer) };
}
