import { definitionType, eventDefinition } from '../events';
import { child, text } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'signal-events';

/** A signal event refers to a bpmn:signal with a fixed name (signals are broadcast by name). */
export const signalEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const node of view.nodes) {
      const definition = eventDefinition(node);
      if (!supportedKind(node) || !definition || definitionType(definition) !== 'signal') continue;
      const report = (message: string) => problems.push(error(RULE, node.id ?? view.id, message));
      const signal = child(definition, 'signalRef');
      const name = signal ? text(signal, 'name')?.trim() : undefined;
      if (!signal) report(`${describe(node)} has no signal; refer to a <bpmn:signal> with a name`);
      else if (!name) report(`signal ${describe(signal)} used by ${describe(node)} has no name`);
      else if (name.startsWith('=')) report(`the name of signal ${describe(signal)} used by ${describe(node)} is a feel expression, which is not supported yet; use a fixed name`);
    }
    return problems;
  },
};
