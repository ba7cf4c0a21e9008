import type { FlowNodeKind } from '../workflows/graph/types';
import { eventDefinitions, isEvent, linkName, triggerType } from './events';
import { children, child, extensionsOfType, is, text, type ModdleElement } from './moddle';
import { describe } from './problem';
import { calledDecisions, taskDefinitions } from './zeebe';

/** Sub-processes nested deeper than this are not read (rule scope-depth rejects them). */
export const MAX_SCOPE_DEPTH = 32;

export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess' | 'adHocSubProcess';

/** The process or one embedded / event sub-process: where flows connect and tokens start. */
export interface Scope {
  kind: ScopeKind;
  /** The bpmn:Process or bpmn:SubProcess. */
  element: ModdleElement;
  /** Flow elements directly inside the scope, in document order. */
  elements: ModdleElement[];
  nodes: ModdleElement[];
  flows: ModdleElement[];
  /** 0 for the process, 1 for a sub-process directly inside it, and so on. */
  depth: number;
}

/**
 * One executable process prepared for the rules: the flow elements of every scope (the process
 * and the embedded and event sub-processes inside it) plus incoming and outgoing flows computed
 * from the sequence flows themselves (the optional `<bpmn:incoming>` / `<bpmn:outgoing>` children
 * of the XML are not trusted). A flow joins two nodes only when both lie in the flow's own scope.
 */
export interface ProcessView {
  process: ModdleElement;
  /** The process id, or `definitions` when the process has none. */
  id: string;
  /** The process scope first, then every sub-process scope, depth first in document order. */
  scopes: Scope[];
  /** Flow elements of every scope. */
  elements: ModdleElement[];
  nodes: ModdleElement[];
  flows: ModdleElement[];
  /** The scope that directly contains a flow element. */
  scopeOf(element: ModdleElement): Scope;
  /** The scope a sub-process opens, or undefined (not a sub-process, or nested too deep to read). */
  scopeOpenedBy(subProcess: ModdleElement): Scope | undefined;
  /** Sub-processes whose content was not read because they are nested deeper than MAX_SCOPE_DEPTH. */
  tooDeep: ModdleElement[];
  incoming(node: ModdleElement): ModdleElement[];
  outgoing(node: ModdleElement): ModdleElement[];
  /** Boundary events attached to an activity of the same scope. */
  boundaryEvents(activity: ModdleElement): ModdleElement[];
  /**
   * Nodes a token can move to next: flow targets, boundary events attached to an activity, and
   * the catch link event a throw link event jumps to.
   */
  successors(node: ModdleElement): ModdleElement[];
  /** The inverse of successors. */
  predecessors(node: ModdleElement): ModdleElement[];
  /** Flow nodes joined to this one by a bpmn:Association (either direction; compensation handlers). */
  associated(node: ModdleElement): ModdleElement[];
  /** zeebe:userTaskForm bodies by form id. */
  forms: Map<string, string | undefined>;
}

export function buildProcessView(process: ModdleElement): ProcessView {
  const { scopes, tooDeep } = readScopes(process);
  const scopeOf = new Map<ModdleElement, Scope>();
  const opened = new Map<ModdleElement, Scope>();
  for (const scope of scopes) {
    for (const element of scope.elements) scopeOf.set(element, scope);
    if (scope.kind !== 'process') opened.set(scope.element, scope);
  }

  const incoming = new Map<ModdleElement, ModdleElement[]>();
  const outgoing = new Map<ModdleElement, ModdleElement[]>();
  const boundaries = new Map<ModdleElement, ModdleElement[]>();
  const successors = new Map<ModdleElement, ModdleElement[]>();
  const predecessors = new Map<ModdleElement, ModdleElement[]>();
  const link = (from: ModdleElement, to: ModdleElement) => {
    push(successors, from, to);
    push(predecessors, to, from);
  };
  for (const scope of scopes) {
    const inScope = new Set(scope.nodes);
    for (const flow of scope.flows) {
      const source = child(flow, 'sourceRef');
      const target = child(flow, 'targetRef');
      // A flow with a dangling or out-of-scope end joins no node here; flow-references reports it.
      if (!source || !target || !inScope.has(source) || !inScope.has(target)) continue;
      push(outgoing, source, flow);
      push(incoming, target, flow);
      link(source, target);
    }
    for (const node of scope.nodes) {
      const host = node.$type === 'bpmn:BoundaryEvent' ? child(node, 'attachedToRef') : undefined;
      if (host && inScope.has(host)) {
        push(boundaries, host, node);
        link(host, node);
      }
    }
    for (const [from, to] of linkJumps(scope)) link(from, to);
  }
  // a compensation boundary event leads to its handler (entered only by compensation)
  const associated = new Map<ModdleElement, ModdleElement[]>();
  for (const scope of scopes) {
    for (const association of children(scope.element, 'artifacts').filter((a) => a.$type === 'bpmn:Association')) {
      const source = child(association, 'sourceRef');
      const target = child(association, 'targetRef');
      if (!source || !target || !scopeOf.has(source) || !scopeOf.has(target)) continue;
      push(associated, source, target);
      push(associated, target, source);
    }
  }
  for (const node of scopes.flatMap((s) => s.nodes)) {
    if (!isCompensationBoundary(node)) continue;
    for (const handler of (associated.get(node) ?? []).filter(isCompensationHandler)) link(node, handler);
  }

  const forms = new Map<string, string | undefined>();
  for (const form of extensionsOfType(process, 'zeebe:UserTaskForm')) {
    const id = text(form, 'id');
    if (id !== undefined) forms.set(id, text(form, 'body'));
  }
  const all = (pick: (scope: Scope) => ModdleElement[]) => scopes.flatMap(pick);
  return {
    process,
    id: process.id ?? 'definitions',
    scopes,
    elements: all((s) => s.elements),
    nodes: all((s) => s.nodes),
    flows: all((s) => s.flows),
    scopeOf: (element) => scopeOf.get(element) ?? scopes[0],
    scopeOpenedBy: (subProcess) => opened.get(subProcess),
    tooDeep,
    incoming: (node) => incoming.get(node) ?? [],
    outgoing: (node) => outgoing.get(node) ?? [],
    boundaryEvents: (activity) => boundaries.get(activity) ?? [],
    successors: (node) => successors.get(node) ?? [],
    predecessors: (node) => predecessors.get(node) ?? [],
    associated: (node) => associated.get(node) ?? [],
    forms,
  };
}

