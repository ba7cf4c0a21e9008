/**
 * Drives many applications through a fleet (scripts/lib/fleet.ts) at once while a schedule of
 * faults runs beside them, then checks the end state (scripts/lib/fleet-checks.ts). The fault
 * campaign and the scale bench are both this, with other fleets and schedules.
 *
 * Faults fire at points of progress (the share of all driver steps done), drawn from the seed, so
 * a run can be repeated: the same seed gives the same schedule, the same outcomes per application
 * and the same pauses per person (the interleaving of processes is the machine's, not the seed's).
 */
import os from 'node:os';
import { connectClient } from '../../temporal/connection';
import type { Fleet } from './fleet';
import { CheckResult, Expectation, checkRun, diagnose, waitForAllFinished } from './fleet-checks';
import { DriverStats, ExpectedOutcome, People, STEPS_PER_APPLICATION, driveApplication, loginPeople, newStats, seededRandom, sleep } from './fleet-driver';

export type Fault =
  | { kind: 'kill-worker'; at: number; worker: number; restart: boolean }
  | { kind: 'kill-api'; at: number; api: number; restart: boolean }
  | { kind: 'restart-temporal'; at: number; downForMs: number }
  | { kind: 'stop-database'; at: number; downForMs: number };

export const describeFault = (f: Fault): string => {
  const when = `at ${(f.at * 100).toFixed(1)} % of the steps`;
  switch (f.kind) {
    case 'kill-worker': return `${when}: kill -9 worker-${f.worker + 1}${f.restart ? ' (the supervisor restarts it)' : ' (not restarted)'}`;
    case 'kill-api': return `${when}: kill -9 api-${f.api + 1}${f.restart ? ' (the supervisor restarts it)' : ' (not restarted)'}`;
    case 'restart-temporal': return `${when}: stop the Temporal server, start it again on the same file after ${f.downForMs / 1000} s`;
    case 'stop-database': return `${when}: stop PostgreSQL for ${f.downForMs / 1000} s`;
  }
};

export interface FiredFault { fault: Fault; startedAt: number; tookMs: number; error?: string }

export interface CampaignOptions {
  fleet: Fleet;
  applications: number;
  seed: number;
  faults: Fault[];
  /** Share of applications the technical reviewer rejects (they end without a certificate). */
  rejectShare?: number;
  /** At most this many applications in flight (default: all at once). */
  concurrency?: number;
  /** Each person's pause before a step: 0..maxPauseMs. */
  maxPauseMs?: number;
  /** Applications start spread over this long (with concurrency: none). */
  staggerMs?: number;
  /** How long a driver waits for one step (a task to open, a fee to be due or paid). */
  stepTimeoutMs?: number;
  /** After the last driver, how long the fleet has to finish every application. */
  finishTimeoutMs?: number;
  log: (message: string) => void;
}

export interface CampaignResult {
  ok: boolean;
  checks: CheckResult[];
  fired: FiredFault[];
  notFired: Fault[];
  driverErrors: string[];
  stats: DriverStats;
  expected: Expectation[];
  /** ms from the first request to the last driver done, and to every application finished. */
  drivingMs: number;
  finishedMs: number;
  /** When each approved application's certificate was issued, ms after the start (for throughput). */
  certificateTimesMs: number[];
  unfinished: string[];
  diagnoses: string[];
  restarts: Record<string, number>;
  load: { start: number[]; end: number[] };
}

