import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../prisma/client';
import { canonicalNumber, findIssued, publicRecord } from '../../services/certificate-records';
import { errorSchema } from '../../schemas/common';

const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;

export const publicCertificateSchema = {
  type: 'object',
  properties: {
    number: { type: 'string' },
    status: { type: 'string', enum: ['valid', 'expired', 'suspended', 'revoked'] },
    family: { type: 'string' },
    familyTitle: bilingual,
    issuer: bilingual,
    holder: { type: 'object', properties: { name: { type: 'string' }, nationalId: { type: 'string' } } },
    subject: { type: 'object', additionalProperties: true },
    issuedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    sha256: { type: 'string' },
  },
} as const;

export async function publicCertificateRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Params: { number: string } }>('/api/public/certificates/:number', {
    schema: {
      tags: ['public'], summary: 'Look a certificate up by its number (no login)',
      params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } } },
      response: { 200: publicCertificateSchema, 400: errorSchema, 404: errorSchema },
    },
  }, async (request) => publicRecord(await findIssued(db, canonicalNumber(request.params.number))));
}