/** The id of the sub-process that directly contains a flow element; undefined at process level. */
export function parentId(view: ProcessView, element: ModdleElement): string | undefined {
  const scope = view.scopeOf(element);
  return scope.kind === 'process' ? undefined : scope.element.id;
}

/** `<bpmn:Process id="p" />`, `embedded sub-process <bpmn:SubProcess id="s" />`, for messages. */
export function describeScope(scope: Scope): string {
  if (scope.kind === 'process') return describe(scope.element);
  return `${scope.kind === 'eventSubProcess' ? 'event sub-process' : scope.kind === 'adHocSubProcess' ? 'ad-hoc sub-process' : 'embedded sub-process'} ${describe(scope.element)}`;
}

/** An activity marked isForCompensation: a compensation handler. */
export function isCompensationHandler(node: ModdleElement): boolean {
  return node.isForCompensation === true;
}

/** A boundary event with a compensation event definition. */
export function isCompensationBoundary(node: ModdleElement): boolean {
  return node.$type === 'bpmn:BoundaryEvent' && eventDefinitions(node).some((d) => d.$type === 'bpmn:CompensateEventDefinition');
}

/** The handlers associated with a compensation boundary event (rules/compensation.ts wants exactly one). */
export function compensationHandlers(view: ProcessView, boundary: ModdleElement): ModdleElement[] {
  return view.associated(boundary).filter(isCompensationHandler);
}

/** Embedded (and event) sub-processes and ad-hoc sub-processes: the containers this engine opens a scope for (not transactions). */
export function isSubProcess(element: ModdleElement): boolean {
  return element.$type === 'bpmn:SubProcess' || element.$type === 'bpmn:AdHocSubProcess';
}

export function isAdHocSubProcess(element: ModdleElement): boolean {
  return element.$type === 'bpmn:AdHocSubProcess';
}

export function isEventSubProcess(element: ModdleElement): boolean {
  return isSubProcess(element) && element.triggeredByEvent === true;
}

/** The graph kind this engine executes the node as, or undefined when it cannot execute it. */
export function supportedKind(node: ModdleElement): FlowNodeKind | undefined {
  if (isEvent(node)) return eventKind(node);
  switch (node.$type) {
    case 'bpmn:UserTask':
      return 'userTask';
    case 'bpmn:ServiceTask':
      return 'serviceTask';
    case 'bpmn:ScriptTask':
      return 'scriptTask';
    case 'bpmn:ManualTask':
    case 'bpmn:Task':
      return 'manualTask';
    case 'bpmn:SendTask':
      return hasJobWorker(node) ? 'serviceTask' : 'sendTask';
    case 'bpmn:ReceiveTask':
      return node.instantiate === true ? undefined : 'receiveTask';
    case 'bpmn:BusinessRuleTask':
      // neither or both: called-decision reports it
      return hasJobWorker(node) && calledDecisions(node).length === 0 ? 'serviceTask' : 'businessRuleTask';
    case 'bpmn:CallActivity':
      return 'callActivity';
    case 'bpmn:SubProcess':
      return node.triggeredByEvent === true ? 'eventSubProcess' : 'subProcess';
    case 'bpmn:AdHocSubProcess':
      return 'adHocSubProcess';
    case 'bpmn:ExclusiveGateway':
      return 'exclusiveGateway';
    case 'bpmn:ParallelGateway':
      return 'parallelGateway';
    case 'bpmn:InclusiveGateway':
      return 'inclusiveGateway';
    case 'bpmn:EventBasedGateway':
      return node.instantiate === true || node.eventGatewayType === 'Parallel' ? undefined : 'eventBasedGateway';
    default:
      return undefined;
  }
}

