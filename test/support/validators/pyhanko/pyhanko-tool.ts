/**
 * Test-only: pyHanko from PyPI in a project-local virtual environment,
 * .tools/pyhanko/<versions>/, created on first use and reused after that. It is made in a
 * temporary folder renamed into place (so two test workers installing at once both end with a
 * whole one) and run as `<venv>/bin/python -m pyhanko`, which does not mind the rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runInstallStep, TOOLS_DIR } from '../install-step';

/** The versions the tests were written against (pyhanko-cli carries the `pyhanko` command). */
export const PYHANKO_PACKAGES = ['pyhanko==0.38.0', 'pyhanko-cli==0.6.0'];
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface PyHankoTool {
  python: string;
  /** arguments before pyHanko's own: `-m pyhanko` */
  args: string[];
  /** the environment to run it in (no deprecation warnings on stderr) */
  env: NodeJS.ProcessEnv;
}

const venvName = (): string => PYHANKO_PACKAGES.map((p) => p.replace('==', '-')).join('_');
const pythonIn = (venv: string): string => path.join(venv, 'bin', 'python');
const toolOf = (venv: string): PyHankoTool => ({ python: pythonIn(venv), args: ['-m', 'pyhanko'], env: { ...process.env, PYTHONWARNINGS: 'ignore' } });

/** The installed pyHanko, installing it first when these versions are not there yet. */
export function ensurePyHanko(log: (message: string) => void = console.log): PyHankoTool {
  const venv = path.join(TOOLS_DIR, 'pyhanko', venvName());
  if (fs.existsSync(path.join(venv, 'installed'))) return toolOf(venv);

  const building = `${venv}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  try {
    runInstallStep({
      label: 'creating a Python virtual environment for pyHanko',
      command: 'python3',
      args: ['-m', 'venv', building],
      timeoutMs: 2 * 60_000,
      hint: 'On Debian, python3 -m venv needs the python3-venv package.',
      debianPackage: 'python3',
    }, log);
    runInstallStep({
      label: `installing ${PYHANKO_PACKAGES.join(' ')} from PyPI`,
      command: pythonIn(building),
      args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '--timeout', '30', '--retries', '2', ...PYHANKO_PACKAGES],
      timeoutMs: INSTALL_TIMEOUT_MS,
      hint: 'pyHanko is installed from PyPI: check that it is reachable.',
    }, log);
    fs.writeFileSync(path.join(building, 'installed'), `${PYHANKO_PACKAGES.join('\n')}\n`);
    try {
      fs.renameSync(building, venv);
    } catch (err) {
      // another process finished the same install first
      if (!fs.existsSync(path.join(venv, 'installed'))) throw err;
    }
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return toolOf(venv);
}
