import { children, type ModdleElement } from '../moddle';
import { DEFINITIONS_ID, describe, error, warning, type Problem } from '../problem';
import type { DefinitionsRule } from './rule';

const RULE = 'no-executable-process';

export function processesOf(definitions: ModdleElement): ModdleElement[] {
  return children(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
}

export function isExecutable(process: ModdleElement): boolean {
  return process.isExecutable === true;
}

/** A file must contain an executable process; non-executable ones are skipped with a warning. */
export const noExecutableProcess: DefinitionsRule = {
  name: RULE,
  check(definitions) {
    const processes = processesOf(definitions);
    const problems: Problem[] = processes
      .filter((p) => !isExecutable(p))
      .map((p) => warning(RULE, p.id ?? DEFINITIONS_ID, `${describe(p)} is not executable (isExecutable is not true) and is skipped`));
    if (!processes.some(isExecutable)) {
      const detail = processes.length === 0 ? 'contains no process' : 'has no process with isExecutable="true"';
      problems.push(error(RULE, definitions.id ?? DEFINITIONS_ID, `nothing to deploy: ${describe(definitions)} ${detail}`));
    }
    return problems;
  },
};
