/**
 * What the revocation schedule runs (activities/certificates/revocation/revocation-schedule.ts):
 * one publication of CRLs and OCSP answers through an activity, in a worker that holds the keys.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { EngineActivities, RevocationPublishResult } from './activities-api';

const { publishRevocationData } = proxyActivities<Pick<EngineActivities, 'publishRevocationData'>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});

export async function revocationPublishWorkflow(): Promise<RevocationPublishResult> {
  return publishRevocationData();
}
