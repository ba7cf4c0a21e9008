/** Satisfaction ratings of decided applications (applicants) and their figures per service (administrators). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { jalaliDayOf } from '../../../activities/certificates/jalali-date';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { bearer, errorSchema, trackingNumberParam } from '../schemas/common';
import { optionalCleanText } from '../services/hostile-text';
import { rate, ratingOf, satisfactionReport } from '../services/satisfaction';

const figures = {
  count: { type: 'integer' }, mean: { type: ['number', 'null'] },
  distribution: { type: 'array', items: { type: 'integer' }, minItems: 5, maxItems: 5 },
} as const;

export async function satisfactionRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Params: { trackingNumber: string } }>('/api/applications/:trackingNumber/satisfaction', {
    schema: {
      tags: ['satisfaction'], summary: 'Whether my decided application may be rated now, and my rating', security: bearer,
      params: trackingNumberParam, response: { 404: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant')],
  }, async (request) => ratingOf(db, userOf(request), request.params.trackingNumber));

  app.post<{ Params: { trackingNumber: string }; Body: { rating: number; comment?: string } }>('/api/applications/:trackingNumber/satisfaction', {
    schema: {
      tags: ['satisfaction'], summary: 'Rate the decision on my application: 1 (very unsatisfied) to 5 (very satisfied), with an optional comment; once per decision', security: bearer,
      params: trackingNumberParam,
      body: {
        type: 'object', additionalProperties: false, required: ['rating'],
        properties: { rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 1000 } },
      },
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant')],
  }, async (request, reply) => {
    const comment = optionalCleanText('comment', request.body.comment);
    return reply.status(201).send(await rate(db, userOf(request), request.params.trackingNumber, { rating: request.body.rating, comment }));
  });

  app.get<{ Querystring: { year?: number } }>('/api/reports/satisfaction', {
    schema: {
      tags: ['reports'],
      summary: 'Applicant satisfaction per service ID for the decisions of one Solar Hijri year (default: this year): count, mean and the distribution of ratings 1–5 (administrators)',
      security: bearer,
      querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 1300, maximum: 1500 } } },
      response: {
        200: {
          type: 'object',
          properties: {
            year: { type: 'integer' },
            services: { type: 'array', items: { type: 'object', properties: { serviceId: { type: 'string' }, processKey: { type: 'string' }, ...figures } } },
            totals: { type: 'object', properties: figures },
          },
        },
        400: errorSchema, 401: errorSchema, 403: errorSchema,
      },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => satisfactionReport(db, request.query.year ?? jalaliDayOf(new Date()).year));
}
