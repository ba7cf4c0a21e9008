import { linkName, triggerType } from '../events';
import type { ModdleElement } from '../moddle';
import { describe, error, type Problem } from '../problem';
import { describeScope, supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'link-events';

/**
 * Link events are a go-to within one scope: each throw link event jumps to the one catch link event
 * of the same name in its scope. Catch link events have no incoming flows and distinct names; throw
 * link events have no outgoing flows (the token continues at the catch event).
 */
export const linkEvents: ProcessRule = {
  name: RULE,
  check(view) {
    const problems: Problem[] = [];
    for (const scope of view.scopes) {
      const report = (node: ModdleElement, message: string) => problems.push(error(RULE, node.id ?? view.id, message));
      const links = scope.nodes.filter((n) => supportedKind(n) && triggerType(n) === 'link');
      const catches = links.filter((n) => n.$type === 'bpmn:IntermediateCatchEvent');
      const throws = links.filter((n) => n.$type === 'bpmn:IntermediateThrowEvent');
      const byName = new Map<string, ModdleElement[]>();
      for (const node of links) {
        const name = linkName(node);
        if (name === undefined) report(node, `link event ${describe(node)} has no link name`);
        else if (node.$type === 'bpmn:IntermediateCatchEvent') byName.set(name, [...(byName.get(name) ?? []), node]);
      }
      for (const node of catches) {
        if (view.incoming(node).length > 0) report(node, `catch link event ${describe(node)} has incoming sequence flows; it is entered only through its throw link events`);
        const name = linkName(node);
        const same = name === undefined ? [] : (byName.get(name) ?? []);
        if (same.length > 1 && same[0] !== node) report(node, `catch link event ${describe(node)} has the same link name "${name}" as ${describe(same[0])} in ${describeScope(scope)}`);
      }
      for (const node of throws) {
        const name = linkName(node);
        if (view.outgoing(node).length > 0) report(node, `throw link event ${describe(node)} has outgoing sequence flows; the token continues at the catch link event instead`);
        if (name !== undefined && !byName.has(name)) report(node, `throw link event ${describe(node)} jumps to link "${name}", but ${describeScope(scope)} has no catch link event of that name`);
      }
    }
    return problems;
  },
};

