import { describe, error, type Problem } from '../problem';
import { isActivityKind, supportedKind } from '../process-view';
import { ioMappings, type Mapping } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'io-mapping';

/** A variable name, or a path into a context (`applicant.email`), as zeebe targets allow. */
const TARGET = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Every zeebe:input and zeebe:output of an activity has a source (`=FEEL` or a literal; feel-syntax
 * checks the FEEL) and a target that is a variable name or a dotted path into one.
 */
export const ioMapping: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => isActivityKind(supportedKind(n)))) {
      const { inputs, outputs } = ioMappings(node);
      const check = (mapping: Mapping, entry: string) => {
        const message = mappingProblem(mapping);
        if (message) problems.push(error(RULE, node.id ?? view.id, `${entry} of ${describe(node)} ${message}`));
      };
      inputs.forEach((m, i) => check(m, `zeebe:input ${i + 1}`));
      outputs.forEach((m, i) => check(m, `zeebe:output ${i + 1}`));
    }
    return problems;
  },
};

function mappingProblem({ source, target }: Mapping): string | undefined {
  if (!source?.trim()) return 'has no source';
  const name = target?.trim() ?? '';
  if (name === '') return 'has no target';
  if (!TARGET.test(name)) return `has target "${name}", which is not a variable name or a dotted path of names`;
  return undefined;
}
