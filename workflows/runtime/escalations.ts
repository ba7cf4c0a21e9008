/**
 * Escalations across call activities (BPMN 2.0 §10.5.6, Camunda 8): an escalation that no element
 * of a called process catches is thrown again by the calling instance at its call activity.
 *
 * The protocol, between two workflows (parent = the caller, child = the called instance):
 * 1. the child's throwing token signals the parent (`childEscalation`: child id, request id, code)
 *    and waits;
 * 2. the parent's call activity token, which waits for the child, takes the escalation from its
 *    inbox and throws it at the call activity, exactly like a throw from any other activity: the
 *    call activity's boundary events, then the enclosing scopes' event sub-processes and
 *    sub-process boundaries; uncaught there, a parent that is itself called asks its own caller;
 * 3. interrupting catcher: the parent cancels the child workflow (and waits for it to end), then
 *    takes the catcher's path. Otherwise (no catcher, or a non-interrupting one, whose path the
 *    parent starts): the parent signals `escalationAnswered` and the child's token goes on (an
 *    intermediate throw continues, an escalation end event ends its token).
 *
 * Everything is signals and plain promises driven by them, so replay is deterministic.
 */
import type { ChildEscalation } from '../messages';

/** The caller's side: escalations from running child instances, one queue per child workflow id. */
export class ChildEscalationInbox {
  private readonly queues = new Map<string, { items: ChildEscalation[]; wake?: () => void }>();

  /** A call activity starts waiting for this child. */
  open(childWorkflowId: string): void {
    this.queues.set(childWorkflowId, { items: [] });
  }

  close(childWorkflowId: string): void {
    this.queues.delete(childWorkflowId);
  }

  /** False when no call activity waits for that child (it is being cancelled, or was called the old way). */
  deliver(escalation: ChildEscalation): boolean {
    const queue = this.queues.get(escalation.childWorkflowId);
    if (!queue) return false;
    queue.items.push(escalation);
    queue.wake?.();
    return true;
  }

  take(childWorkflowId: string): ChildEscalation | undefined {
    return this.queues.get(childWorkflowId)?.items.shift();
  }

  /**
   * Resolves when an escalation of the child is queued. A plain promise, resolved from the signal
   * handler: it is not cancelled with the waiting token (the child's own end is what ends the wait).
   */
  arrival(childWorkflowId: string): Promise<void> {
    const queue = this.queues.get(childWorkflowId);
    if (!queue || queue.items.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      queue.wake = () => {
        queue.wake = undefined;
        resolve();
      };
    });
  }
}
