/**
 * Debian packages the product or its tests need, installed with apt-get when missing (and when we
 * may: as root with apt-get present). Anything already there is left alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** command → Debian package that provides it */
export const TEST_TOOLS: Record<string, string> = {
  pdfsig: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  qpdf: 'qpdf',
  certutil: 'libnss3-tools',
  zbarimg: 'zbar-tools',
  openssl: 'openssl',
  pg_ctlcluster: 'postgresql',
  chromium: 'chromium',
  // the EU DSS validator (test/support/validators/dss/) is built with Maven
  mvn: 'maven',
  javac: 'default-jdk-headless',
};

/**
 * What deploy/deploy.test.ts checks the nginx site and the systemd units with: installed when the
 * tests run as root (as in CI); elsewhere those two checks say they were left out, and nothing else
 * needs them.
 */
export const DEPLOY_CHECK_TOOLS: Record<string, string> = {
  nginx: 'nginx-light',
  'systemd-analyze': 'systemd',
};

export function commandExists(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, cmd)));
}

export function ensureSystemPackages(tools: Record<string, string>, log: (m: string) => void = console.log): void {
  const missing = [...new Set(Object.entries(tools).filter(([cmd]) => !commandExists(cmd)).map(([, pkg]) => pkg))];
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    throw new Error(`missing system packages: ${missing.join(', ')}. Install them (e.g. sudo apt-get install ${missing.join(' ')}) and run again.`);
  }
  log(`installing Debian packages: ${missing.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
  if (!run(['update']) || !run(['install', '-y', '--no-install-recommends', ...missing])) {
    throw new Error(`apt-get could not install ${missing.join(' ')}`);
  }
}
