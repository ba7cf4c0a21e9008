import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../prisma/client';
import { canonicalNumber, issuedWithVersion, publicRecordWithHistory, searchRegister, statusFeed, wholeRegister } from '../../services/certificate-records';
import { toCsv } from '../../services/csv';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';
import { RecentCache } from '../../services/recent-cache';
import { errorSchema } from '../../schemas/common';

const bilingual = { type: 'object', properties: { fa: { type: 'string' }, en: { type: 'string' } } } as const;

export const publicCertificateSchema = {
  type: 'object',
  properties: {
    number: { type: 'string' },
    status: { type: 'string', enum: ['valid', 'expired', 'suspended', 'revoked', 'superseded'] },
    family: { type: 'string' },
    familyTitle: bilingual,
    issuer: bilingual,
    holder: { type: 'object', properties: { name: { type: 'string' }, nationalId: { type: 'string' } } },
    subject: { type: 'object', additionalProperties: true },
    issuedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    sha256: { type: 'string', description: 'SHA-256 of the issued PDF file' },
    recordSha256: { type: 'string', description: 'SHA-256 of the RFC 8785 canonical JSON of { number, family, holder, subject, issuedAt, expiresAt } as given here' },
    shortHash: { type: 'string', description: 'The first 16 hex digits of recordSha256, as printed on the certificate' },
    replaces: { type: ['string', 'null'] },
    legacyNumber: { type: ['string', 'null'] },
    issuedByDeadline: {
      type: ['object', 'null'],
      description: 'Issued because no decision was taken within the legal time (deemed approval): when, and the reviewing unit that held the file',
      properties: { at: { type: 'string', format: 'date-time' }, reviewingUnit: { type: 'string' } },
    },
    issuedOnRegistration: {
      type: ['object', 'null'],
      description: 'Issued on registration with an undertaking (صادرشده بر پایه ثبت و تعهدنامه): a registration-based family, no approval before issue; when the applicant accepted the undertaking, and its text',
      properties: { at: { type: 'string', format: 'date-time' }, undertaking: bilingual, label: bilingual },
    },
  },
} as const;

const nullableString = { type: ['string', 'null'] } as const;

const publicRecordSchema = {
  ...publicCertificateSchema,
  properties: {
    ...publicCertificateSchema.properties,
    replacedBy: { type: ['string', 'null'] },
    subjectFields: {
      type: 'array',
      description: 'How to read subject, in print order: each key with its bilingual label, its kind (text, version, enum, list, grade) and, for enum, list and graded fields, the label of each value',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          kind: { type: 'string', enum: ['text', 'version', 'enum', 'list', 'grade'] },
          label: bilingual,
          options: { type: 'object', additionalProperties: bilingual },
        },
      },
    },
    history: {
      type: 'array',
      items: { type: 'object', properties: { at: { type: 'string' }, action: { type: 'string' }, status: { type: 'string' }, reason: nullableString, decidedBy: { type: 'string' } } },
    },
    process: {
      type: 'object',
      properties: {
        key: { type: 'string' }, version: { type: 'integer' }, submittedAt: { type: 'string' },
        decisions: { type: 'array', items: { type: 'object', properties: { step: { type: 'string' }, name: nullableString, at: { type: 'string' }, role: { type: 'string' } } } },
      },
    },
  },
} as const;

/**
 * How long a looked-up public record may be answered from memory. Its status and history never come
 * from memory: every look-up reads the certificate's status and count of status changes (one small
 * query), and a record cached under another status or count is not used, so a suspension or a
 * revocation made through any process shows at once. Only what may change without a status change
 * (the decisions of the process, a replacement issued moments before its supersession) can be this
 * old.
 */
export const PUBLIC_RECORD_TTL_MS = 1000;

