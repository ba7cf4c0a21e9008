/**
 * Fees: an application's payments and the applicant's "pay"; the gateway's callback (public, its
 * signature is the authentication); the administrators' list and on-demand reconciliation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../prisma/client';
import type { SignedResult } from '../../../activities/payments/gateway';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { notFound } from '../plugins/errors';
import { applicationScope } from '../services/access';
import type { PaymentRow, PaymentService } from '../services/payments/payment-service';
import { bearer, errorSchema, trackingNumberParam } from '../schemas/common';

export interface PaymentRouteOptions {
  db: Db;
  payments: PaymentService;
  /** Where the gateway reaches our callback and sends the browser back; by default the address the request came to. */
  publicBaseUrl?: string;
}

const ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;

const paymentView = {
  type: 'object',
  properties: {
    id: { type: 'string' }, trackingNumber: { type: 'string' }, processKey: { type: 'string' }, amount: { type: 'integer' }, currency: { type: 'string' },
    state: { type: 'string' }, stage: { type: 'string' }, attempts: { type: 'integer' }, gatewayOrderId: { type: ['string', 'null'] },
    gatewayReference: { type: ['string', 'null'] }, failureReason: { type: ['string', 'null'] }, receiptDocumentId: { type: ['string', 'null'] },
    refundReference: { type: ['string', 'null'] }, createdAt: { type: 'string' }, updatedAt: { type: 'string' },
    paidAt: { type: ['string', 'null'] }, refundedAt: { type: ['string', 'null'] },
  },
} as const;

function present(p: PaymentRow) {
  const { signedResult: _evidence, key: _key, applicationId: _app, ...view } = p;
  return view;
}

export async function paymentRoutes(app: FastifyInstance, { db, payments, publicBaseUrl }: PaymentRouteOptions): Promise<void> {
  const baseOf = (request: FastifyRequest) => publicBaseUrl ?? `${request.protocol}://${request.host}`;

  app.get<{ Params: { trackingNumber: string } }>('/api/applications/:trackingNumber/payments', {
    schema: {
      tags: ['payments'], summary: "An application's fees and their state (requested, pending, paid, failed, cancelled, refunded)", security: bearer,
      params: trackingNumberParam, response: { 200: { type: 'array', items: paymentView }, 404: errorSchema },
    },
    onRequest: authenticate(db),
  }, async (request) => {
    const application = await db.application.findFirst({ where: { trackingNumber: request.params.trackingNumber, ...applicationScope(userOf(request)) }, select: { id: true } });
    if (!application) throw notFound(`no application ${request.params.trackingNumber}`);
    const rows = await db.payment.findMany({ where: { applicationId: application.id }, orderBy: { createdAt: 'asc' } });
    return rows.map(present);
  });

  app.post<{ Params: { id: string } }>('/api/payments/:id/pay', {
    schema: {
      tags: ['payments'], summary: "Pay a fee of your organisation's application: gives the gateway page to send the browser to", security: bearer,
      params: { type: 'object', required: ['id'], properties: { id: ID } },
      response: { 200: { type: 'object', properties: { redirectUrl: { type: 'string' }, orderId: { type: 'string' } } }, 404: errorSchema, 409: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('applicant')],
  }, async (request) => {
    const user = userOf(request);
    const payment = await db.payment.findUnique({ where: { id: request.params.id } });
    const own = payment && await db.application.findFirst({ where: { id: payment.applicationId, organisationId: user.organisationId ?? '__none__' }, select: { id: true } });
    if (!payment || !own) throw notFound(`no payment ${request.params.id}`);
    const base = baseOf(request);
    return payments.startPayment(payment, base, base);
  });

  app.post<{ Body: SignedResult }>('/api/payments/callback', {
    schema: {
      tags: ['payments'], summary: "The payment gateway's signed result (public: the signature authenticates it; a forged or replayed result changes nothing)",
      body: {
        type: 'object', additionalProperties: false, required: ['orderId', 'status', 'amount', 'reference', 'at', 'signature'],
        properties: {
          orderId: { type: 'string', minLength: 1, maxLength: 100 }, status: { type: 'string', enum: ['paid', 'failed'] },
          amount: { type: 'integer', minimum: 0 }, reference: { type: 'string', maxLength: 100 }, at: { type: 'string', maxLength: 40 },
          signature: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
      response: { 200: { type: 'object', properties: { outcome: { type: 'string' } } }, 400: errorSchema, 404: errorSchema, 409: errorSchema },
    },
  }, async (request) => ({ outcome: await payments.settle(request.body, 'callback') }));

  app.get<{ Querystring: { state?: string; q?: string } }>('/api/payments', {
    schema: {
      tags: ['payments'], summary: 'Payments, newest first (administrators); filter by state or a tracking number', security: bearer,
      querystring: { type: 'object', additionalProperties: false, properties: { state: { type: 'string', enum: ['requested', 'pending', 'paid', 'failed', 'cancelled', 'refunded'] }, q: { type: 'string', maxLength: 100 } } },
      response: { 200: { type: 'array', items: paymentView } },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const { state, q } = request.query;
    const rows = await db.payment.findMany({
      where: { ...(state ? { state } : {}), ...(q?.trim() ? { trackingNumber: { contains: q.trim() } } : {}) },
      orderBy: { createdAt: 'desc' }, take: 500,
    });
    return rows.map(present);
  });

  app.post<{ Body: { olderThanMinutes?: number } }>('/api/payments/reconcile', {
    schema: {
      tags: ['payments'], summary: 'Ask the gateway now about orders still open (default: those open for 15 minutes) and complete them (administrators)', security: bearer,
      body: { type: 'object', additionalProperties: false, properties: { olderThanMinutes: { type: 'number', minimum: 0, maximum: 43200 } } },
      response: { 200: { type: 'object', properties: { checked: { type: 'integer' }, settled: { type: 'integer' } } } },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => payments.reconcile((request.body?.olderThanMinutes ?? 15) * 60_000));
}
