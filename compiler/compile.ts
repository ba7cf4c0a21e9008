import {
  GRAPH_SCHEMA_VERSION,
  type FlowNode,
  type FormSchema,
  type ProcessGraph,
  type SequenceFlow,
} from '../workflows/graph/types';
import { resolveForm } from './forms';
import { child, text, type ModdleElement } from './moddle';
import { supportedKind, type ProcessView } from './process-view';
import {
  DEFAULT_RETRIES,
  assignmentDefinitions,
  feelBody,
  parseRetries,
  properties,
  scripts,
  splitList,
  taskDefinitions,
  taskHeaders,
  toRecord,
  toValueSource,
} from './zeebe';

/**
 * Turns a process that passed every rule into the plain-JSON graph the workflow runs. Optional
 * fields are left out rather than set to undefined, so the graph survives a JSON round trip.
 */
export function buildGraph(view: ProcessView): ProcessGraph {
  const flows: Record<string, SequenceFlow> = {};
  for (const flow of view.flows) flows[idOf(flow)] = toFlow(flow);
  const elements: Record<string, FlowNode> = {};
  for (const node of view.nodes) elements[idOf(node)] = toNode(view, node);
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION,
    processId: view.id,
    ...optional('name', view.process.name),
    elements,
    flows,
    startEventIds: view.nodes.filter((n) => supportedKind(n) === 'startEvent').map(idOf),
  };
}


// helpers //////////

function idOf(element: ModdleElement): string {
  if (!element.id) throw new Error(`compiler bug: ${element.$type} without id passed the rules`);
  return element.id;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
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

function toNode(view: ProcessView, node: ModdleElement): FlowNode {
  const base = {
    id: idOf(node),
    ...optional('name', node.name),
    incoming: view.incoming(node).map(idOf),
    outgoing: view.outgoing(node).map(idOf),
    properties: toRecord(properties(node)),
  };
  const kind = supportedKind(node);
  switch (kind) {
    case 'startEvent':
      return { ...base, kind, ...optional('form', formOf(view, node)) };
    case 'endEvent':
      return { ...base, kind };
    case 'userTask': {
      const { assignee, candidateGroups, candidateUsers } = assignmentDefinitions(node)[0] ?? {};
      const hasAssignee = assignee !== undefined && assignee.trim() !== '';
      return {
        ...base,
        kind,
        assignment: {
          ...optional('assignee', hasAssignee ? toValueSource(assignee) : undefined),
          candidateGroups: splitList(candidateGroups),
          candidateUsers: splitList(candidateUsers),
        },
        ...optional('form', formOf(view, node)),
        headers: toRecord(taskHeaders(node)),
      };
    }
    case 'serviceTask': {
      const definition = taskDefinitions(node)[0];
      return {
        ...base,
        kind,
        taskType: definition?.type?.trim() ?? '',
        retries: parseRetries(definition?.retries) ?? DEFAULT_RETRIES,
        headers: toRecord(taskHeaders(node)),
      };
    }
    case 'parallelGateway':
    case 'manualTask':
    case 'intermediateThrowEvent':
      return { ...base, kind };
    case 'scriptTask': {
      const { expression = '', resultVariable = '' } = scripts(node)[0] ?? {};
      return { ...base, kind, expression: feelBody(expression.trim()), resultVariable: resultVariable.trim() };
    }
    case 'exclusiveGateway': {
      const defaultFlow = child(node, 'default');
      return { ...base, kind, ...optional('defaultFlow', defaultFlow ? idOf(defaultFlow) : undefined) };
    }
    default:
      throw new Error(`compiler bug: unsupported ${node.$type} passed the rules`);
  }
}

function formOf(view: ProcessView, node: ModdleElement): FormSchema | undefined {
  const form = resolveForm(view, node);
  return form.kind === 'form' ? form.schema : undefined;
}