/** The schedule the fault campaign draws from its seed. */
export function campaignSchedule({ seed, workerKills, database, databaseDownMs, temporalDownMs = 2_000 }: { seed: number; workerKills: number; database: 'sqlite' | 'postgresql'; databaseDownMs: number; temporalDownMs?: number }): Fault[] {
  const random = seededRandom(seed ^ 0x5eed);
  const faults: Fault[] = [];
  for (let i = 0; i < workerKills; i++) faults.push({ kind: 'kill-worker', at: round(0.05 + random() * 0.95), worker: 0, restart: true });
  faults.push({ kind: 'restart-temporal', at: round(0.25 + random() * 0.5), downForMs: temporalDownMs });
  if (database === 'postgresql') faults.push({ kind: 'stop-database', at: round(0.45 + random() * 0.1), downForMs: databaseDownMs });
  return faults.sort((a, b) => a.at - b.at);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function fire(fleet: Fleet, fault: Fault, log: (m: string) => void): Promise<void> {
  log(`FAULT ${describeFault(fault)}`);
  switch (fault.kind) {
    case 'kill-worker': {
      const w = fleet.workers[fault.worker];
      log(`kill -9 ${w.name} (pid ${w.pid})`);
      return w.kill9({ restart: fault.restart });
    }
    case 'kill-api': {
      const a = fleet.apis[fault.api];
      log(`kill -9 ${a.name} (pid ${a.pid})`);
      return a.kill9({ restart: fault.restart });
    }
    case 'restart-temporal':
      return fleet.restartTemporal(fault.downForMs);
    case 'stop-database': {
      if (!fleet.postgres) throw new Error('the fleet runs on SQLite: no database server to stop');
      await fleet.postgres.stop();
      log('PostgreSQL stopped');
      await sleep(fault.downForMs);
      await fleet.postgres.start();
      log('PostgreSQL running again');
      return;
    }
  }
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const { fleet, applications, seed, log } = o;
  const rejectShare = o.rejectShare ?? 0.1;
  const concurrency = o.concurrency ?? applications;
  const maxPauseMs = o.maxPauseMs ?? 3_000;
  const staggerMs = o.staggerMs ?? Math.min(30_000, applications * 200);
  const load = { start: os.loadavg(), end: [] as number[] };
  const stats = newStats();
  const totalSteps = applications * STEPS_PER_APPLICATION;
  let steps = 0;

  // one session per person per API process; drivers prefer the processes in turn
  const people: People[] = [];
  for (let i = 0; i < fleet.apiUrls.length; i++) people.push(await loginPeople(fleet.apiUrls, i, stats));

  const expected: Expectation[] = [];
  const driverErrors: string[] = [];
  const outcomes: ExpectedOutcome[] = Array.from({ length: applications }, (_, i) => (seededRandom(seed * 7919 + i)() < rejectShare ? 'rejected' : 'approved'));
  const started = Date.now();

  // the fault loop: each fault when progress reaches its point, one after another
  const fired: FiredFault[] = [];
  const pendingFaults = [...o.faults];
  let driving = true;
  const faultLoop = (async () => {
    // when the drivers are done every step is counted, so what is left fires then, while the last certificates are issued
    while (pendingFaults.length) {
      if (steps / totalSteps >= pendingFaults[0].at || !driving) {
        const fault = pendingFaults.shift()!;
        const at = Date.now();
        try {
          await fire(fleet, fault, log);
          fired.push({ fault, startedAt: at - started, tookMs: Date.now() - at });
        } catch (err) {
          fired.push({ fault, startedAt: at - started, tookMs: Date.now() - at, error: (err as Error).message });
          log(`fault failed: ${(err as Error).message}`);
        }
      } else {
        await sleep(200);
      }
    }
  })();

  let next = 0;
  let lastReport = 0;
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= applications) return;
      const random = seededRandom(seed * 104_729 + i);
      if (concurrency >= applications) await sleep(Math.round(random() * staggerMs));
      const outcome = outcomes[i];
      let trackingNumber: string | undefined;
      try {
        await driveApplication({
          people: people[i % people.length], productName: `Fault campaign ${seed}-${i + 1}`, outcome, random, maxPauseMs, stepTimeoutMs: o.stepTimeoutMs,
          onStep: () => {
            steps += 1;
            if (Date.now() - lastReport > 10_000) {
              lastReport = Date.now();
              log(`progress: ${steps}/${totalSteps} steps (${Math.round((100 * steps) / totalSteps)} %); 503/429 retried ${stats.unavailable}, lost requests ${stats.lost}`);
            }
          },
        }, stats, (t) => { trackingNumber = t; expected.push({ trackingNumber: t, outcome }); });
      } catch (err) {
        driverErrors.push(`application ${i + 1}${trackingNumber ? ` (${trackingNumber})` : ''}: ${(err as Error).message}`);
        log(`driver ${i + 1} failed: ${(err as Error).message}`);
        steps += STEPS_PER_APPLICATION; // so that the schedule still moves on
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, applications) }, lane));
  const drivingMs = Date.now() - started;
  driving = false;
  await faultLoop;
  log(`drivers done in ${(drivingMs / 1000).toFixed(1)} s; waiting for every application to finish`);

  const numbers = expected.map((e) => e.trackingNumber);
  const unfinished = await waitForAllFinished(fleet.db, numbers, o.finishTimeoutMs ?? 300_000);
  const finishedMs = Date.now() - started;
  load.end = os.loadavg();

  const temporal = await connectClient(fleet.temporal);
  try {
    const diagnoses = await Promise.all(unfinished.slice(0, 20).map((t) => diagnose(fleet.db, temporal, t)));
    for (const d of diagnoses) log(`UNFINISHED ${d}`);
    const checks = await checkRun(fleet.db, fleet.databaseUrl, temporal, fleet.temporal.taskQueue, expected);
    if (driverErrors.length) checks.unshift({ name: 'every driver reached its last step', ok: false, detail: driverErrors.slice(0, 10).join('; ') });
    else checks.unshift({ name: 'every driver reached its last step', ok: true, detail: `${applications} drivers` });
    const certificates = await fleet.db.certificate.findMany({ where: { application: { trackingNumber: { in: numbers } } }, select: { createdAt: true } });
    const certificateTimesMs = certificates.map((c) => c.createdAt.getTime() - started).sort((a, b) => a - b);
    const restarts = Object.fromEntries([...fleet.workers, ...fleet.apis].map((p) => [p.name, p.starts - 1]));
    return {
      ok: checks.every((c) => c.ok) && fired.every((f) => !f.error), checks, fired, notFired: pendingFaults, driverErrors, stats, expected,
      drivingMs, finishedMs, certificateTimesMs, unfinished, diagnoses, restarts, load,
    };
  } finally {
    await temporal.connection.close();
  }
}

