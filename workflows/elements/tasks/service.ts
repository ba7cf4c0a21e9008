import type { ServiceTaskNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Service task: one activity call, dispatched by the zeebe:taskDefinition type to the handler of
 * that name in activities/ (a local activity when the model says ito:execution mode="local"). Retries follow the model's `retries`; when they run out the token
 * waits in an incident until an operator retries it. A handler may instead report a BPMN error,
 * which goes to the nearest error catcher (e.g. an error boundary event on this task).
 */
export const serviceTask: ElementBehavior<ServiceTaskNode> = {
  async activate(node, ctx) {
    const activation = ctx.nextActivation(node.id);
    const result = await ctx.withIncidents(node.id, () =>
      ctx.activities(node.retries, { local: node.local === true }).runServiceTask({
        ...ctx.instance,
        elementId: node.id,
        activation,
        taskType: node.taskType,
        headers: node.headers,
        variables: ctx.variables(),
        ...(ctx.stubServices ? { stubUnknownTypes: true } : {}),
      }),
    );
    ctx.mergeVariables(result.variables);
    if (result.bpmnError) {
      await ctx.throwEvent(node.id, { type: 'error', errorCode: result.bpmnError.code, errorMessage: result.bpmnError.message });
    }
    return takeAll(node);
  },
};
