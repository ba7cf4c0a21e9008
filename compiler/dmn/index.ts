import type { CompiledDecision } from '../../workflows/graph/types';
import { children, text } from '../moddle';
import { DEFINITIONS_ID, error, hasErrors, type Problem } from '../problem';
import { compileDecision } from './compile-decision';
import { readDmn, type ReadDmnOptions } from './read-dmn';

export type { ReadDmnOptions as CompileDmnOptions } from './read-dmn';

export type CompileDmnResult =
  | { ok: true; decisions: CompiledDecision[]; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

/**
 * DMN XML (1.1 to 1.5) → one CompiledDecision per decision table in the file, for business-rule
 * tasks to carry in their graph. Problems are collected, never thrown, as in compileBpmn: the
 * result is `ok: false` with every problem found when any of them is an error.
 */
export async function compileDmn(xml: string, options: ReadDmnOptions = {}): Promise<CompileDmnResult> {
  try {
    return await compile(xml, options);
  } catch (err) {
    // a compiler bug or a broken environment (e.g. the parse worker cannot start): still an answer
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [error('internal-error', DEFINITIONS_ID, `the decision compiler failed: ${reason}`)] };
  }
}

/** One compiled .dmn file of a deployment; `file` names it in problems. */
export interface DecisionFile {
  file: string;
  decisions: CompiledDecision[];
}

/**
 * The decisions of several compiled files as one deployment, by decision id (the shape
 * compileBpmn's `decisions` option takes). Ids must be unique across the deployment, because a
 * business-rule task names its decision by id alone.
 */
export function mergeDecisions(...files: DecisionFile[]): { ok: true; decisions: Record<string, CompiledDecision> } | { ok: false; problems: Problem[] } {
  const firstFile = new Map<string, string>();
  const problems: Problem[] = [];
  const entries: Array<[string, CompiledDecision]> = [];
  for (const { file, decisions } of files) {
    for (const decision of decisions) {
      const { decisionId } = decision;
      const first = firstFile.get(decisionId);
      if (first === undefined) {
        firstFile.set(decisionId, file);
        entries.push([decisionId, decision]);
      } else {
        const where = first === file ? `twice in ${file}` : `in ${first} and in ${file}`;
        problems.push(error('duplicate-decision', decisionId, `decision id "${decisionId}" is used ${where}; decision ids must be unique in a deployment`));
      }
    }
  }
  // fromEntries defines own properties, so even an id such as "__proto__" stays an ordinary key
  return problems.length > 0 ? { ok: false, problems } : { ok: true, decisions: Object.fromEntries(entries) };
}

// helpers //////////

async function compile(xml: string, options: ReadDmnOptions): Promise<CompileDmnResult> {
  const read = await readDmn(xml, options);
  if (!read.ok) return read;
  const { definitions } = read;
  const problems: Problem[] = [...read.warnings];
  const decisions: CompiledDecision[] = [];
  const language = text(definitions, 'expressionLanguage');
  const found = children(definitions, 'drgElement').filter((e) => e.$type === 'dmn:Decision');
  if (found.length === 0) problems.push(error('no-decision', definitions.id ?? DEFINITIONS_ID, 'the file has no decision'));
  const requirements = new Map<string, string[]>();
  for (const element of found) {
    const compiled = compileDecision(element, language);
    problems.push(...compiled.problems);
    if (compiled.decision) {
      decisions.push(compiled.decision);
      requirements.set(compiled.decision.decisionId, compiled.requires);
    }
  }
  if (hasErrors(problems)) return { ok: false, problems };
  const linked = linkRequirements(decisions, requirements);
  if (!linked.ok) return linked;
  return { ok: true, decisions: linked.decisions, warnings: problems };
}

/**
 * Each decision with the decisions it requires nested in it (a decision requirements graph is one
 * file, as in Camunda 8). An unknown required id, or a decision that requires itself through others,
 * is an error naming the decision.
 */
function linkRequirements(decisions: CompiledDecision[], requirements: ReadonlyMap<string, string[]>): { ok: true; decisions: CompiledDecision[] } | { ok: false; problems: Problem[] } {
  const byId = new Map(decisions.map((d) => [d.decisionId, d]));
  const problems: Problem[] = [];
  for (const [id, required] of requirements) {
    for (const r of required) if (!byId.has(r)) problems.push(error('dmn-required-decision', id, `decision "${id}" requires decision "${r}", which is not in this file; a decision requirements graph must be in one file`));
  }
  if (problems.length) return { ok: false, problems };
  const linked = new Map<string, CompiledDecision>();
  const link = (id: string, path: string[]): CompiledDecision | undefined => {
    if (path.includes(id)) {
      problems.push(error('dmn-required-decision', path[0], `decision "${path[0]}" requires itself through ${[...path.slice(1), id].map((d) => `"${d}"`).join(' → ')}`));
      return undefined;
    }
    const done = linked.get(id);
    if (done) return done;
    const own = byId.get(id)!;
    const required = (requirements.get(id) ?? []).map((r) => link(r, [...path, id]));
    if (required.some((r) => r === undefined)) return undefined;
    const decision = required.length ? { ...own, required: required as CompiledDecision[] } : own;
    linked.set(id, decision);
    return decision;
  };
  const result = decisions.map((d) => link(d.decisionId, []));
  if (problems.length || result.some((d) => d === undefined)) return { ok: false, problems: dedupe(problems) };
  return { ok: true, decisions: result as CompiledDecision[] };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.elementId + p.message) && seen.add(p.elementId + p.message));
}
