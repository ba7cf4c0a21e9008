/**
 * The public permit catalogue (each family's service identity card and permit record, generated
 * from definitions/) and the public performance figures per service (no login).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../prisma/client';
import { catalogue, catalogueEntry } from '../../services/catalogue';
import { serviceStatistics } from '../../services/statistics';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';
import { errorSchema } from '../../schemas/common';

const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;
const nullableBilingual = { ...bilingual, type: ['object', 'null'] } as const;
const open = { type: ['object', 'null'], additionalProperties: true } as const;

const entrySchema = {
  type: 'object',
  properties: {
    processKey: { type: 'string' },
    serviceId: { type: 'string' },
    name: bilingual,
    permits: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { type: 'string' }, family: { type: 'string' }, title: bilingual, issuer: bilingual, legalBasis: bilingual, validityMonths: { type: 'integer' } },
      },
    },
    legalBasis: { type: 'array', items: bilingual },
    conditions: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, fa: { type: 'string' }, en: { type: 'string' } } } },
    documents: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: bilingual, required: { type: 'boolean' } } } },
    inquiries: { type: 'array', items: { type: 'object', properties: { connector: { type: 'string' }, agency: nullableBilingual } } },
    legalTime: {
      type: 'object',
      properties: {
        maxWorkingDays: { type: 'integer' }, calendar: { type: 'string' }, basis: { type: 'string', enum: ['approval', 'registration'] }, basisWords: bilingual, onDeadline: { type: 'string' },
        undertaking: { ...bilingual, type: ['object', 'null'], description: 'Registration-based families: the undertaking the applicant accepts on applying (the certificate is issued on registration)' },
      },
    },
    appeal: { type: 'object', properties: { windowWorkingDays: { type: 'integer' } } },
    fee: { type: 'object', properties: { currency: { type: 'string' }, amount: { type: 'number' }, perCategory: { type: ['object', 'null'], additionalProperties: { type: 'number' } } } },
    process: { type: ['object', 'null'], properties: { version: { type: 'integer' }, versionTag: { type: ['string', 'null'] }, deployedAt: { type: 'string' } } },
    card: { ...open, description: 'The service identity card (regulations §3): null while incomplete' },
    permit: { ...open, description: 'The permit record (regulations §4): null while the card is incomplete' },
    missingCardFields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, label: bilingual } } },
  },
} as const;

const figuresSchema = {
  type: 'object',
  properties: {
    processKey: { type: 'string' }, serviceId: { type: 'string' }, name: bilingual, legalMaxWorkingDays: { type: 'integer' },
    received: { type: 'integer' }, certified: { type: 'integer' }, medianDaysToCertificate: { type: ['number', 'null'] }, p90DaysToCertificate: { type: ['number', 'null'] },
    decided: { type: 'integer' }, decidedWithinLegalTime: { type: 'integer' }, shareWithinLegalTime: { type: ['number', 'null'] },
  },
} as const;

export async function publicCatalogueRoutes(app: FastifyInstance, { db, limits, definitionsDir }: { db: Db; limits: PublicRateLimits; definitionsDir?: string }): Promise<void> {
  const config = limitPerMinute(limits.lookupsPerMinute);

  app.get('/api/public/catalogue', {
    config,
    schema: {
      tags: ['public'],
      summary: 'The permit catalogue: every licence family as a service, with its names, legal basis, conditions, documents, inquiries, legal time, validity, fee, current process version, service identity card and permit record (no login)',
      response: { 200: { type: 'object', properties: { services: { type: 'array', items: entrySchema } } }, 429: errorSchema },
    },
  }, async () => ({ services: await catalogue(db, definitionsDir) }));

  app.get<{ Params: { key: string } }>('/api/public/catalogue/:key', {
    config,
    schema: {
      tags: ['public'], summary: 'One service of the catalogue, by process key or service ID (no login)',
      params: { type: 'object', properties: { key: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' } } },
      response: { 200: entrySchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
    },
  }, async (request) => catalogueEntry(db, request.params.key, definitionsDir));

  app.get('/api/public/statistics', {
    config,
    schema: {
      tags: ['public'],
      summary: 'Per service, over the last 90 days: applications received, median and 90th-percentile days from submission to certificate, and the share of decisions within the legal time, the clock stopped while the applicant had the file (no login)',
      response: {
        200: { type: 'object', properties: { windowDays: { type: 'integer' }, from: { type: 'string' }, to: { type: 'string' }, families: { type: 'array', items: figuresSchema } } },
        429: errorSchema,
      },
    },
  }, async () => serviceStatistics(db, new Date(), definitionsDir));
}
