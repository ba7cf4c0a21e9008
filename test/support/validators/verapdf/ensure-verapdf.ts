/**
 * veraPDF (the PDF/A validator, Maven Central org.verapdf:validation-model) with a tiny Java
 * front end (VeraPdfCheck.java), built on first use into .tools/verapdf/ with mvn and javac
 * (both needed: java 17, maven); skipped when that build is already there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const HERE = __dirname;
const PROJECT_ROOT = path.resolve(HERE, '../../../..');
export const VERAPDF_HOME = path.join(PROJECT_ROOT, '.tools', 'verapdf');
const SOURCE = path.join(HERE, 'src', 'main', 'java', 'ito', 'verapdf', 'VeraPdfCheck.java');
/** Rebuilt when the pom or the Java source change. */
const STAMP = path.join(VERAPDF_HOME, 'built-from');

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { cwd: HERE, encoding: 'utf8', timeout: 600_000 });
  if (result.error) throw new Error(`${cmd} could not run (${result.error.message}): veraPDF needs java 17 and maven`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

function sourceStamp(): string {
  return [path.join(HERE, 'pom.xml'), SOURCE].map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

/** The Java class path of the checker, building it first if needed. */
export function ensureVeraPdf(): string {
  const lib = path.join(VERAPDF_HOME, 'lib');
  const classes = path.join(VERAPDF_HOME, 'classes');
  const stamp = sourceStamp();
  if (!fs.existsSync(STAMP) || fs.readFileSync(STAMP, 'utf8') !== stamp) {
    fs.rmSync(VERAPDF_HOME, { recursive: true, force: true });
    run('mvn', ['-q', '-B', '-f', 'pom.xml', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`]);
    run('javac', ['-cp', `${lib}/*`, '-d', classes, SOURCE]);
    fs.writeFileSync(STAMP, stamp);
  }
  return `${lib}/*${path.delimiter}${classes}`;
}
