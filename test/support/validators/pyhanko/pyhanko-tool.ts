/**
 * Test-only: pyHanko from PyPI in a project-local virtual environment,
 * .tools/pyhanko/<versions>/ (python-venv.ts), run as `<venv>/bin/python -m pyhanko`.
 */
import { ensurePythonVenv } from '../python-venv';

/** The versions the tests were written against (pyhanko-cli carries the `pyhanko` command). */
export const PYHANKO_PACKAGES = ['pyhanko==0.38.0', 'pyhanko-cli==0.6.0'];

export interface PyHankoTool {
  python: string;
  /** arguments before pyHanko's own: `-m pyhanko` */
  args: string[];
  /** the environment to run it in (no deprecation warnings on stderr) */
  env: NodeJS.ProcessEnv;
}

const toolOf = (python: string): PyHankoTool => ({ python, args: ['-m', 'pyhanko'], env: { ...process.env, PYTHONWARNINGS: 'ignore' } });

/** The installed pyHanko, installing it first when these versions are not there yet. */
export function ensurePyHanko(log: (message: string) => void = console.log): PyHankoTool {
  return toolOf(ensurePythonVenv('pyhanko', PYHANKO_PACKAGES, log));
}
