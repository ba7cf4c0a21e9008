/**
 * Test-only: runs one step of installing an independent validator (a Maven build, a pip install)
 * with its output shown as progress, and turns every way it can go wrong — the tool missing, a
 * failure, no answer from the network within the time allowed — into one clear error.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../config';

/** Where validators are built and installed: git-ignored, kept between runs (VALIDATORS_TOOLS_DIR elsewhere, for tests of the install itself). */
export const TOOLS_DIR = process.env.VALIDATORS_TOOLS_DIR ?? path.join(PROJECT_ROOT, '.tools');

export interface InstallStep {
  /** What is being done, e.g. "building the EU DSS validator". */
  label: string;
  command: string;
  args: string[];
  cwd?: string;
  timeoutMs: number;
  /** Said when the step fails, e.g. which registry must be reachable. */
  hint: string;
  /** The Debian package that provides `command`, named when it is missing. */
  debianPackage?: string;
}

export function runInstallStep({ label, command, args, cwd, timeoutMs, hint, debianPackage }: InstallStep, log: (message: string) => void = console.log): void {
  log(`${label}…`);
  const started = Date.now();
  // the step's own output is the progress; stdout goes to stderr so that callers' stdout stays clean
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 2, 'inherit'], timeout: timeoutMs, killSignal: 'SIGKILL' });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') throw new Error(`${label} failed: ${command} is not installed${debianPackage ? ` (apt-get install ${debianPackage})` : ''}`);
  if (code === 'ETIMEDOUT' || result.signal === 'SIGKILL') {
    throw new Error(`${label} failed: no result within ${Math.round(timeoutMs / 60_000)} min (stopped). ${hint}`);
  }
  if (result.error) throw new Error(`${label} failed: ${result.error.message}. ${hint}`);
  if (result.status !== 0) throw new Error(`${label} failed (${path.basename(command)} exit code ${result.status}; its output is above). ${hint}`);
  log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Makes `dir` once: `build` fills a temporary folder beside it, which is then renamed into place,
 * so a failed or interrupted build leaves nothing half made. When another process renamed its own
 * build into place first (its `doneFile` is there), that one is kept.
 */
export function buildFolderOnce(dir: string, doneFile: string, build: (folder: string) => void): void {
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    build(building);
    try {
      fs.renameSync(building, dir);
    } catch (err) {
      if (!fs.existsSync(path.join(dir, doneFile))) throw err;
    }
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
}
