import type { FlowNodeKind } from '../../workflows/graph/types';
import { eventDefinitions, messageOf } from '../events';
import { child, extensions, type ModdleElement } from '../moddle';
import { describe, error, warning, type Problem } from '../problem';
import { supportedKind } from '../process-view';
import type { ProcessRule } from './rule';

const RULE = 'unsupported-extension';

/** `use`: the engine reads it; `ignore`: harmless metadata the engine does not act on (warning). */
type Handling = 'use' | 'ignore';
/** Where an extension sits: a node (by graph kind) or one of the other elements that carry them. */
type Scope = FlowNodeKind | 'process' | 'sequenceFlow' | 'multiInstance' | 'message' | 'eventDefinition';

/** Every flow node may carry execution listeners (runtime/execution-listeners.ts). */
const PROPERTIES = { 'zeebe:Properties': 'use', 'zeebe:ExecutionListeners': 'use' } as const;
/** Activities run the job / script / call with local input variables and copy outputs back. */
const ACTIVITY = { ...PROPERTIES, 'zeebe:IoMapping': 'use' } as const;
/** Events map what they deliver (outputs) or send (inputs); rules/io-mapping.ts says which event may have which. */
const EVENT = { ...PROPERTIES, 'zeebe:IoMapping': 'use' } as const;

const HANDLED: Record<Scope, Record<string, Handling>> = {
  process: { 'zeebe:VersionTag': 'use', 'zeebe:UserTaskForm': 'use', 'ito:StartedBy': 'use', 'ito:DecisionTime': 'use', 'zeebe:Properties': 'ignore', 'zeebe:JobPriorityDefinition': 'ignore' },
  startEvent: { ...EVENT, 'zeebe:FormDefinition': 'use', 'ito:WorkingDays': 'use' },
  endEvent: { ...EVENT, 'ito:Publish': 'use' },
  intermediateThrowEvent: { ...EVENT, 'ito:Publish': 'use' },
  intermediateCatchEvent: { ...EVENT, 'ito:WorkingDays': 'use' },
  boundaryEvent: { ...EVENT, 'ito:WorkingDays': 'use' },
  userTask: {
    ...ACTIVITY,
    'zeebe:AssignmentDefinition': 'use',
    'zeebe:FormDefinition': 'use',
    'zeebe:TaskHeaders': 'use',
    // marks a "Camunda user task" in Camunda 8; this engine has only one kind of user task
    'zeebe:UserTask': 'use',
    'zeebe:PriorityDefinition': 'use',
    'zeebe:TaskSchedule': 'use',
    'ito:TaskSla': 'use',
    'ito:FourEyes': 'use',
  },
  // service tasks, and send / business rule tasks and message throw events run by a job worker
  serviceTask: { ...ACTIVITY, 'zeebe:TaskDefinition': 'use', 'zeebe:TaskHeaders': 'use', 'zeebe:JobPriorityDefinition': 'ignore', 'ito:Execution': 'use' },
  scriptTask: { ...ACTIVITY, 'zeebe:Script': 'use' },
  manualTask: ACTIVITY,
  sendTask: { ...ACTIVITY, 'ito:Publish': 'use' },
  receiveTask: ACTIVITY,
  businessRuleTask: { ...ACTIVITY, 'zeebe:CalledDecision': 'use' },
  callActivity: { ...ACTIVITY, 'zeebe:CalledElement': 'use' },
  subProcess: ACTIVITY,
  adHocSubProcess: { ...ACTIVITY, 'zeebe:AdHoc': 'use' },
  eventSubProcess: { ...PROPERTIES, 'zeebe:IoMapping': 'use' },
  exclusiveGateway: PROPERTIES,
  parallelGateway: PROPERTIES,
  inclusiveGateway: PROPERTIES,
  eventBasedGateway: PROPERTIES,
  sequenceFlow: { 'zeebe:Properties': 'ignore' },
  multiInstance: { 'zeebe:LoopCharacteristics': 'use' },
  message: { 'zeebe:Subscription': 'use' },
  eventDefinition: {},
};

/**
 * zeebe extensions change what an element does (listeners, ad-hoc settings, linked resources…), so
 * any the engine does not execute is an error, and so is an `ito` extension where the engine does
 * not read it. Other vendors' extensions are ignored with a warning.
 */
export const supportedExtensions: ProcessRule = {
  name: RULE,
  check(view) {
    const problems = check(view.process, 'process', view.id);
    for (const element of view.elements) {
      const kind = element.$type === 'bpmn:SequenceFlow' ? 'sequenceFlow' : supportedKind(element);
      // unsupported elements are reported by unsupported-element; their extensions do not matter
      if (!kind) continue;
      const id = element.id ?? view.id;
      problems.push(...check(element, kind, id));
      const loop = child(element, 'loopCharacteristics');
      if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') problems.push(...check(loop, 'multiInstance', id, element));
      for (const definition of eventDefinitions(element)) problems.push(...check(definition, 'eventDefinition', id, element));
      const message = messageOf(element);
      if (message) problems.push(...check(message, 'message', id, element));
    }
    return problems;
  },
};


// helpers //////////

/** `owner`: the flow element a nested element (loop, event definition, message) belongs to. */
function check(element: ModdleElement, scope: Scope, id: string, owner?: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const extension of extensions(element)) {
    if (seen.has(extension.$type)) continue; // one problem per kind of extension and element
    seen.add(extension.$type);
    const handling = HANDLED[scope][extension.$type];
    const where = owner ? `${describe(element)} of ${describe(owner)}` : describe(element);
    const what = `<${extension.$type} /> on ${where}`;
    if (handling === 'use') continue;
    if (handling === 'ignore') {
      problems.push(warning(RULE, id, `${what} is ignored by this engine`));
    } else if (extension.$type.startsWith('zeebe:')) {
      problems.push(error(RULE, id, `${what} is not supported by this engine yet`));
    } else if (extension.$type.startsWith('ito:')) {
      problems.push(error(RULE, id, `${what} has no effect there; see compiler/README.md for where each ito extension belongs`));
    } else {
      problems.push(warning(RULE, id, `${what} belongs to another tool and is ignored`));
    }
  }
  return problems;
}
