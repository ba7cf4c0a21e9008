/**
 * An application's inquiry answers (activities/inquiries/): what each external registry answered,
 * when, and whether the answer was positive. Staff only (reviewers and administrators): the answers
 * carry other people's personal data (directors, key personnel); the applicant learns the outcome
 * from the process (a refusal quotes it).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { listInquiryResults } from '../../../activities/inquiries';
import { authenticate, requireRole } from '../plugins/auth';
import { notFound } from '../plugins/errors';
import { bearer, errorSchema, trackingNumberParam } from '../schemas/common';

const inquirySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    registry: { type: 'string' },
    elementId: { type: 'string' },
    activation: { type: 'integer' },
    outcome: { type: 'string', enum: ['positive', 'negative'] },
    summaryFa: { type: 'string' },
    summaryEn: { type: 'string' },
    request: {},
    response: {},
    at: { type: 'string', format: 'date-time' },
  },
} as const;

export async function inquiryRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Params: { trackingNumber: string } }>('/api/applications/:trackingNumber/inquiries', {
    schema: {
      tags: ['applications'],
      summary: 'What the external registries answered about the application (reviewers and administrators)',
      security: bearer,
      params: trackingNumberParam,
      response: { 200: { type: 'array', items: inquirySchema }, 401: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('reviewer', 'admin')],
  }, async (request) => {
    const application = await db.application.findUnique({ where: { trackingNumber: request.params.trackingNumber }, select: { id: true } });
    if (!application) throw notFound(`no application ${request.params.trackingNumber}`);
    return listInquiryResults(db, application.id);
  });
}
