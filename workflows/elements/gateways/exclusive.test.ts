import type { ExclusiveGatewayNode, ProcessGraph } from '../../graph/types';
import { selectExclusiveFlow } from './exclusive';

function gateway(conditions: Record<string, string | undefined>, defaultFlow?: string): { node: ExclusiveGatewayNode; graph: ProcessGraph } {
  const flows = Object.fromEntries(Object.entries(conditions).map(([id, condition]) => [id, { id, sourceRef: 'gw', targetRef: `to-${id}`, condition }]));
  const node: ExclusiveGatewayNode = { id: 'gw', kind: 'exclusiveGateway', incoming: [], outgoing: Object.keys(conditions), properties: {}, defaultFlow };
  return { node, graph: { schemaVersion: 2, processId: 'p', elements: { gw: node }, flows, startEventIds: [], eventSubProcessIds: [] } };
}

describe('elements/gateways - exclusive', () => {
  it('takes the first flow, in document order, whose condition is true', () => {
    const { node, graph } = gateway({ a: 'x > 10', b: 'x > 1', c: 'x > 0' });
    expect(selectExclusiveFlow(node, graph, { x: 5 })).toBe('b');
  });

  it('takes the default flow when no condition holds', () => {
    const { node, graph } = gateway({ a: 'decision = "approve"', fallback: undefined }, 'fallback');
    expect(selectExclusiveFlow(node, graph, { decision: 'reject' })).toBe('fallback');
  });

  it('treats null and non-boolean results as false (a missing variable does not select a flow)', () => {
    const { node, graph } = gateway({ a: 'missing = "x"', b: '"yes"', fallback: undefined }, 'fallback');
    expect(selectExclusiveFlow(node, graph, {})).toBe('fallback');
  });

  it('selects nothing when no condition holds and there is no default (the caller raises an incident)', () => {
    const { node, graph } = gateway({ a: 'x = 1' });
    expect(selectExclusiveFlow(node, graph, { x: 2 })).toBeUndefined();
  });
});
