/**
 * Test-only: the EU DSS command-line validator (pom.xml and src/ beside this file), built with
 * Maven into .tools/dss/<fingerprint of the sources>/ on first use and reused after that. A changed
 * pom or program builds anew under a new fingerprint. Builds go to a temporary folder renamed into
 * place, so two test workers building at once both end with a complete build.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildFolderOnce, runInstallStep, TOOLS_DIR } from '../install-step';

const SOURCE_DIR = __dirname;
const BUILD_TIMEOUT_MS = 20 * 60_000;
/** Maven's own HTTP timeouts (ms), so a network that does not answer fails the build instead of stalling it for 30 min. */
const MAVEN_NETWORK_FLAGS = ['-Dmaven.wagon.rto=60000', '-Dmaven.wagon.httpconnectionManager.ttlSeconds=60', '-Dmaven.wagon.http.retryHandler.count=2'];
const MAIN_CLASS = 'ir.ito.validators.dss.ValidatePdf';

export interface DssTool {
  /** `java` arguments before the program's own: the class path and the main class. */
  javaArgs: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : [file];
  });
}

/** SHA-256 over the pom and the Java sources (names and contents): the build's folder name. */
export function dssSourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of [path.join(SOURCE_DIR, 'pom.xml'), ...sourceFiles(path.join(SOURCE_DIR, 'src')).sort()]) {
    hash.update(path.relative(SOURCE_DIR, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const toolOf = (dir: string): DssTool => ({ javaArgs: ['-cp', `${path.join(dir, 'dss-validate.jar')}${path.delimiter}${path.join(dir, 'lib', '*')}`, MAIN_CLASS] });

/** The built validator, building it first when this version of the sources has not been built yet. */
export function ensureDssValidator(log: (message: string) => void = console.log): DssTool {
  const dir = path.join(TOOLS_DIR, 'dss', dssSourceFingerprint());
  if (fs.existsSync(path.join(dir, 'dss-validate.jar'))) return toolOf(dir);

  buildFolderOnce(dir, 'dss-validate.jar', (building) => {
    runInstallStep({
      label: 'building the EU DSS validator (first time: Maven downloads about 25 MB, a few minutes)',
      command: 'mvn',
      args: ['-B', '--no-transfer-progress', ...MAVEN_NETWORK_FLAGS, '-f', path.join(SOURCE_DIR, 'pom.xml'), `-Ddss.buildDir=${building}`, '-Dmaven.test.skip=true', 'package'],
      timeoutMs: BUILD_TIMEOUT_MS,
      hint: 'The first build downloads EU DSS (eu.europa.ec.joinup.sd-dss) from Maven Central: check that it is reachable (or that ~/.m2 already holds it).',
      debianPackage: 'maven',
    }, log);
  });
  return toolOf(dir);
}
