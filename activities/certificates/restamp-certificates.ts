/**
 * Re-stamping archived certificates (`npm run pki -- restamp`): a document time-stamp keeps a
 * certificate verifiable only while its TSA certificate is valid, so before it expires the file
 * gets, by incremental update, the validation data for that time-stamp (and fresh data for the
 * signer's chain: a revocation since issue is recorded) and a new document time-stamp over it all
 * (ltv/extendToLta). The new file and its hash replace the stored ones, and the audit log says so.
 * Idempotent: a file whose newest time-stamp's TSA certificate outlives the window, or outlives
 * the TSA certificate a new time-stamp would carry, is left alone.
 */
import crypto, { X509Certificate } from 'node:crypto';
import type { Db } from '../../prisma/client';
import { appendAudit } from '../audit/audit-log';
import { extendToLta } from './ltv/long-term';
import { NotTimeStampedError, timeStampStateOf } from './ltv/newest-time-stamp';
import type { ValidationDataSource } from './ltv/pki-validation-data';
import type { TimeStamper } from './timestamp/time-stamper';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RestampDeps {
  db: Db;
  timeStamper: TimeStamper;
  validationData: ValidationDataSource;
  /** The certificate of the TSA that `timeStamper` reaches: re-stamping with one that expires no later gains nothing. */
  currentTsaCertPem: string;
}

export interface RestampOptions {
  /** Re-stamp when the newest time-stamp's TSA certificate expires within this many days. */
  withinDays: number;
  dryRun: boolean;
  /** Only these numbers (default: every issued certificate). */
  only?: string[];
  now?: Date;
}

/** not-time-stamped: a B-B file (signed before time-stamping), which a re-stamp cannot make long-term. */
export type RestampOutcome = 'restamped' | 'would-restamp' | 'not-due' | 'no-later-tsa' | 'not-time-stamped' | 'failed';

export interface RestampResult {
  number: string;
  outcome: RestampOutcome;
  tsaNotAfter: string | null;
  pdfSha256?: string;
  problem?: string;
}

export async function restampCertificates(deps: RestampDeps, { withinDays, dryRun, only, now = new Date() }: RestampOptions): Promise<RestampResult[]> {
  const horizon = new Date(now.getTime() + withinDays * DAY_MS);
  const currentTsaNotAfter = new Date(new X509Certificate(deps.currentTsaCertPem).validTo);
  const issued = await deps.db.certificate.findMany({ where: { status: { not: 'pending' }, pdfSha256: { not: null }, ...(only ? { number: { in: only } } : {}) }, select: { number: true }, orderBy: { number: 'asc' } });
  const results: RestampResult[] = [];
  for (const { number } of issued) {
    // one file in memory at a time
    const row = await deps.db.certificate.findUnique({ where: { number }, select: { id: true, pdf: true, pdfSha256: true, applicationId: true } });
    if (!row?.pdf) continue;
    const pdf = Buffer.from(row.pdf);
    let state;
    try {
      state = timeStampStateOf(pdf);
    } catch (err) {
      results.push({ number, outcome: err instanceof NotTimeStampedError ? 'not-time-stamped' : 'failed', tsaNotAfter: null, problem: (err as Error).message });
      continue;
    }
    const tsaNotAfter = state.newestTsaNotAfter.toISOString();
    if (state.newestTsaNotAfter > horizon) { results.push({ number, outcome: 'not-due', tsaNotAfter }); continue; }
    if (currentTsaNotAfter <= state.newestTsaNotAfter) { results.push({ number, outcome: 'no-later-tsa', tsaNotAfter, problem: 'the current TSA certificate expires no later: rotate the issuing CA (npm run pki -- issue-ca) first' }); continue; }
    if (dryRun) { results.push({ number, outcome: 'would-restamp', tsaNotAfter }); continue; }
    const restamped = await extendToLta(pdf, { certPems: [...state.signatureCertPems, ...state.newestTimeStampCertPems], timeStamper: deps.timeStamper, validationData: deps.validationData, now });
    const pdfSha256 = crypto.createHash('sha256').update(restamped).digest('hex');
    // only if nobody re-stamped it meanwhile: the stored hash is still the one read
    const updated = await deps.db.certificate.updateMany({ where: { id: row.id, pdfSha256: row.pdfSha256 }, data: { pdf: new Uint8Array(restamped), pdfSha256 } });
    if (updated.count !== 1) { results.push({ number, outcome: 'failed', tsaNotAfter, problem: 'the stored file changed while it was being re-stamped' }); continue; }
    await appendAudit(deps.db, {
      actor: 'system', action: 'certificate.restamped', applicationId: row.applicationId, entityType: 'certificate', entityId: number,
      details: { previousPdfSha256: row.pdfSha256, pdfSha256, previousTsaNotAfter: tsaNotAfter }, dedupeKey: `certificate.restamped:${number}:${pdfSha256}`,
    });
    results.push({ number, outcome: 'restamped', tsaNotAfter, pdfSha256 });
  }
  return results;
}