/** The summary lines both commands print and write down. */
export function summaryLines(r: CampaignResult): string[] {
  const lines: string[] = [];
  lines.push('| check | result | found |', '| --- | --- | --- |');
  for (const c of r.checks) lines.push(`| ${c.name} | ${c.ok ? 'ok' : '**FAILED**'} | ${c.detail.replace(/\|/g, '/')} |`);
  lines.push('', 'Faults fired:', '');
  for (const f of r.fired) lines.push(`- ${(f.startedAt / 1000).toFixed(1)} s: ${describeFault(f.fault)} (took ${(f.tookMs / 1000).toFixed(1)} s)${f.error ? ` — FAILED: ${f.error}` : ''}`);
  for (const f of r.notFired) lines.push(`- not fired (the drivers finished first): ${describeFault(f)}`);
  lines.push('', `Process restarts by the supervisor: ${Object.entries(r.restarts).map(([n, c]) => `${n} ${c}`).join(', ')}.`);
  lines.push(`Drivers: ${r.stats.unavailable} answers 503/429 retried after Retry-After, ${r.stats.lost} requests lost to a dead or restarting process, ${r.stats.failovers} moves to another API process, ${r.stats.reconciled} payments settled by reconciliation after a lost callback.`);
  if (r.stats.unconfirmed.length) {
    lines.push('', `Task completions not confirmed by the API, after which the task showed completed (${r.stats.unconfirmed.length}):`, '');
    for (const u of r.stats.unconfirmed.slice(0, 20)) lines.push(`- ${u}`);
  }
  if (r.unfinished.length) {
    lines.push('', `Unfinished applications (${r.unfinished.length}):`, '');
    for (const d of r.diagnoses) lines.push(`- ${d}`);
  }
  return lines;
}
