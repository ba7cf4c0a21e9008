import {
  GRAPH_SCHEMA_VERSION,
  type ExecutionListenerSpec,
  type FlowNode,
  type FormSchema,
  type ProcessGraph,
  type ScopeEntry,
  type SequenceFlow,
} from '../workflows/graph/types';
import { activityFields, eventMappings } from './compile-activity';
import { decisionById, type CompileContext } from './context';
import { toMessageTrigger, toTrigger } from './compile-triggers';
import { eventDefinition, expressionBody } from './events';
import { decisionTimes, executionModes, fourEyes, startedBy, taskSlas } from './ito';
import { inclusiveUpstream } from './inclusive-upstream';
import { resolveForm } from './forms';
import { child, text, type ModdleElement } from './moddle';
import { optional, present } from './optional';
import { entryNodes, parentId, supportedKind, type ProcessView, type Scope } from './process-view';
import { namesNobody } from './rules/user-task-assignment';
import {
  DEFAULT_RETRIES,
  adHocSettings,
  assignmentDefinitions,
  calledDecisions,
  calledElements,
  executionListeners,
  feelBody,
  isFeel,
  parseRetries,
  priorityDefinitions,
  properties,
  scripts,
  splitList,
  taskDefinitions,
  taskHeaders,
  taskSchedules,
  toRecord,
  toValueSource,
} from './zeebe';

/**
 * Turns a process that passed every rule into the plain-JSON graph the workflow runs. Optional
 * fields are left out rather than set to undefined, so the graph survives a JSON round trip.
 */
export function buildGraph(view: ProcessView, context: CompileContext): ProcessGraph {
  const flows: Record<string, SequenceFlow> = {};
  for (const flow of view.flows) flows[idOf(flow)] = toFlow(flow);
  const elements: Record<string, FlowNode> = {};
  for (const node of view.nodes) elements[idOf(node)] = toNode(view, context, node);
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    processId: view.id,
    ...optional('name', view.process.name),
    ...(startedBy(view.process)[0]?.value?.trim() === 'regulator' ? { startedBy: 'regulator' as const } : {}),
    ...optional('decisionTime', decisionTimeOf(view.process)),
    elements,
    flows,
    ...scopeEntry(view.scopes[0]),
  };
}


// helpers //////////

function decisionTimeOf(process: ModdleElement): ProcessGraph['decisionTime'] {
  const found = decisionTimes(process)[0];
  const within = present(found?.within);
  const calendar = present(found?.calendar);
  return within !== undefined && calendar !== undefined ? { within, calendar } : undefined;
}

function idOf(element: ModdleElement): string {
  if (!element.id) throw new Error(`compiler bug: ${element.$type} without id passed the rules`);
  return element.id;
}

function toFlow(flow: ModdleElement): SequenceFlow {
  const source = child(flow, 'sourceRef');
  const target = child(flow, 'targetRef');
  const condition = child(flow, 'conditionExpression');
  return {
    id: idOf(flow),
    ...optional('name', flow.name),
    sourceRef: source ? idOf(source) : '',
    targetRef: target ? idOf(target) : '',
    ...optional('condition', condition ? feelBody(text(condition, 'body') ?? '') : undefined),
  };
}

/** Start events (none start first) and event sub-processes directly inside a scope. */
function scopeEntry(scope: Scope): ScopeEntry {
  const starts = scope.nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  const none = starts.filter((n) => eventDefinition(n) === undefined);
  return {
    startEventIds: [...none, ...starts.filter((n) => !none.includes(n))].map(idOf),
    eventSubProcessIds: scope.nodes.filter((n) => supportedKind(n) === 'eventSubProcess').map(idOf),
  };
}

