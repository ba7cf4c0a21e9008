/**
 * Graphs stored with an older schema (running instances carry the graph they started with) are
 * brought to the current shape before the interpreter reads them. Pure and deterministic.
 */
import { GRAPH_SCHEMA_VERSION, type FlowNode, type ProcessGraph } from './types';

const ACTIVITY_KINDS: ReadonlySet<string> = new Set(['userTask', 'serviceTask', 'scriptTask', 'manualTask']);

export function upgradeGraph(graph: ProcessGraph | (Omit<ProcessGraph, 'schemaVersion' | 'eventSubProcessIds'> & { schemaVersion: number })): ProcessGraph {
  if (graph.schemaVersion === GRAPH_SCHEMA_VERSION) return graph as ProcessGraph;
  // schema 1: process-level scope only, no triggers, no mappings
  const elements: Record<string, FlowNode> = {};
  for (const [id, node] of Object.entries(graph.elements)) {
    const upgraded = { ...node } as FlowNode & Record<string, unknown>;
    if (ACTIVITY_KINDS.has(node.kind)) Object.assign(upgraded, { boundaryEventIds: [], inputs: [], outputs: [] });
    if (node.kind === 'startEvent') Object.assign(upgraded, { interrupting: true });
    if (node.kind === 'userTask') Object.assign(upgraded, { notCompletedBy: [] });
    elements[id] = upgraded;
  }
  return { ...graph, schemaVersion: GRAPH_SCHEMA_VERSION, elements, eventSubProcessIds: [] } as ProcessGraph;
}
