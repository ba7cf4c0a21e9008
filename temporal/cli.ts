/**
 * Finds the Temporal CLI that runs the embedded dev server, in this order:
 * TEMPORAL_CLI, `temporal` on PATH, the cached build in the tools folder, a fresh
 * `go install github.com/temporalio/cli/cmd/temporal@<version>` when Go is present.
 * When none works the caller falls back to the SDK's own download (see dev-server.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface CliLookup {
  env: Record<string, string | undefined>;
  toolsDir: string;
  version: string;
  log?: (message: string) => void;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function goInstall(toolsDir: string, version: string, log: (m: string) => void): string | undefined {
  const go = onPath('go', process.env.PATH);
  if (!go) return undefined;
  log(`building the Temporal CLI ${version} with go install (first run only, a few minutes)…`);
  fs.mkdirSync(toolsDir, { recursive: true });
  const res = spawnSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@${version}`], {
    env: { ...process.env, GOBIN: toolsDir, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const built = path.join(toolsDir, 'temporal');
  return res.status === 0 && isExecutable(built) ? built : undefined;
}

/** Path of a usable Temporal CLI, or undefined when only the SDK download is left to try. */
export function findTemporalCli({ env, toolsDir, version, log = console.log }: CliLookup): string | undefined {
  if (env.TEMPORAL_CLI) {
    if (!isExecutable(env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file`);
    return env.TEMPORAL_CLI;
  }
  const candidates = [onPath('temporal', env.PATH), path.join(toolsDir, 'temporal')];
  for (const c of candidates) if (c && isExecutable(c)) return c;
  return goInstall(toolsDir, version, log);
}

export function cliVersion(cli: string): string {
  return execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim();
}

export const MISSING_CLI_MESSAGE =
  'No Temporal CLI could be found or obtained. Install one of: the Temporal CLI on PATH ' +
  '(https://docs.temporal.io/cli), or Go (so that `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` ' +
  'can build it), or set TEMPORAL_CLI to its path, or set TEMPORAL_ADDRESS to an existing Temporal server.';
