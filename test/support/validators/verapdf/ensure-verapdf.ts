/**
 * veraPDF (the PDF/A validator, Maven Central org.verapdf:validation-model) with a tiny Java
 * front end (VeraPdfCheck.java), built on first use into .tools/verapdf/<fingerprint of the pom and
 * the source>/ with mvn and javac (both needed: java 17, maven), and reused after that. A build goes
 * to a temporary folder renamed into place, so two test files asking at once on a fresh machine
 * both end with a complete build (one used to wipe the other's half-copied jars).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildFolderOnce, TOOLS_DIR } from '../install-step';

const HERE = __dirname;
const SOURCE = path.join(HERE, 'src', 'main', 'java', 'ito', 'verapdf', 'VeraPdfCheck.java');
/** Written last into a build: its presence means the build is whole. */
const DONE = 'built';

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { cwd: HERE, encoding: 'utf8', timeout: 600_000 });
  if (result.error) throw new Error(`${cmd} could not run (${result.error.message}): veraPDF needs java 17 and maven`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** A changed pom or checker builds anew, into its own folder. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of [path.join(HERE, 'pom.xml'), SOURCE]) hash.update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The Java class path of the checker, building it first if needed. */
export function ensureVeraPdf(): string {
  const dir = path.join(TOOLS_DIR, 'verapdf', sourceFingerprint());
  const classPath = `${path.join(dir, 'lib')}/*${path.delimiter}${path.join(dir, 'classes')}`;
  if (fs.existsSync(path.join(dir, DONE))) return classPath;
  buildFolderOnce(dir, DONE, (building) => {
    const lib = path.join(building, 'lib');
    run('mvn', ['-q', '-B', '-f', 'pom.xml', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`]);
    run('javac', ['-cp', `${lib}/*`, '-d', path.join(building, 'classes'), SOURCE]);
    fs.writeFileSync(path.join(building, DONE), '');
  });
  return classPath;
}
