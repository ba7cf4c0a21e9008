import type { FlowNodeKind } from '../../workflows/graph/types';
import { extensions, type ModdleElement } from '../moddle';
import { describe, error, warning, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'unsupported-extension';

/** `use`: the engine reads it; `ignore`: harmless metadata the engine does not act on (warning). */
type Handling = 'use' | 'ignore';
type Scope = FlowNodeKind | 'process' | 'sequenceFlow';

const HANDLED: Record<Scope, Record<string, Handling>> = {
  process: { 'zeebe:VersionTag': 'use', 'zeebe:UserTaskForm': 'use', 'zeebe:Properties': 'ignore', 'zeebe:JobPriorityDefinition': 'ignore' },
  startEvent: { 'zeebe:FormDefinition': 'use', 'zeebe:Properties': 'use' },
  endEvent: { 'zeebe:Properties': 'use' },
  userTask: {
    'zeebe:AssignmentDefinition': 'use',
    'zeebe:FormDefinition': 'use',
    'zeebe:TaskHeaders': 'use',
    'zeebe:Properties': 'use',
    // marks a "Camunda user task" in Camunda 8; this engine has only one kind of user task
    'zeebe:UserTask': 'use',
    'zeebe:PriorityDefinition': 'ignore',
  },
  serviceTask: { 'zeebe:TaskDefinition': 'use', 'zeebe:TaskHeaders': 'use', 'zeebe:Properties': 'use' },
  exclusiveGateway: { 'zeebe:Properties': 'use' },
  parallelGateway: { 'zeebe:Properties': 'use' },
  scriptTask: { 'zeebe:Script': 'use', 'zeebe:Properties': 'use' },
  manualTask: { 'zeebe:Properties': 'use' },
  intermediateThrowEvent: { 'zeebe:Properties': 'use' },
  sequenceFlow: { 'zeebe:Properties': 'ignore' },
};

/**
 * zeebe extensions change what an element does (input/output mappings, listeners, schedules…), so
 * any the engine does not execute is an error. Other vendors' extensions are ignored with a warning.
 */
export const supportedExtensions: ProcessRule = {
  name: RULE,
  check(view) {
    const problems = check(view.process, 'process', view.id);
    for (const element of view.elements) {
      const scope = element.$type === 'bpmn:SequenceFlow' ? 'sequenceFlow' : supportedKind(element);
      // unsupported elements are reported by unsupported-element; their extensions do not matter
      if (scope) problems.push(...check(element, scope, view.id));
    }
    return problems;
  },
};


// helpers //////////

function check(element: ModdleElement, scope: Scope, fallbackId: string): Problem[] {
  const problems: Problem[] = [];
  const id = element.id ?? fallbackId;
  const seen = new Set<string>();
  for (const extension of extensions(element)) {
    if (seen.has(extension.$type)) continue; // one problem per kind of extension and element
    seen.add(extension.$type);
    const handling = HANDLED[scope][extension.$type];
    const what = `<${extension.$type} /> on ${describe(element)}`;
    if (handling === 'use') continue;
    if (handling === 'ignore') {
      problems.push(warning(RULE, id, `${what} is ignored by this engine`));
    } else if (extension.$type.startsWith('zeebe:')) {
      problems.push(error(RULE, id, `${what} is not supported by this engine yet`));
    } else {
      problems.push(warning(RULE, id, `${what} belongs to another tool and is ignored`));
    }
  }
  return problems;
}
