import type { FlowNodeKind } from '../workflows/graph/types';
import { children, child, extensionsOfType, is, text, type ModdleElement } from './moddle';

/**
 * One executable process prepared for the rules: its top-level flow elements plus incoming and
 * outgoing flows computed from the sequence flows themselves (the optional `<bpmn:incoming>` /
 * `<bpmn:outgoing>` children of the XML are not trusted).
 */
export interface ProcessView {
  process: ModdleElement;
  /** The process id, or `definitions` when the process has none. */
  id: string;
  /** Top-level flow elements, in document order. */
  elements: ModdleElement[];
  nodes: ModdleElement[];
  flows: ModdleElement[];
  incoming(node: ModdleElement): ModdleElement[];
  outgoing(node: ModdleElement): ModdleElement[];
  /** Nodes a token can move to next: flow targets, plus boundary events attached to an activity. */
  successors(node: ModdleElement): ModdleElement[];
  /** The inverse of successors. */
  predecessors(node: ModdleElement): ModdleElement[];
  /** zeebe:userTaskForm bodies by form id. */
  forms: Map<string, string | undefined>;
}

export function buildProcessView(process: ModdleElement): ProcessView {
  const elements = children(process, 'flowElements');
  const nodes = elements.filter((e) => is(e, 'bpmn:FlowNode'));
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const nodeSet = new Set(nodes);
  const incoming = new Map<ModdleElement, ModdleElement[]>();
  const outgoing = new Map<ModdleElement, ModdleElement[]>();
  for (const flow of flows) {
    const source = child(flow, 'sourceRef');
    const target = child(flow, 'targetRef');
    // A flow with a dangling end joins no node here; flow-references reports it.
    if (!source || !target || !nodeSet.has(source) || !nodeSet.has(target)) continue;
    push(outgoing, source, flow);
    push(incoming, target, flow);
  }
  const successors = new Map<ModdleElement, ModdleElement[]>();
  const predecessors = new Map<ModdleElement, ModdleElement[]>();
  for (const [source, flows] of outgoing) {
    for (const flow of flows) link(successors, predecessors, source, child(flow, 'targetRef') as ModdleElement);
  }
  for (const node of nodes) {
    const host = node.$type === 'bpmn:BoundaryEvent' ? child(node, 'attachedToRef') : undefined;
    if (host && nodeSet.has(host)) link(successors, predecessors, host, node);
  }
  const forms = new Map<string, string | undefined>();
  for (const form of extensionsOfType(process, 'zeebe:UserTaskForm')) {
    const id = text(form, 'id');
    if (id !== undefined) forms.set(id, text(form, 'body'));
  }
  return {
    process,
    id: process.id ?? 'definitions',
    elements,
    nodes,
    flows,
    incoming: (node) => incoming.get(node) ?? [],
    outgoing: (node) => outgoing.get(node) ?? [],
    successors: (node) => successors.get(node) ?? [],
    predecessors: (node) => predecessors.get(node) ?? [],
    forms,
  };
}

/** Event definitions given inline or by reference to a global definition. */
export function eventDefinitions(node: ModdleElement): ModdleElement[] {
  return [...children(node, 'eventDefinitions'), ...children(node, 'eventDefinitionRefs')];
}

/** The graph kind this engine executes the node as, or undefined when it cannot execute it. */
export function supportedKind(node: ModdleElement): FlowNodeKind | undefined {
  switch (node.$type) {
    case 'bpmn:StartEvent':
      return eventDefinitions(node).length === 0 ? 'startEvent' : undefined;
    case 'bpmn:EndEvent':
      return eventDefinitions(node).length === 0 ? 'endEvent' : undefined;
    case 'bpmn:UserTask':
      return 'userTask';
    case 'bpmn:ServiceTask':
      return 'serviceTask';
    case 'bpmn:ScriptTask':
      return 'scriptTask';
    case 'bpmn:ManualTask':
      return 'manualTask';
    case 'bpmn:IntermediateThrowEvent':
      return eventDefinitions(node).length === 0 ? 'intermediateThrowEvent' : undefined;
    case 'bpmn:ExclusiveGateway':
      return 'exclusiveGateway';
    case 'bpmn:ParallelGateway':
      return 'parallelGateway';
    default:
      return undefined;
  }
}


// helpers //////////

function link(
  successors: Map<ModdleElement, ModdleElement[]>,
  predecessors: Map<ModdleElement, ModdleElement[]>,
  from: ModdleElement,
  to: ModdleElement,
): void {
  push(successors, from, to);
  push(predecessors, to, from);
}

function push(map: Map<ModdleElement, ModdleElement[]>, key: ModdleElement, value: ModdleElement): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