/** Activities: the nodes that may carry boundary events, io mappings and loops. */
export function isActivityKind(kind: FlowNodeKind | undefined): boolean {
  switch (kind) {
    case 'userTask':
    case 'serviceTask':
    case 'scriptTask':
    case 'manualTask':
    case 'sendTask':
    case 'receiveTask':
    case 'businessRuleTask':
    case 'callActivity':
    case 'subProcess':
    case 'adHocSubProcess':
      return true;
    default:
      return false;
  }
}

/** Gateways whose outgoing flows carry conditions (the default flow excepted). */
export function isConditionalGateway(node: ModdleElement): boolean {
  return node.$type === 'bpmn:ExclusiveGateway' || node.$type === 'bpmn:InclusiveGateway';
}

/** A service, send or business-rule task, or a message throw event, run by a job worker. */
export function hasJobWorker(node: ModdleElement): boolean {
  return taskDefinitions(node).length > 0;
}


// helpers //////////

function eventKind(node: ModdleElement): FlowNodeKind | undefined {
  const trigger = triggerType(node);
  if (trigger === undefined) return undefined;
  switch (node.$type) {
    case 'bpmn:StartEvent':
      return 'startEvent';
    case 'bpmn:IntermediateCatchEvent':
      return 'intermediateCatchEvent';
    case 'bpmn:BoundaryEvent':
      return 'boundaryEvent';
    case 'bpmn:EndEvent':
      // Camunda 8 runs a message end event with a task definition as a job
      return trigger === 'message' && hasJobWorker(node) ? 'serviceTask' : 'endEvent';
    default:
      return trigger === 'message' && hasJobWorker(node) ? 'serviceTask' : 'intermediateThrowEvent';
  }
}

function scopeKindOf(sub: ModdleElement): ScopeKind {
  if (isAdHocSubProcess(sub)) return 'adHocSubProcess';
  return isEventSubProcess(sub) ? 'eventSubProcess' : 'subProcess';
}

/** Reads the process and its embedded, event and ad-hoc sub-processes (not transactions). */
function readScopes(process: ModdleElement): { scopes: Scope[]; tooDeep: ModdleElement[] } {
  const scopes: Scope[] = [];
  const tooDeep: ModdleElement[] = [];
  const pending: Array<{ element: ModdleElement; kind: ScopeKind; depth: number }> = [{ element: process, kind: 'process', depth: 0 }];
  while (pending.length > 0) {
    const { element, kind, depth } = pending.shift() as (typeof pending)[number];
    const elements = children(element, 'flowElements');
    scopes.push({
      kind,
      element,
      elements,
      nodes: elements.filter((e) => is(e, 'bpmn:FlowNode')),
      flows: elements.filter((e) => e.$type === 'bpmn:SequenceFlow'),
      depth,
    });
    const nested = elements.filter(isSubProcess);
    if (depth + 1 > MAX_SCOPE_DEPTH) {
      tooDeep.push(...nested);
      continue;
    }
    // depth first: this scope's sub-processes come before its later siblings
    pending.unshift(...nested.map((sub) => ({ element: sub, kind: scopeKindOf(sub), depth: depth + 1 })));
  }
  return { scopes, tooDeep };
}

/** Throw link event → the one catch link event of the same name in the same scope. */
function linkJumps(scope: Scope): Array<[ModdleElement, ModdleElement]> {
  const catches = new Map<string, ModdleElement[]>();
  for (const node of scope.nodes) {
    const name = node.$type === 'bpmn:IntermediateCatchEvent' ? linkName(node) : undefined;
    if (name !== undefined) push(catches, name, node);
  }
  const jumps: Array<[ModdleElement, ModdleElement]> = [];
  for (const node of scope.nodes) {
    const name = node.$type === 'bpmn:IntermediateThrowEvent' ? linkName(node) : undefined;
    const targets = name === undefined ? [] : (catches.get(name) ?? []);
    // none or several: link-events reports it
    if (targets.length === 1) jumps.push([node, targets[0]]);
  }
  return jumps;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Where tokens of a scope start: its start events, or in an ad-hoc sub-process the elements that
 * can be started (those without an incoming sequence flow; boundary events and event
 * sub-processes start otherwise).
 */
export function entryNodes(view: ProcessView, scope: Scope): ModdleElement[] {
  if (scope.kind !== 'adHocSubProcess') return scope.nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  return scope.nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent' && supportedKind(n) !== 'eventSubProcess' && !isCompensationHandler(n) && view.incoming(n).length === 0);
}
