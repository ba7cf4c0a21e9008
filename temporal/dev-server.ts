/**
 * The embedded Temporal server: `temporal server start-dev` with its state in a SQLite file, so
 * applications survive restarts of the server and of the app. Reused when already listening.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { MISSING_CLI_MESSAGE, findTemporalCli } from './cli';
import type { TemporalConfig } from '../config';

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  /** False when a server was already listening and was reused. */
  startedHere: boolean;
  /** Settles when the server started here exits, whatever the reason (absent when reused). */
  exited?: Promise<void>;
  /** The server's process id, when started here from the CLI (the engine benchmark reads its CPU time). */
  pid?: number;
  stop(): Promise<void>;
}

export function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/** How long the server's writes wait for a reader's lock on its SQLite file. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * The server's SQLite settings (`--sqlite-pragma`):
 * - busy_timeout: a write waits for a reader's lock (the online backup: scripts/backup.ts) instead of
 *   failing at once with SQLITE_BUSY;
 * - journal_mode=wal: a commit appends to the write-ahead log and syncs it once, where the default
 *   rollback journal writes and syncs a journal, the database and the journal's removal; and readers
 *   no longer hold up the writer. On the engine bench this took about a fifth off the server's CPU
 *   per instance (bench/README.md). The backup copies through SQLite's backup API, and a restore
 *   removes stale -wal and -shm files (scripts/lib/backup/);
 * - synchronous=full: each commit is still synced before it is acknowledged, so a power cut loses
 *   no committed transaction (NORMAL would save more, but may roll back the last commits then).
 */
export const SQLITE_PRAGMAS: readonly string[] = [`busy_timeout=${SQLITE_BUSY_TIMEOUT_MS}`, 'journal_mode=wal', 'synchronous=full'];
const sqlitePragmaArgs = () => SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]);

export interface StartOptions {
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
  /** Without the Web UI (tests). */
  headless?: boolean;
  /** Where the server's own output goes; default: a log file beside the database. */
  logFile?: string;
}

export async function startDevServer(config: TemporalConfig, opts: StartOptions = {}): Promise<RunningDevServer> {
  const emb = config.embedded;
  if (!emb) throw new Error('temporal.yaml names an existing cluster; the embedded server is off');
  const log = opts.log ?? console.log;
  const uiUrl = opts.headless ? undefined : `http://localhost:${emb.uiPort}`;
  if (await isListening(emb.ip, emb.port)) {
    log(`Temporal: reusing the server already listening on ${config.address}`);
    return { address: config.address, uiUrl, startedHere: false, stop: async () => {} };
  }
  fs.mkdirSync(path.dirname(emb.dbFile), { recursive: true });
  const cli = findTemporalCli({ env: opts.env ?? process.env, toolsDir: config.cli.toolsDir, version: config.cli.version, log });
  if (!cli) return startWithSdkDownload(config, opts.headless ?? false, log);

  const args = ['server', 'start-dev', '--ip', emb.ip, '--port', String(emb.port), '--db-filename', emb.dbFile,
    '--namespace', config.namespace, '--log-level', emb.logLevel, ...sqlitePragmaArgs()];
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(emb.uiPort));
  const out = fs.openSync(opts.logFile ?? `${emb.dbFile}.log`, 'a');
  const child = spawn(cli, args, { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  await waitUntil(async () => {
    if (exited) throw new Error(`the Temporal dev server exited at start; see ${opts.logFile ?? `${emb.dbFile}.log`}`);
    return isListening(emb.ip, emb.port);
  }, 60_000, `the Temporal dev server on ${config.address}`);
  return { address: config.address, uiUrl, startedHere: true, exited: exit, pid: child.pid, stop: () => stopChild(child) };
}

/** Last resort: the SDK downloads the dev server itself (needs its release site to be reachable). */
async function startWithSdkDownload(config: TemporalConfig, headless: boolean, log: (m: string) => void): Promise<RunningDevServer> {
  const emb = config.embedded!;
  log('Temporal: no CLI found; trying the SDK download of the dev server…');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: emb.ip, port: emb.port, namespace: config.namespace, dbFilename: emb.dbFile,
        extraArgs: sqlitePragmaArgs(),
        ...(headless ? {} : { ui: true, uiPort: emb.uiPort }),
        executable: { type: 'cached-download' },
      },
    });
    return { address: config.address, uiUrl: headless ? undefined : `http://localhost:${emb.uiPort}`, startedHere: true, stop: () => env.teardown() };
  } catch (err) {
    throw new Error(`${MISSING_CLI_MESSAGE} (SDK download failed: ${(err as Error).message})`);
  }
}
