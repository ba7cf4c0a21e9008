/**
 * `npm run bpmn -- check PATH...`: BPMN files (and folders of them) judged exactly as a deploy
 * would, in one process, so a folder of models pays the tool's start-up once. The .dmn files beside
 * a model are the decisions it may call; one that cannot be read blocks only the models that call a
 * decision nobody else defines, and is named with them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileBpmn, type Problem } from '../../compiler';
import { compileDmn, mergeDecisions, type DecisionFile } from '../../compiler/dmn';
import { definitionDataCompileOptions } from '../../activities/definition-data';

/** An error: `<elementId> <rule> <message>`; a warning: the same with `warning` as a field of its own first. */
export const problemLine = (p: Problem): string => `${p.severity === 'warning' ? 'warning ' : ''}${p.elementId} ${p.rule} ${p.message}`;

export interface ModelVerdict {
  file: string;
  deployable: boolean;
  /** Process ids a deploy would create versions of. */
  processes: string[];
  /** Errors first, then warnings, each as `problemLine` prints it. */
  lines: string[];
  /** The file could not be read (exit 2 for a single file). */
  unreadable?: boolean;
}

/** The .bpmn files named: files as given, folders searched (sorted, depth first). */
export function expandModelPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.bpmn')) files.push(full);
    }
  };
  for (const p of paths) {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (stat?.isDirectory()) walk(p);
    else if (stat) files.push(p);
    else missing.push(p);
  }
  return { files, missing };
}

interface DmnFolder {
  decisions: DecisionFile[];
  /** DMN files that do not compile, with their problems. */
  broken: { file: string; problems: Problem[] }[];
  /** A clash between readable files (two define one decision id): blocks every model beside them. */
  clash: Problem[];
}

const dmnCache = new Map<string, Promise<DmnFolder>>();

/** The decisions beside a model: .dmn files in its folder and in a decisions/ folder beside it (as in definitions/). */
function dmnBeside(file: string): Promise<DmnFolder> {
  const dir = path.dirname(path.resolve(file));
  let folder = dmnCache.get(dir);
  if (!folder) {
    folder = readDmnFolder(dir);
    dmnCache.set(dir, folder);
  }
  return folder;
}

async function readDmnFolder(dir: string): Promise<DmnFolder> {
  const dirs = [dir, path.join(dir, 'decisions')].filter((d) => fs.existsSync(d));
  const decisions: DecisionFile[] = [];
  const broken: DmnFolder['broken'] = [];
  for (const d of dirs) {
    for (const name of fs.readdirSync(d).filter((f) => f.endsWith('.dmn')).sort()) {
      const rel = path.relative(dir, path.join(d, name));
      const compiled = await compileDmn(fs.readFileSync(path.join(d, name), 'utf8'));
      if (compiled.ok) decisions.push({ file: rel, decisions: compiled.decisions });
      else broken.push({ file: rel, problems: compiled.problems });
    }
  }
  const merged = mergeDecisions(...decisions);
  return { decisions, broken, clash: merged.ok ? [] : merged.problems };
}

export async function checkModel(file: string): Promise<ModelVerdict> {
  const verdict = (deployable: boolean, lines: string[], processes: string[] = []): ModelVerdict => ({ file, deployable, processes, lines });
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { ...verdict(false, [`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]), unreadable: true };
  }
  try {
    const dmn = await dmnBeside(file);
    if (dmn.clash.length) return verdict(false, dmn.clash.map(problemLine));
    const merged = mergeDecisions(...dmn.decisions);
    const result = await compileBpmn(xml, { decisions: merged.ok ? merged.decisions : {}, ...definitionDataCompileOptions() });
    if (result.ok) return verdict(true, result.warnings.map(problemLine), result.processes.map((p) => p.processId));
    const errors = result.problems.filter((p) => p.severity !== 'warning');
    const lines = [...errors, ...result.problems.filter((p) => p.severity === 'warning')].map(problemLine);
    // a decision no readable file defines may be in one that does not compile: name those too
    if (dmn.broken.length && errors.some((p) => p.rule === 'called-decision')) {
      for (const b of dmn.broken) lines.push(...b.problems.map((p) => `${problemLine(p)} (${b.file})`));
    }
    return verdict(false, lines);
  } catch (err) {
    // a compiler bug must still be one line, never a stack trace
    return verdict(false, [`${path.basename(file)} internal-error the check failed: ${err instanceof Error ? err.message : String(err)}`]);
  }
}
