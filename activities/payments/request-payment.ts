/**
 * `payment.request` service task: opens the fee of this application as a payment order (state
 * `requested`), once per `<tracking>/<element>/<activation>`. The amount comes from the family's
 * service data (feeFor); a family or application with no fee gets `paymentDue = false` and no row.
 * The applicant then pays through the portal; the settled payment arrives as the BPMN message
 * `payment-settled` (correlation key: the tracking number). With nothing to pay the message is
 * published here at once, so a model may simply wait for it (a receive task) without a gateway.
 *
 * Header `stage`: `before-review` or `after-review` (default): where the step sits in the process,
 * which decides whether the family's refund-before-review rules can apply.
 *
 * Header `forApplication`: the name of a variable holding the tracking number of ANOTHER application
 * whose fee this is (a ruling: legal deadline, appeal; `ruledTrackingNumber`). The fee is then that
 * application's (its process key's service data, over its submitted data and these variables) and
 * the row belongs to it (`applicationId`: its page lists the fee, the applicant pays it there),
 * while `trackingNumber` stays THIS instance's: the settled payment wakes the ruling, which waits.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';
import { feeFor, serviceData } from '../definition-data/services';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { publishPaymentSettled } from './payment-settled';

export const PAYMENT_STAGES = ['before-review', 'after-review'] as const;
export type PaymentStage = (typeof PAYMENT_STAGES)[number];

/** `definitionsDir`: where the service files (the fees) are read; definitions/ by default. */
export function createRequestPayment(db: Db, definitionsDir?: string): ServiceTaskHandler {
  return async (input) => {
    const stage = (input.headers.stage ?? 'after-review') as PaymentStage;
    if (!PAYMENT_STAGES.includes(stage)) throw ApplicationFailure.nonRetryable(`header "stage" is before-review or after-review, not "${stage}"`, 'BadHeader');
    const forVariable = input.headers.forApplication;
    let application: { id: string; trackingNumber: string; processKey: string; submittedData: string } | null;
    let feeData: Record<string, unknown> = input.variables;
    if (forVariable) {
      const forTracking = input.variables[forVariable];
      if (typeof forTracking !== 'string' || !forTracking) throw ApplicationFailure.nonRetryable(`header "forApplication" names the variable ${forVariable}, which holds no tracking number`, 'BadHeader');
      application = await db.application.findUnique({ where: { trackingNumber: forTracking }, select: { id: true, trackingNumber: true, processKey: true, submittedData: true } });
      if (!application) throw ApplicationFailure.nonRetryable(`application ${forTracking} (variable ${forVariable}) does not exist`, 'UnknownApplication');
      feeData = { ...parseSubmitted(application.submittedData), ...input.variables };
    } else {
      application = await db.application.findUnique({ where: { id: input.applicationId }, select: { id: true, trackingNumber: true, processKey: true, submittedData: true } });
      if (!application) throw ApplicationFailure.nonRetryable(`application ${input.trackingNumber} does not exist`, 'UnknownApplication');
    }
    const service = serviceData(application.processKey, definitionsDir);
    if (!service) throw ApplicationFailure.nonRetryable(`process ${application.processKey} has no service data (definitions/services/${application.processKey}.json) and so no fee`, 'NoServiceData');
    const amount = feeFor(service, feeData);
    const key = `${input.trackingNumber}/${input.elementId}/${input.activation}`;
    if (amount <= 0) {
      const { client, info } = Context.current();
      await publishPaymentSettled(db, client, info.taskQueue, { id: `free:${key}`, trackingNumber: input.trackingNumber, variables: { paymentState: 'free' } });
      return { variables: { paymentDue: false, feeAmount: 0 } };
    }

    let payment = await db.payment.findUnique({ where: { key } });
    if (!payment) {
      try {
        payment = await db.payment.create({
          data: { key, applicationId: application.id, trackingNumber: input.trackingNumber, processKey: application.processKey, amount, currency: service.fee.currency, state: 'requested', stage },
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        payment = await db.payment.findUniqueOrThrow({ where: { key } }); // an earlier attempt wrote it
      }
      await appendAudit(db, {
        actor: 'system', action: 'payment.requested', applicationId: application.id, entityType: 'payment', entityId: payment.id,
        details: { amount, currency: service.fee.currency, stage, ...(forVariable ? { requestedBy: input.trackingNumber } : {}) }, dedupeKey: `payment.requested:${key}`,
      });
    }
    return { variables: { paymentDue: payment.state !== 'paid', feeAmount: payment.amount, paymentId: payment.id } };
  };
}

function parseSubmitted(text: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(text);
    return data && typeof data === 'object' && !Array.isArray(data) ? data as Record<string, unknown> : {};
  } catch {
    return {};
  }
}