function toNode(view: ProcessView, context: CompileContext, node: ModdleElement): FlowNode {
  const base = {
    id: idOf(node),
    ...optional('name', node.name),
    incoming: view.incoming(node).map(idOf),
    outgoing: view.outgoing(node).map(idOf),
    properties: toRecord(properties(node)),
    ...optional('parent', parentId(view, node)),
    ...listenersOf(node),
  };
  const kind = supportedKind(node);
  switch (kind) {
    case 'startEvent': {
      const scope = view.scopeOf(node);
      const interrupting = scope.kind === 'eventSubProcess' ? node.isInterrupting !== false : true;
      return { ...base, kind, ...optional('trigger', toTrigger(view, node)), interrupting, ...optional('form', formOf(view, context, node)), ...outputsOf(node) };
    }
    case 'endEvent':
    case 'intermediateThrowEvent':
      return { ...base, kind, ...optional('trigger', toTrigger(view, node)), ...eventMappings(node) };
    case 'intermediateCatchEvent':
      return { ...base, kind, trigger: triggerOf(view, node), ...outputsOf(node) };
    case 'boundaryEvent': {
      const host = child(node, 'attachedToRef');
      return { ...base, kind, attachedTo: host ? idOf(host) : '', cancelActivity: node.cancelActivity !== false, trigger: triggerOf(view, node), ...outputsOf(node) };
    }
    case 'exclusiveGateway':
      return { ...base, kind, ...optional('defaultFlow', defaultFlowOf(node)) };
    case 'inclusiveGateway':
      return { ...base, kind, ...optional('defaultFlow', defaultFlowOf(node)), upstream: inclusiveUpstream(view, node) };
    case 'parallelGateway':
    case 'eventBasedGateway':
      return { ...base, kind };
    case 'eventSubProcess': {
      const scope = view.scopeOpenedBy(node);
      if (!scope) throw new Error(`compiler bug: event sub-process ${idOf(node)} without a scope passed the rules`);
      return { ...base, kind, ...scopeEntry(scope), ...eventMappings(node) };
    }
    default:
      return toActivity(view, context, node, base);
  }
}

type NodeBase = Pick<FlowNode, 'id' | 'name' | 'incoming' | 'outgoing' | 'properties' | 'parent'>;

function toActivity(view: ProcessView, context: CompileContext, node: ModdleElement, base: NodeBase): FlowNode {
  const activity = { ...base, ...activityFields(view, node), ...optional('defaultFlow', defaultFlowOf(node)) };
  const kind = supportedKind(node);
  switch (kind) {
    case 'userTask':
      return { ...activity, kind, ...userTaskFields(view, context, node) };
    case 'serviceTask': {
      const definition = taskDefinitions(node)[0];
      return {
        ...activity,
        kind,
        taskType: definition?.type?.trim() ?? '',
        retries: parseRetries(definition?.retries) ?? DEFAULT_RETRIES,
        headers: toRecord(taskHeaders(node)),
        ...optional('local', executionModes(node)[0]?.mode?.trim() === 'local' ? (true as const) : undefined),
      };
    }
    case 'scriptTask': {
      const { expression = '', resultVariable = '' } = scripts(node)[0] ?? {};
      return { ...activity, kind, expression: feelBody(expression.trim()), resultVariable: resultVariable.trim() };
    }
    case 'manualTask':
      return { ...activity, kind };
    case 'sendTask':
    case 'receiveTask':
      return { ...activity, kind, trigger: toMessageTrigger(node) };
    case 'businessRuleTask': {
      const { decisionId = '', resultVariable = '' } = calledDecisions(node)[0] ?? {};
      const id = decisionId.trim();
      const decision = decisionById(context, id);
      if (!decision) throw new Error(`compiler bug: business rule task ${idOf(node)} without its decision passed the rules`);
      return { ...activity, kind, decisionId: id, resultVariable: resultVariable.trim(), decision };
    }
    case 'callActivity': {
      const called = calledElements(node)[0] ?? {};
      return {
        ...activity,
        kind,
        calledElement: toValueSource(called.processId ?? ''),
        propagateAllChildVariables: called.propagateAllChildVariables !== false,
        propagateAllParentVariables: called.propagateAllParentVariables !== false,
      };
    }
    case 'subProcess': {
      const scope = view.scopeOpenedBy(node);
      if (!scope) throw new Error(`compiler bug: sub-process ${idOf(node)} without a scope passed the rules`);
      return { ...activity, kind, ...scopeEntry(scope) };
    }
    case 'adHocSubProcess': {
      const scope = view.scopeOpenedBy(node);
      if (!scope) throw new Error(`compiler bug: ad-hoc sub-process ${idOf(node)} without a scope passed the rules`);
      const active = present(adHocSettings(node)[0]?.activeElementsCollection);
      const completion = present(expressionBody(node, 'completionCondition'));
      return {
        ...activity,
        kind,
        ...scopeEntry(scope),
        activatable: entryNodes(view, scope).map(idOf),
        ...optional('activeElements', active === undefined ? undefined : feelBody(active)),
        ...optional('completionCondition', completion === undefined ? undefined : feelBody(completion)),
        cancelRemainingInstances: node.cancelRemainingInstances !== false,
      };
    }
    default:
      throw new Error(`compiler bug: unsupported ${node.$type} passed the rules`);
  }
}

