/**
 * What the legal-deadline schedule runs (activities/deadlines/legal-deadline-schedule.ts): one
 * sweep through an activity, which starts each overdue application's ruling at most once.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { EngineActivities, LegalDeadlineSweepResult } from './activities-api';

const { sweepLegalDeadlines } = proxyActivities<Pick<EngineActivities, 'sweepLegalDeadlines'>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});

export async function legalDeadlineSweepWorkflow(): Promise<LegalDeadlineSweepResult> {
  return sweepLegalDeadlines();
}
