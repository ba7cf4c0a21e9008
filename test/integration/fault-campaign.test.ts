/**
 * `npm run faults` itself, small: six applications driven through a separate API process while the
 * worker process is killed with SIGKILL (and restarted by the supervisor) and the Temporal server
 * is restarted; on the PostgreSQL pass the database is also stopped for a few seconds. Every
 * application must end as expected with exactly one certificate when approved, and the end checks
 * (no duplicates, nothing pending, no incidents, no open tasks, an intact audit chain) must pass.
 */
import path from 'node:path';
import { faultCampaign } from '../../scripts/fault-campaign';

it('ends every application correctly through a worker kill, a Temporal restart and (PostgreSQL) a database stop', async () => {
  const database = process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
  const { result, summary } = await faultCampaign({
    applications: 6, database, seed: 12, workerKills: 1, databaseDownMs: 5_000, maxPauseMs: 1_000,
    resultsFile: null, quiet: true, runRoot: path.join(process.env.TEST_RUN_DIR!, 'fleet'), stepTimeoutMs: 120_000,
  });
  const kinds = result.fired.map((f) => f.fault.kind);
  expect(kinds).toEqual(expect.arrayContaining(['kill-worker', 'restart-temporal', ...(database === 'postgresql' ? ['stop-database'] : [])]));
  expect(result.fired.filter((f) => f.error)).toEqual([]);
  expect(result.restarts['worker-1']).toBeGreaterThanOrEqual(1);
  expect(result.expected).toHaveLength(6);
  // the summary names the failed check and the applications involved
  expect(result.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`)).toEqual([]);
  expect(result.ok).toBe(true);
  expect(summary).toContain('**PASSED**');
}, 300_000);