export async function publicCertificateRoutes(app: FastifyInstance, { db, limits, recordTtlMs = PUBLIC_RECORD_TTL_MS }: { db: Db; limits: PublicRateLimits; recordTtlMs?: number }): Promise<void> {
  const config = limitPerMinute(limits.lookupsPerMinute);
  // the answer as sent (serialised by this route's response schema), so a hit costs no serialising
  const records = new RecentCache<string>(recordTtlMs);

  app.get<{ Querystring: { family?: string; status?: 'valid' | 'expired' | 'suspended' | 'revoked'; q?: string; page: number; pageSize: number } }>('/api/public/certificates', {
    config,
    schema: {
      tags: ['public'],
      summary: 'The public register: issued certificates, newest first, by family, status and a search over number, holder and subject (no login)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          family: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
          status: { type: 'string', enum: ['valid', 'expired', 'suspended', 'revoked', 'superseded'] },
          q: { type: 'string', minLength: 1, maxLength: 100 },
          page: { type: 'integer', minimum: 1, maximum: 10_000, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        },
      },
      response: {
        200: { type: 'object', properties: { total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, items: { type: 'array', items: publicCertificateSchema } } },
        400: errorSchema,
        429: errorSchema,
      },
    },
  }, async (request) => searchRegister(db, request.query));

  app.get<{ Querystring: { family?: string; status?: 'valid' | 'expired' | 'suspended' | 'revoked' | 'superseded'; q?: string } }>('/api/public/register.csv', {
    config,
    schema: {
      tags: ['public'],
      summary: 'The public register as open data (CSV, UTF-8 with BOM): every issued certificate with its public fields — number, family, holder, subject, issue and expiry dates, status — newest first, by the same filters as /api/public/certificates (no login)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          family: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
          status: { type: 'string', enum: ['valid', 'expired', 'suspended', 'revoked', 'superseded'] },
          q: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
      response: { 400: errorSchema, 429: errorSchema },
    },
  }, async (request, reply) => {
    const rows = await wholeRegister(db, request.query);
    const csv = toCsv(
      ['شماره / Number', 'خانواده / Family', 'عنوان / Title (fa)', 'عنوان انگلیسی / Title (en)', 'دارنده / Holder', 'شناسه ملی / National ID', 'موضوع / Subject (JSON)', 'تاریخ صدور / Issued', 'تاریخ انقضا / Expires', 'وضعیت / Status', 'جایگزینِ / Replaces'],
      rows.map((r) => [r.number, r.family, r.familyTitle.fa, r.familyTitle.en, r.holder.name, r.holder.nationalId, JSON.stringify(r.subject), r.issuedAt, r.expiresAt, r.status, r.replaces]),
    );
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ito-register.csv"').send(csv);
  });

  app.get<{ Params: { number: string } }>('/api/public/certificates/:number', {
    config,
    schema: {
      tags: ['public'], summary: 'Look a certificate up by its number (no login)',
      params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } } },
      response: { 200: publicRecordSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
    },
  }, async (request, reply) => {
    const number = canonicalNumber(request.params.number);
    const { cert, version } = await issuedWithVersion(db, number);
    const body = await records.get(`${number}@${version}`, async () => String(reply.serialize(await publicRecordWithHistory(db, cert))));
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get<{ Querystring: { since: string; afterId?: number; limit: number } }>('/api/public/status-feed', {
    config,
    schema: {
      tags: ['public'],
      summary: 'Machine-readable feed of suspensions, reinstatements and revocations since a date, oldest first (no login)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        required: ['since'],
        properties: {
          since: { type: 'string', format: 'date-time' },
          afterId: { type: 'integer', minimum: 0 },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            since: { type: 'string' },
            nextAfterId: { type: 'integer' },
            changes: {
              type: 'array',
              items: {
                type: 'object',
                properties: { id: { type: 'integer' }, number: { type: 'string' }, family: { type: 'string' }, action: { type: 'string' }, fromStatus: { type: 'string' }, status: { type: 'string' }, at: { type: 'string' }, reason: { type: 'string' } },
              },
            },
          },
        },
        400: errorSchema,
        429: errorSchema,
      },
    },
  }, async (request) => statusFeed(db, request.query));
}
