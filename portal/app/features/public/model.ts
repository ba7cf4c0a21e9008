/**
 * What the public pages read from the API, and the few rules they apply on the way: the number's
 * check character (the issuer's own parser, shared with the server, so a typo is caught while
 * typing), the verdict an answer amounts to, the tone of each status, and the families.
 */
import { parseCertificateNumber } from '../../../../activities/certificates/certificate-number';
import { toLatinDigits } from '../../../../activities/certificates/digits';
import type { Modification } from '../../../../activities/certificates/modification';
import { revocationInvalidates, type SignerRevocation } from '../../../../activities/certificates/revocation/signer-revocation';
import type { Tone } from '../../components/StatusChip';

export interface Bilingual { fa: string; en: string }

export type PublicStatus = 'valid' | 'expired' | 'suspended' | 'revoked' | 'superseded';
export const STATUSES: readonly PublicStatus[] = ['valid', 'expired', 'suspended', 'revoked', 'superseded'];

export interface PublicCertificate {
  number: string;
  status: PublicStatus;
  family: string;
  familyTitle?: Bilingual;
  issuer?: Bilingual;
  holder?: { name?: string; nationalId?: string };
  subject?: Record<string, unknown>;
  issuedAt: string;
  expiresAt: string;
  sha256?: string;
  recordSha256?: string;
  shortHash?: string;
  replaces?: string | null;
  legacyNumber?: string | null;
  /** Issued because the regulator did not decide within the legal time (deemed approval). */
  issuedByDeadline?: { at: string; reviewingUnit: string } | null;
  /** Issued on registration with an undertaking (a registration-based family): when, and the undertaking's text. */
  issuedOnRegistration?: { at: string; undertaking: { fa: string; en: string }; label: { fa: string; en: string } } | null;
}

export interface SubjectFieldView {
  key: string;
  kind: string;
  label: Bilingual;
  options?: Record<string, Bilingual>;
}

export interface PublicRecord extends PublicCertificate {
  replacedBy?: string | null;
  subjectFields?: SubjectFieldView[];
  history?: { at: string; action: string; status: string; reason?: string | null; decidedBy: string }[];
  process?: { key: string; version: number; submittedAt: string; decisions: { step: string; name?: string | null; at: string; role: string }[] };
}

export interface RegisterPage { total: number; page: number; pageSize: number; items: PublicCertificate[] }

export type { ChangedObject, Modification, ModificationKind } from '../../../../activities/certificates/modification';
export type { SignerRevocation } from '../../../../activities/certificates/revocation/signer-revocation';

export interface VerifyAnswer {
  signatureValid: boolean;
  chainTrusted: boolean;
  hashMatchesRecord: boolean;
  signerFamilies: string[];
  signerFamilyMatches: boolean;
  modifiedAfterSigning: Modification | null;
  /** The signature time-stamp: the proven signing time (ISO 8601), or null when the signature has none. */
  timeStamp: { time: string | null; valid: boolean; tsaSubject: string | null; problem?: string } | null;
  /** PAdES baseline level: B-B, B-T (a valid signature time-stamp), B-LT (validation data follows), B-LTA (and a valid document time-stamp); null without a valid signature. */
  padesLevel: string | null;
  /** The issuer's validation data (the DSS) follows the signature. */
  validationData?: boolean;
  /** Document time-stamps after the signature (ISO 8601 times): the file as it stood then existed. */
  documentTimeStamps?: { time: string | null; valid: boolean; tsaSubject: string | null; problem?: string }[];
  /** The signer's status in its issuing CA's CRL (absent when the server has none to read). */
  signerRevocation?: SignerRevocation;
  number: string | null;
  status: PublicStatus | 'unknown';
  verdict: Bilingual;
}

export interface PublishedCa { subject: string; notBefore: string; notAfter: string; sha256Fingerprint: string; pem: string }
export interface CaAnswer { roots: PublishedCa[]; issuing: PublishedCa[] }

