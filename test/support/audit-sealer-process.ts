/**
 * A sealer in its own process, for the race in test/integration/audit-chain.test.ts: connects to
 * DATABASE_URL, prints `ready`, waits for a line on stdin (so racing sealers start together), then
 * runs sealing runs of `batch` entries until one seals nothing, and prints how many it sealed as JSON.
 */
import readline from 'node:readline';
import { createDb } from '../../prisma/client';
import { providerOf } from '../../prisma/providers';
import { sealAuditChain } from '../../activities/audit/audit-chain';

async function run(): Promise<void> {
  const batch = Number(process.argv[2] ?? 2);
  const db = createDb(process.env.DATABASE_URL!);
  try {
    await db.auditSeal.count(); // connected before the start line
    console.log('ready');
    await new Promise((resolve) => readline.createInterface({ input: process.stdin }).once('line', resolve));
    let sealed = 0;
    for (;;) {
      const result = await sealAuditChain(db, providerOf(process.env.DATABASE_URL!), { batch });
      sealed += result.sealed;
      if (result.sealed === 0) break;
    }
    console.log(JSON.stringify({ sealed }));
  } finally {
    await db.$disconnect();
  }
}

run().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
