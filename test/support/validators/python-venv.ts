/**
 * Test-only: a Python tool from PyPI in a project-local virtual environment,
 * .tools/<tool>/<versions>/, created on first use and reused after that. It is made in a
 * temporary folder renamed into place (so two test workers installing at once both end with a
 * whole one); run it as `<venv>/bin/python -m <module>`, which does not mind the rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildFolderOnce, runInstallStep, TOOLS_DIR } from './install-step';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The venv's python, installing `packages` (pinned, `name==version`) first when they are not there yet. */
export function ensurePythonVenv(tool: string, packages: string[], log: (message: string) => void = console.log): string {
  const venv = path.join(TOOLS_DIR, tool, packages.map((p) => p.replace('==', '-')).join('_'));
  const python = (dir: string): string => path.join(dir, 'bin', 'python');
  if (fs.existsSync(path.join(venv, 'installed'))) return python(venv);

  buildFolderOnce(venv, 'installed', (building) => {
    runInstallStep({
      label: `creating a Python virtual environment for ${tool}`,
      command: 'python3',
      args: ['-m', 'venv', building],
      timeoutMs: 2 * 60_000,
      hint: 'On Debian, python3 -m venv needs the python3-venv package.',
      debianPackage: 'python3',
    }, log);
    runInstallStep({
      label: `installing ${packages.join(' ')} from PyPI`,
      command: python(building),
      args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '--timeout', '30', '--retries', '2', ...packages],
      timeoutMs: INSTALL_TIMEOUT_MS,
      hint: `${tool} is installed from PyPI: check that it is reachable.`,
    }, log);
    fs.writeFileSync(path.join(building, 'installed'), `${packages.join('\n')}\n`);
  });
  return python(venv);
}
