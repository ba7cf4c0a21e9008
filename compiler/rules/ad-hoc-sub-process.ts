import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import { adHocSettings } from '../zeebe';
import type { ProcessRule } from './rule';

const RULE = 'ad-hoc-sub-process';

/**
 * Ad-hoc sub-processes as Camunda 8.7 runs them: parallel ordering, at most one zeebe:adHoc, the
 * elements to start given by its activeElementsCollection (FEEL; feel-syntax checks it). What
 * Camunda 8.8 adds for AI agents (outputCollection / outputElement, a job worker deciding the
 * elements) is not supported yet and is refused rather than ignored.
 */
export const adHocSubProcessRule: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes.filter((n) => supportedKind(n) === 'adHocSubProcess')) {
      const report = (message: string) => problems.push(error(RULE, node.id ?? view.id, message));
      const settings = adHocSettings(node);
      if (settings.length > 1) report(`${describe(node)} has more than one zeebe:adHoc`);
      const [adHoc] = settings;
      if (adHoc?.outputCollection !== undefined || adHoc?.outputElement !== undefined) {
        report(`${describe(node)} collects outputs (outputCollection / outputElement), which this engine does not support yet`);
      }
      if (node.ordering === 'Sequential') report(`${describe(node)} has sequential ordering; this engine (as Camunda 8) runs the started elements in parallel`);
    }
    return problems;
  },
};
