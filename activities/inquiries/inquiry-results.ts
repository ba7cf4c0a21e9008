/**
 * Inquiry answers kept with the application (model InquiryResult), exactly once per task
 * activation: the first attempt that gets an answer stores it; a later attempt of the same
 * activation (a Temporal retry, an administrator's retry after a crash) finds it and goes on with
 * the stored answer instead of asking the registry again.
 */
import type { Db } from '../../prisma/client';
import { isUniqueViolation } from '../../prisma/client';
import type { RegistryName } from '../../config/registries';
import type { ServiceTaskInput, ServiceTaskResult } from '../../workflows/activities-api';
import { appendAudit } from '../audit/audit-log';

export interface InquiryOutcome {
  request: unknown;
  response: unknown;
  /** What the process branches on. */
  variables: Record<string, unknown>;
  outcome: 'positive' | 'negative';
  summaryFa: string;
  summaryEn: string;
}

export const inquiryKey = (input: Pick<ServiceTaskInput, 'trackingNumber' | 'elementId' | 'activation'>): string =>
  `${input.trackingNumber}/${input.elementId}/${input.activation}`;

export async function inquireOnce(db: Db, input: ServiceTaskInput, registry: RegistryName, ask: () => Promise<InquiryOutcome>): Promise<ServiceTaskResult> {
  const idempotencyKey = inquiryKey(input);
  const stored = await db.inquiryResult.findUnique({ where: { idempotencyKey }, select: { variables: true } });
  if (stored) return { variables: JSON.parse(stored.variables) as Record<string, unknown> };

  const answer = await ask();
  try {
    await db.inquiryResult.create({
      data: {
        idempotencyKey,
        applicationId: input.applicationId,
        trackingNumber: input.trackingNumber,
        elementId: input.elementId,
        activation: input.activation,
        registry,
        request: JSON.stringify(answer.request),
        response: JSON.stringify(answer.response),
        variables: JSON.stringify(answer.variables),
        outcome: answer.outcome,
        summaryFa: answer.summaryFa,
        summaryEn: answer.summaryEn,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // a concurrent attempt stored its answer first: go on with that one
    const first = await db.inquiryResult.findUniqueOrThrow({ where: { idempotencyKey }, select: { variables: true } });
    return { variables: JSON.parse(first.variables) as Record<string, unknown> };
  }
  await appendAudit(db, {
    actor: 'system',
    action: 'inquiry.answered',
    applicationId: input.applicationId,
    entityType: 'inquiry',
    entityId: idempotencyKey,
    details: { registry, outcome: answer.outcome },
    dedupeKey: `inquiry:${idempotencyKey}`,
  });
  return { variables: answer.variables };
}

export interface InquiryResultView {
  id: string;
  registry: string;
  elementId: string;
  activation: number;
  outcome: string;
  summaryFa: string;
  summaryEn: string;
  request: unknown;
  response: unknown;
  at: string;
}

/** An application's inquiry answers, oldest first (for reviewers and administrators). */
export async function listInquiryResults(db: Db, applicationId: string): Promise<InquiryResultView[]> {
  const rows = await db.inquiryResult.findMany({ where: { applicationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => ({
    id: r.id,
    registry: r.registry,
    elementId: r.elementId,
    activation: r.activation,
    outcome: r.outcome,
    summaryFa: r.summaryFa,
    summaryEn: r.summaryEn,
    request: JSON.parse(r.request) as unknown,
    response: JSON.parse(r.response) as unknown,
    at: r.createdAt.toISOString(),
  }));
}
