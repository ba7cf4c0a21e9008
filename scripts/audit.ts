/**
 * `npm run audit:seal` and `npm run audit:verify`: the audit log's hash chain (activities/audit/audit-chain.ts)
 * in the database of DATABASE_URL (default data/app.db).
 *
 *   seal     appends every unsealed entry to the chain (the worker does this every AUDIT_SEAL_INTERVAL_MS)
 *   verify   recomputes the chain: exit 0 and one summary line when intact; exit 1 naming the first
 *            altered entry, missing place or cut-off tail
 */
import fs from 'node:fs';
import { resolveDatabaseUrl } from '../config';
import { createDb, Db } from '../prisma/client';
import { providerOf, sqliteFilePath } from '../prisma/providers';
import { ChainReport, sealAll, verifyAuditChain } from '../activities/audit/audit-chain';

const USAGE = 'usage: npm run audit:seal | npm run audit:verify';

function pendingText(report: ChainReport, now: Date): string {
  if (!report.pending) return 'nothing awaits sealing';
  const age = report.oldestPendingAt ? `, the oldest written ${report.oldestPendingAt.toISOString()} (${Math.round((now.getTime() - report.oldestPendingAt.getTime()) / 1000)} s ago)` : '';
  return `${report.pending} ${report.pending === 1 ? 'entry awaits' : 'entries await'} sealing${age}`;
}

/** The one line `audit:verify` prints when the chain is intact. */
export function summaryLine(report: ChainReport, now = new Date()): string {
  const chain = report.headSeq ? `${report.checked} entries chained (places 1–${report.headSeq}, head ${report.headHash})` : 'no entries chained yet';
  return `audit chain intact: ${chain}; ${pendingText(report, now)}`;
}

async function run(command: string | undefined, db: Db, databaseUrl: string): Promise<number> {
  if (command === 'seal') {
    const { sealed, headSeq } = await sealAll(db, providerOf(databaseUrl));
    console.log(`sealed ${sealed} audit ${sealed === 1 ? 'entry' : 'entries'}; the chain runs to place ${headSeq}`);
    return 0;
  }
  if (command === 'verify') {
    const report = await verifyAuditChain(db);
    if (report.problem) {
      console.error(`audit chain BROKEN: ${report.problem.message}`);
      console.error(`(${report.checked} entries verified before it; ${pendingText(report, new Date())})`);
      return 1;
    }
    console.log(summaryLine(report));
    return 0;
  }
  console.error(USAGE);
  return 2;
}

if (require.main === module) {
  const databaseUrl = resolveDatabaseUrl();
  // opening a missing SQLite file would create an empty one
  if (providerOf(databaseUrl) === 'sqlite' && !fs.existsSync(sqliteFilePath(databaseUrl))) {
    console.error(`no database at ${sqliteFilePath(databaseUrl)}: run npm run setup, or set DATABASE_URL`);
    process.exit(1);
  }
  const db = createDb(databaseUrl);
  run(process.argv[2], db, databaseUrl)
    .finally(() => db.$disconnect())
    .then(
      (code) => process.exit(code),
      (err) => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
}
