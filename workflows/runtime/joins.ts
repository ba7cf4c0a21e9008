/**
 * Tokens parked at a joining gateway. A token arriving on an incoming flow takes a ticket and waits;
 * when the gateway's firing rule holds, one waiting token passes and the join consumes one ticket
 * from each other incoming flow that has one (BPMN 2.0 §13.3.4 parallel, §13.3.3 inclusive).
 */
import { condition } from '@temporalio/workflow';
import type { FlowNode } from '../graph/types';
import type { WaitRecord } from '../state';

export interface JoinTicket {
  flow: string;
  /** Set when the join fired: `passed` for the token that continues, `consumed` for the others. */
  outcome?: 'passed' | 'consumed';
}

export class JoinQueue {
  private readonly tickets: JoinTicket[] = [];

  constructor(readonly gatewayId: string, readonly incoming: string[]) {}

  arrive(flow: string): JoinTicket {
    const ticket: JoinTicket = { flow };
    this.tickets.push(ticket);
    return ticket;
  }

  /** Incoming flows that have a waiting token. */
  flowsWithTokens(): Set<string> {
    return new Set(this.tickets.map((t) => t.flow));
  }

  waiting(): number {
    return this.tickets.length;
  }

  /** Fires for `ticket`: it passes, and the oldest ticket of every other flow that has one is consumed. */
  fire(ticket: JoinTicket): void {
    const fired = new Set<string>([ticket.flow]);
    ticket.outcome = 'passed';
    this.remove(ticket);
    for (const other of [...this.tickets]) {
      if (fired.has(other.flow)) continue;
      fired.add(other.flow);
      other.outcome = 'consumed';
      this.remove(other);
    }
  }

  private remove(ticket: JoinTicket): void {
    this.tickets.splice(this.tickets.indexOf(ticket), 1);
  }
}

/** Parallel join: every incoming flow holds a token. */
export function parallelJoinReady(queue: JoinQueue): boolean {
  const flows = queue.flowsWithTokens();
  return queue.incoming.every((f) => flows.has(f));
}

/**
 * Inclusive join: at least one incoming flow holds a token, and for every flow that holds none, no
 * token elsewhere in the scope sits where it could still reach that flow (`upstream`, computed by
 * the compiler, excludes paths through the gateway itself).
 */
export function inclusiveJoinReady(queue: JoinQueue, upstream: Record<string, string[]>, tokensAt: (elementId: string) => number): boolean {
  const flows = queue.flowsWithTokens();
  if (flows.size === 0) return false;
  return queue.incoming.every((flow) => flows.has(flow) || (upstream[flow] ?? []).every((id) => id === queue.gatewayId || tokensAt(id) === 0));
}

/** The joins of the running instance, one queue per gateway and scope. */
export class Joins {
  private readonly queues = new Map<string, JoinQueue>();

  /**
   * Waits at a joining gateway of `scopeId`: resolves true when this token passes the join, false
   * when the join fired for another token and consumed this one. `tokensAt`: tokens at an element
   * of the scope (an inclusive join waits while one could still reach a missing flow).
   */
  async join(node: FlowNode, scopeId: string, viaFlow: string | undefined, tokensAt: (elementId: string) => number): Promise<boolean> {
    if (node.incoming.length <= 1) return true;
    const key = `${scopeId}/${node.id}`;
    const queue = this.queues.get(key) ?? new JoinQueue(node.id, node.incoming);
    this.queues.set(key, queue);
    const ticket = queue.arrive(viaFlow ?? '');
    const ready = () => (node.kind === 'inclusiveGateway' ? inclusiveJoinReady(queue, node.upstream, tokensAt) : parallelJoinReady(queue));
    await condition(() => {
      if (ticket.outcome) return true;
      if (!ready()) return false;
      queue.fire(ticket);
      return true;
    });
    return ticket.outcome === 'passed';
  }

  /** Whether a token waits at any join (no hand-over then). */
  anyWaiting(): boolean {
    return [...this.queues.values()].some((q) => q.waiting() > 0);
  }

  /** The joins still missing flows, as waits. */
  openWaits(): WaitRecord[] {
    return [...this.queues.values()]
      .filter((q) => q.waiting() > 0)
      .map((q) => {
        const arrived = q.flowsWithTokens();
        return { kind: 'join', elementId: q.gatewayId, arrived: q.incoming.filter((f) => arrived.has(f)), missing: q.incoming.filter((f) => !arrived.has(f)) };
      });
  }
}