/** The one verdict a page leads with. */
export type VerdictKind = PublicStatus | 'unknown' | 'forged' | 'modified' | 'signer-revoked' | 'wrong-signer' | 'mismatch';

export const VERDICT_TONE: Record<VerdictKind, Tone> = {
  valid: 'ok', expired: 'grey', suspended: 'warn', revoked: 'err', superseded: 'info', unknown: 'err', forged: 'err', modified: 'err', 'signer-revoked': 'err', 'wrong-signer': 'err', mismatch: 'err',
};

export const STATUS_TONE: Record<PublicStatus, Tone> = { valid: 'ok', expired: 'grey', suspended: 'warn', revoked: 'err', superseded: 'grey' };

export function statusTone(status: string): Tone {
  return (STATUS_TONE as Record<string, Tone>)[status] ?? 'grey';
}

/**
 * What an uploaded file amounts to: forged before anything else, then changed after signing, then
 * signed by a revoked signer (revocationInvalidates), then signed by another family's signer, then unknown, then not-the-file, then the record's status.
 */
export function verdictOfUpload(a: VerifyAnswer): VerdictKind {
  if (!a.signatureValid || !a.chainTrusted) return 'forged';
  if (a.modifiedAfterSigning) return 'modified';
  if (revocationInvalidates(a.signerRevocation)) return 'signer-revoked';
  if (a.number && !a.signerFamilyMatches) return 'wrong-signer';
  if (!a.number || a.status === 'unknown') return 'unknown';
  if (!a.hashMatchesRecord) return 'mismatch';
  return a.status;
}

/** The check of a typed number: empty, incomplete (still typing), wrong format, wrong check character, or good. */
export type NumberCheck =
  | { state: 'empty' }
  | { state: 'typing' }
  | { state: 'format' }
  | { state: 'check' }
  | { state: 'ok'; number: string };

/** Could `text` still become a number by typing more? (letters, then digits and dashes in order) */
const PREFIX = /^[A-Z]{1,4}(-(\d{0,4}(-(\d{0,6}(-)?)?)?)?)?$/;

export function normaliseTyped(text: string): string {
  return toLatinDigits(text)
    .replace(/[\u2010-\u2015\u2212\u00ad\u0640]/g, '-')
    .trim()
    .toUpperCase();
}

export function checkNumber(text: string): NumberCheck {
  if (!text.trim()) return { state: 'empty' };
  const parsed = parseCertificateNumber(text);
  if (parsed.ok) return { state: 'ok', number: parsed.number };
  if (parsed.reason === 'check') return { state: 'check' };
  return PREFIX.test(normaliseTyped(text)) ? { state: 'typing' } : { state: 'format' };
}

/** The five families of the home page, each with the certificate kinds (template keys) it issues. */
export const FAMILIES: readonly { id: string; kinds: readonly string[] }[] = [
  { id: 'software', kinds: ['software-technical-approval'] },
  { id: 'authenticity', kinds: ['software-authenticity'] },
  { id: 'afta', kinds: ['afta-security-services-licence', 'afta-product-security-certificate', 'evaluation-lab-licence'] },
  { id: 'cloud', kinds: ['cloud-provider-profile'] },
  { id: 'datacentre', kinds: ['data-centre-grading', 'data-centre-audit-body-qualification'] },
];

export const KINDS: readonly string[] = FAMILIES.flatMap((f) => f.kinds);

/** The common name (CN) of an X.509 subject as Node prints it ("C=IR\nO=…\nCN=…"), else the first line. */
export function commonName(subject: string): string {
  const lines = subject.split(/\n|,\s*(?=[A-Z]+=)/);
  const cn = lines.find((l) => l.startsWith('CN='));
  return (cn ?? lines[0] ?? '').replace(/^[A-Z]+=/, '');
}

/** A file name from a certificate's common name: ASCII letters, digits and dashes. */
export function pemFileName(subject: string, fallback: string): string {
  const slug = commonName(subject).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return `${slug || fallback}.pem`;
}
