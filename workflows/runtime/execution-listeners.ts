/**
 * Execution listeners (zeebe:executionListeners, Camunda 8.6+): jobs run before an element is
 * processed (`start`) and after it completed (`end`), by the same service-task handlers as service
 * tasks, one after the other in model order. The element's flow waits for them; a failing listener
 * raises an incident on the element, retried by an operator; what a listener returns is merged into
 * the token's scope. A listener may not throw a BPMN error (Camunda 8 refuses it too): that is an
 * incident. Start listeners do not run again for a token carried across a workflow hand-over.
 */
import type { ExecutionListenerSpec, FlowNode } from '../graph/types';
import type { ExecutionContext } from '../elements/context';

export type ListenerEvent = 'start' | 'end';

export function listenersOf(node: FlowNode, event: ListenerEvent): readonly ExecutionListenerSpec[] {
  return node.listeners?.[event] ?? [];
}

export async function runExecutionListeners(node: FlowNode, event: ListenerEvent, ctx: ExecutionContext): Promise<void> {
  const listeners = listenersOf(node, event);
  for (let i = 0; i < listeners.length; i++) {
    const listener = listeners[i];
    // its own element id, so a handler's idempotency key (element + activation) never meets the element's own
    const elementId = `${node.id}/${event}-listener-${i + 1}`;
    const activation = ctx.nextActivation(elementId);
    const result = await ctx.withIncidents(node.id, async () => {
      const answer = await ctx.activities(listener.retries).runServiceTask({
        ...ctx.instance,
        elementId,
        activation,
        taskType: listener.taskType,
        headers: listener.headers,
        variables: ctx.variables(),
        ...(ctx.stubServices ? { stubUnknownTypes: true } : {}),
      });
      if (answer.bpmnError) {
        throw new Error(`the ${event} execution listener "${listener.taskType}" of ${node.id} threw BPMN error "${answer.bpmnError.code}"; execution listeners cannot throw BPMN errors`);
      }
      return answer;
    });
    ctx.mergeVariables(result.variables);
  }
}
