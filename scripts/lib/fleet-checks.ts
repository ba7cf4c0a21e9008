/**
 * What must hold after a fleet run (the fault campaign, the scale bench): every application ended
 * as expected with exactly one certificate when approved, no duplicate or pending certificates, no
 * incidents, no open tasks, no workflow still running, and an audit chain that seals and verifies
 * with no gaps. Each check says what it found, so a failure names the applications involved.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { providerOf } from '../../prisma/providers';
import { sealAll, verifyAuditChain } from '../../activities/audit/audit-chain';
import type { ExpectedOutcome } from './fleet-driver';

export interface CheckResult { name: string; ok: boolean; detail: string }

export interface Expectation { trackingNumber: string; outcome: ExpectedOutcome }

const list = (items: string[], max = 10): string => (items.length > max ? `${items.slice(0, max).join(', ')} … (${items.length} in all)` : items.join(', '));

/** Waits until every application is out of submitted/running (or the time is up); returns the ones still unfinished. */
export async function waitForAllFinished(db: Db, trackingNumbers: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db.application.findMany({ where: { trackingNumber: { in: trackingNumbers }, status: { notIn: ['completed', 'failed', 'terminated'] } }, select: { trackingNumber: true, status: true } })
      .catch(() => undefined);
    if (open && !open.length) return [];
    // an incident waits for an operator: no use waiting for it
    if (open && open.every((a) => a.status === 'incident')) return open.map((a) => a.trackingNumber);
    if (Date.now() > deadline) return open?.map((a) => a.trackingNumber) ?? trackingNumbers;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Why an application is not finished: its status, open tasks, payments and the last things its audit trail says. */
export async function diagnose(db: Db, temporal: Client, trackingNumber: string): Promise<string> {
  const app = await db.application.findUnique({
    where: { trackingNumber },
    include: { tasks: { select: { id: true, status: true } }, certificates: { select: { number: true, status: true } } },
  });
  if (!app) return `${trackingNumber}: no such application`;
  const payments = await db.payment.findMany({ where: { applicationId: app.id }, select: { state: true, gatewayOrderId: true, attempts: true } });
  const trail = await db.auditLog.findMany({ where: { applicationId: app.id }, orderBy: { id: 'desc' }, take: 4, select: { action: true, at: true } });
  const workflow = await temporal.workflow.getHandle(trackingNumber).describe().then((d) => `${d.status.name}, ${d.historyLength} events`, (err: Error) => `describe failed: ${err.message}`);
  return `${trackingNumber}: status ${app.status}, outcome ${app.outcome ?? '-'}; workflow ${workflow}; tasks ${app.tasks.map((t) => `${t.id}=${t.status}`).join(' ') || 'none'}; `
    + `certificates ${app.certificates.map((c) => `${c.number}=${c.status}`).join(' ') || 'none'}; payments ${payments.map((p) => `${p.gatewayOrderId ?? '-'}=${p.state}/${p.attempts}`).join(' ') || 'none'}; `
    + `last audit ${trail.map((t) => `${t.action}@${t.at.toISOString()}`).join(' < ')}`;
}

/** Runs every check; the list is in the order the summary prints it. */
export async function checkRun(db: Db, databaseUrl: string, temporal: Client, taskQueue: string, expected: Expectation[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const numbers = expected.map((e) => e.trackingNumber);
  const apps = await db.application.findMany({
    where: { trackingNumber: { in: numbers } },
    include: { certificates: { select: { number: true, status: true, pdfSha256: true } } },
  });
  const byNumber = new Map(apps.map((a) => [a.trackingNumber, a]));

  const missing = numbers.filter((n) => !byNumber.has(n));
  const wrongEnd = expected.filter((e) => {
    const a = byNumber.get(e.trackingNumber);
    return a && (a.status !== 'completed' || a.outcome !== e.outcome);
  }).map((e) => `${e.trackingNumber} (${byNumber.get(e.trackingNumber)!.status}/${byNumber.get(e.trackingNumber)!.outcome ?? '-'}, expected ${e.outcome})`);
  const approved = expected.filter((e) => e.outcome === 'approved').length;
  results.push({
    name: 'every application ended with the expected outcome',
    ok: !missing.length && !wrongEnd.length,
    detail: missing.length || wrongEnd.length ? `missing: ${list(missing)}; not as expected: ${list(wrongEnd)}` : `${expected.length} completed (${approved} approved, ${expected.length - approved} rejected)`,
  });

  const wrongCount = expected.filter((e) => {
    const a = byNumber.get(e.trackingNumber);
    const valid = a?.certificates.filter((c) => c.status === 'valid' && c.pdfSha256).length ?? 0;
    return (a?.certificates.length ?? 0) !== (e.outcome === 'approved' ? 1 : 0) || valid !== (e.outcome === 'approved' ? 1 : 0);
  }).map((e) => `${e.trackingNumber} (${byNumber.get(e.trackingNumber)?.certificates.map((c) => `${c.number}=${c.status}`).join(' ') || 'none'})`);
  results.push({
    name: 'exactly one valid, signed certificate per approved application, none per rejected one',
    ok: !wrongCount.length,
    detail: wrongCount.length ? list(wrongCount) : `${approved} certificates`,
  });

  const duplicateNumbers = await db.certificate.groupBy({ by: ['number'], _count: { _all: true }, having: { number: { _count: { gt: 1 } } } });
  const issuedTwice = await db.auditLog.groupBy({ by: ['applicationId'], where: { action: 'certificate.issued' }, _count: { _all: true }, having: { applicationId: { _count: { gt: 1 } } } });
  results.push({
    name: 'no duplicate certificate numbers, no application issued twice',
    ok: !duplicateNumbers.length && !issuedTwice.length,
    detail: duplicateNumbers.length || issuedTwice.length ? `numbers: ${list(duplicateNumbers.map((d) => d.number))}; applications with two "certificate.issued": ${issuedTwice.length}` : 'duplicates 0',
  });

  const pending = await db.certificate.findMany({ where: { status: 'pending' }, select: { number: true } });
  results.push({ name: 'no certificate left pending', ok: !pending.length, detail: pending.length ? list(pending.map((c) => c.number)) : 'pending 0' });

  const incidents = await db.application.findMany({ where: { status: { in: ['incident', 'failed'] } }, select: { trackingNumber: true, status: true } });
  results.push({ name: 'no open incidents, no failed instance', ok: !incidents.length, detail: incidents.length ? list(incidents.map((i) => `${i.trackingNumber}=${i.status}`)) : 'incidents 0' });

  const openTasks = await db.task.findMany({ where: { status: 'open' }, select: { id: true } });
  results.push({ name: 'no open tasks left', ok: !openTasks.length, detail: openTasks.length ? list(openTasks.map((t) => t.id)) : 'open tasks 0' });

  const running: string[] = [];
  for await (const w of temporal.workflow.list({ query: `TaskQueue="${taskQueue}" AND ExecutionStatus="Running"` })) running.push(w.workflowId);
  results.push({ name: 'no workflow still running', ok: !running.length, detail: running.length ? list(running) : 'running 0' });

  const paidTwice = await db.payment.groupBy({ by: ['applicationId'], where: { state: 'paid' }, _count: { _all: true }, having: { applicationId: { _count: { gt: 1 } } } });
  results.push({ name: 'no fee paid twice', ok: !paidTwice.length, detail: paidTwice.length ? `${paidTwice.length} applications` : 'double payments 0' });

  const sealed = await sealAll(db, providerOf(databaseUrl));
  const chain = await verifyAuditChain(db);
  results.push({
    name: 'the audit chain seals and verifies with no gaps',
    ok: !chain.problem && chain.pending === 0 && chain.checked > 0,
    detail: chain.problem ? `BROKEN: ${chain.problem.message}` : `${chain.checked} entries chained (places 1–${chain.headSeq}), ${sealed.sealed} sealed at the end, ${chain.pending} pending`,
  });
  return results;
}
