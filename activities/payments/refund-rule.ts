/**
 * Whether a paid fee is refunded when its application ends, by the family's rule
 * (definitions/services/<key>.json `fee`), and whether review has started.
 */
import type { Db } from '../../prisma/client';
import { serviceData } from '../definition-data/services';

export type RefundOccasion = 'withdrawal' | 'rejection' | 'lapse';

/** The family's rule (definitions/services/<key>.json `fee`) for each way an application ends before review. */
const RULE_OF: Record<RefundOccasion, 'refundOnWithdrawalBeforeReview' | 'refundOnRejectionBeforeReview' | 'refundOnLapseBeforeReview'> = {
  withdrawal: 'refundOnWithdrawalBeforeReview',
  rejection: 'refundOnRejectionBeforeReview',
  lapse: 'refundOnLapseBeforeReview',
};

export function refundDue(payment: { processKey: string; stage: string }, how: RefundOccasion): boolean {
  return refundRefusal(payment, how) === null;
}

/** Why the family's rule gives no refund for this fee, or null when it does. */
export function refundRefusal(payment: { processKey: string; stage: string }, how: RefundOccasion): 'paid-after-review' | 'no-service-data' | 'family-rule' | null {
  if (payment.stage !== 'before-review') return 'paid-after-review';
  const fee = serviceData(payment.processKey)?.fee;
  if (!fee) return 'no-service-data';
  return fee[RULE_OF[how]] ? null : 'family-rule';
}

/**
 * The steps that check an application before review and so never start it: the formal completeness
 * check (every bundled model names it `formal-check`).
 */
export const PRE_REVIEW_TASKS: readonly string[] = ['formal-check'];

/**
 * Review has started once a task of the regulator's side (or of the audit body, a lab: anyone but
 * the applicant) other than the formal completeness check has been claimed or completed. Answers
 * the first such task (its element id), or null while review has not started. The applicant's own
 * tasks (assigned to the applicant, offered to no group) never count; neither do unclaimed ones that
 * were never completed (open, or withdrawn with the application).
 */
export async function reviewStartedBy(db: Db, applicationId: string): Promise<string | null> {
  const application = await db.application.findUnique({ where: { id: applicationId }, select: { applicant: { select: { username: true } } } });
  const tasks = await db.task.findMany({
    where: { applicationId, elementId: { notIn: [...PRE_REVIEW_TASKS] }, OR: [{ status: 'completed' }, { assignee: { not: null } }] },
    select: { elementId: true, assignee: true, candidateGroups: true, candidateUsers: true },
    orderBy: { createdAt: 'asc' },
  });
  const applicantsOwn = (t: { assignee: string | null; candidateGroups: string; candidateUsers: string }) =>
    t.candidateGroups === '' && t.candidateUsers === '' && t.assignee === application?.applicant.username;
  return tasks.find((t) => !applicantsOwn(t))?.elementId ?? null;
}
