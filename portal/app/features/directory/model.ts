/** What the administration routes answer (users, groups, counter offices, certificates, calendars, reports), as the pages read them. */

export const ADMIN = ['admin'] as const;
export const ROLES = ['applicant', 'reviewer', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface Bilingual { fa: string; en: string }

export interface GroupRef { id: string; nameFa: string; nameEn: string }

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  groups: GroupRef[];
  organisation: { id: string; nationalId: string; nameFa: string; nameEn: string | null } | null;
  active: boolean;
  createdAt: string;
}

export interface GroupRow extends GroupRef {
  memberCount: number;
  members: { id: string; username: string; displayName: string; active: boolean }[];
}

/** A counter office (دفتر پیشخوان) as GET /api/counter-offices lists it (portal/server/routes/counter-offices.ts). */
export interface CounterOfficeRow {
  /** its organisation's id */
  id: string;
  officeCode: string;
  nationalId: string;
  nameFa: string;
  nameEn: string | null;
  active: boolean;
  createdAt: string;
  agentCount: number;
  authorisationsInForce: number;
}

export interface OrgRef { nationalId: string; nameFa: string; nameEn: string | null }

/** A company's authorisation of an office (GET /api/agents/authorisations). */
export interface AuthorisationRow {
  id: string;
  contractNumber: string;
  validFrom: string;
  validTo: string;
  revokedAt: string | null;
  revokedBy: string | null;
  createdAt: string;
  company: OrgRef | null;
  office: OrgRef | null;
  officeActive: boolean;
  inForce: boolean;
}

export interface CounterOfficeDetail extends CounterOfficeRow {
  agents: { id: string; username: string; displayName: string; active: boolean; createdAt: string }[];
  authorisations: AuthorisationRow[];
}

export const CERTIFICATE_STATUSES = ['valid', 'expired', 'suspended', 'revoked', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export interface CertificateRow {
  id: string;
  number: string;
  family: string;
  familyCode: string;
  familyTitle: Bilingual;
  holder: { name: string; nationalId: string };
  scope: string | null;
  status: CertificateStatus;
  issuedAt: string;
  expiresAt: string;
  trackingNumber: string;
  replaces: string | null;
  pendingChange: { trackingNumber: string; action: string } | null;
}

export interface CertificateList {
  data: CertificateRow[];
  total: number;
  counts: Record<CertificateStatus, number>;
  expiringSoon: number;
}

export interface HistoryEntry { at: string; action: string; status: string; reason: string | null; decidedBy: string }

export const STATUS_ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** The actions the API allows from a status (activities/certificates/status-transitions.ts). */
export const ACTIONS_FROM: Record<string, readonly StatusAction[]> = { valid: ['suspend', 'revoke'], suspended: ['reinstate', 'revoke'] };

/** Family codes with their template keys, for the family filter (definitions/certificate-templates/). */
export const FAMILY_CODES = ['TA', 'SA', 'AL', 'AP', 'EL', 'CP', 'DG', 'DA'] as const;

export interface Holiday { date: string; name: Bilingual }

export interface WorkingCalendar {
  id: string;
  name: Bilingual;
  utcOffsetMinutes: number;
  weekend: number[];
  holidays: Holiday[];
  source?: string;
}

export interface ReportRow {
  family: string;
  title: Bilingual;
  received: number;
  inReview: number;
  rejected: number;
  /** Withdrawn by the applicant. */
  withdrawn: number;
  approved: number;
  /** Of the approved: deemed approved when the legal time ran out. */
  issuedByDeadline: number;
  closedOtherwise: number;
  averageReviewDays: number | null;
  p90ReviewDays: number | null;
}

export interface ReportSummary {
  year: number;
  from: string;
  to: string;
  currentYear: number;
  families: ReportRow[];
  totals: ReportRow;
}
