/** Certificates: numbers, Jalali dates, demo PKI, bilingual PDF rendering, PAdES signing and verification. */
export { formatCertificateNumber, parseCertificateNumber, mod3736CheckChar } from './certificate-number';
export type { CertificateNumberParts, ParsedCertificateNumber } from './certificate-number';
export { formatJalali, formatGregorian, jalaliYearOf, jalaliDayOf, addJalaliMonths } from './jalali-date';
export type { CalendarDay } from './jalali-date';
export { toLatinDigits, toPersianDigits } from './digits';
export { ensureDemoPki, loadPkiCertificates, loadSignerCertificates, rotateIssuingCa, takeRootKeyOffline, describePki, familyPolicyOid, certificatePolicyOids, POLICY_ARC, ROOT_CA_NAME, ISSUING_CA_NAME } from './pki';
export type { SignerCertificateEntry } from './pki';
export type { Pki, PkiCertificates, PkiOptions, PdfSigner, PkiStatus, RotationOptions } from './pki';
export {
  loadCertificateTemplate,
  loadAllCertificateTemplates,
  loadCertificateTemplateForFamily,
  validateCertificateTemplate,
  listTemplateKeys,
  DEFAULT_TEMPLATE_DIR,
  FIELD_KINDS,
  TemplateShapeError,
} from './certificate-template';
export type { CertificateTemplate, Bilingual, TemplateLabelKey, SubjectField, FieldKind, FieldOption } from './certificate-template';
export { readSubject, describeProblems, printedValues, publicSubjectFields } from './certificate-subject';
export type { CertificateSubject, SubjectValue, SubjectProblem, PublicSubjectField } from './certificate-subject';
export { recordSha256, shortRecordHash, recordCanonicalJson, canonicalJson } from './record-hash';
export { drawBidiLine, drawBidiParagraph, measureBidiLine, wrapBidiText } from './persian-text';
export type { TextStyle, LineBox, ParagraphBox } from './persian-text';
export { visualPieces } from './bidi-runs';
export type { VisualPiece, BaseDirection } from './bidi-runs';
export { renderCertificatePdf } from './render-certificate-pdf';
export type { CertificatePdfInput, RenderOptions } from './render-certificate-pdf';
export { INFO_CERTIFICATE_NUMBER, readInfoString } from './pdf-info';
export { SIGNATURE_CONTENTS_BYTES } from './signature-placeholder';
export { signPdf } from './sign-pdf';
export type { PdfSignerKeys } from './sign-pdf';
export { verifyCertificatePdf } from './verify-pdf';
export type { PdfVerification, TrustOptions } from './verify-pdf';
export { readOfflinePayload, checkOfflinePayload, signOfflinePayload, certificateQrText } from './offline-qr';
export type { OfflineReading, OfflineClaims, OfflineProblemCode } from './offline-qr';
