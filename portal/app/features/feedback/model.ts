/** What the feedback pages read from the API (portal/server/routes/feedback.ts, satisfaction.ts, agents.ts). */
import type { Tone } from '../../components/StatusChip';

export const KINDS = ['question', 'criticism', 'suggestion', 'complaint'] as const;
export const STATES = ['received', 'answered', 'closed'] as const;
export const STATE_TONE: Record<string, Tone> = { received: 'info', answered: 'ok', closed: 'grey' };

export interface FeedbackMessage {
  trackingNumber: string;
  kind: string;
  processKey: string | null;
  serviceId: string | null;
  applicationTrackingNumber: string | null;
  text: string;
  state: string;
  delayFlagged: boolean;
  expectedDecisionAt: string | null;
  answer: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  createdAt: string;
  followUpCode?: string;
  senderName?: string | null;
  senderUsername?: string | null;
  senderContact?: string | null;
  answeredBy?: string | null;
}

export interface ServiceOption { processKey: string; serviceId: string; name: string | null }

export interface Rating { rating: number; comment: string | null; createdAt: string; serviceId: string }

export interface SatisfactionFigures { count: number; mean: number | null; distribution: number[] }
export interface SatisfactionReport { year: number; services: (SatisfactionFigures & { serviceId: string; processKey: string })[]; totals: SatisfactionFigures }

export interface OrgRef { nationalId: string; nameFa: string; nameEn: string | null }
/** inForce is false while the office is deactivated (officeActive false) as when revoked or ended. */
export interface Authorisation { id: string; contractNumber: string; validFrom: string; validTo: string; revokedAt: string | null; company: OrgRef | null; office: OrgRef | null; officeActive: boolean; inForce: boolean }
export interface Office extends OrgRef { officeCode: string }

/** The agent stamp the API puts on each history entry of a step an agent took. */
export interface AgentStamp { username: string; officeNationalId: string; officeNameFa: string; officeNameEn: string | null; contractNumber: string; companyNationalId: string }
