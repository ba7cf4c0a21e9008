/**
 * Tokens parked at a joining gateway. A token arriving on an incoming flow takes a ticket and waits;
 * when the gateway's firing rule holds, one waiting token passes and the join consumes one ticket
 * from each other incoming flow that has one (BPMN 2.0 §13.3.4 parallel, §13.3.3 inclusive).
 */
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