function userTaskFields(view: ProcessView, context: CompileContext, node: ModdleElement) {
  const { assignee, candidateGroups: namedGroups, candidateUsers } = assignmentDefinitions(node)[0] ?? {};
  const hasAssignee = assignee !== undefined && assignee.trim() !== '';
  const fallback = namesNobody(node);
  const candidateGroups = fallback ? context.fallbackTaskGroup : namedGroups;
  const schedule = taskSchedules(node)[0] ?? {};
  const priority = present(priorityDefinitions(node)[0]);
  const sla = taskSlas(node)[0];
  const dueIn = present(sla?.dueIn);
  const calendar = present(sla?.calendar);
  return {
    assignment: {
      ...optional('assignee', hasAssignee ? toValueSource(assignee) : undefined),
      candidateGroups: candidateGroups !== undefined && isFeel(candidateGroups) ? [] : splitList(candidateGroups),
      candidateUsers: candidateUsers !== undefined && isFeel(candidateUsers) ? [] : splitList(candidateUsers),
      ...optional('candidateGroupsFeel', candidateGroups !== undefined && isFeel(candidateGroups) ? feelBody(candidateGroups) : undefined),
      ...optional('candidateUsersFeel', candidateUsers !== undefined && isFeel(candidateUsers) ? feelBody(candidateUsers) : undefined),
      ...(fallback ? { fallback: true as const } : {}),
    },
    ...optional('dueDate', valueOf(schedule.dueDate)),
    ...optional('followUpDate', valueOf(schedule.followUpDate)),
    ...optional('sla', dueIn !== undefined && calendar !== undefined ? { dueIn, calendar } : undefined),
    ...optional('priority', priority === undefined ? undefined : toValueSource(priority)),
    notCompletedBy: splitList(fourEyes(node)[0]?.notCompletedBy),
    ...optional('form', formOf(view, context, node)),
    headers: toRecord(taskHeaders(node)),
  };
}

function valueOf(value: string | undefined) {
  const given = present(value);
  return given === undefined ? undefined : toValueSource(given);
}

/** Catch events have only outputs (rules/io-mapping.ts rejects their inputs). */
function outputsOf(node: ModdleElement) {
  const { outputs } = eventMappings(node);
  return optional('outputs', outputs);
}

function triggerOf(view: ProcessView, node: ModdleElement) {
  const trigger = toTrigger(view, node);
  if (!trigger) throw new Error(`compiler bug: ${idOf(node)} without a trigger passed the rules`);
  return trigger;
}

function defaultFlowOf(node: ModdleElement): string | undefined {
  const flow = child(node, 'default');
  return flow ? idOf(flow) : undefined;
}

function formOf(view: ProcessView, context: CompileContext, node: ModdleElement): FormSchema | undefined {
  const form = resolveForm(view, node, context);
  return form.kind === 'form' ? form.schema : undefined;
}

/** zeebe:executionListeners as the graph carries them; nothing when the node has none. */
function listenersOf(node: ModdleElement): { listeners?: { start: ExecutionListenerSpec[]; end: ExecutionListenerSpec[] } } {
  const found = executionListeners(node);
  if (found.length === 0) return {};
  const spec = (l: (typeof found)[number]): ExecutionListenerSpec => ({ taskType: (l.type ?? '').trim(), retries: parseRetries(l.retries) ?? DEFAULT_RETRIES, headers: toRecord(l.headers) });
  return { listeners: { start: found.filter((l) => l.eventType === 'start').map(spec), end: found.filter((l) => l.eventType === 'end').map(spec) } };
}
