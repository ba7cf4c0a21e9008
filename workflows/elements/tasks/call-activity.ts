import { resolveValue } from '../../expressions/feel';
import type { CallActivityNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Call activity (zeebe:calledElement): runs the newest deployed version of another process as a
 * child workflow. Without input mappings the child sees all parent variables
 * (propagateAllParentVariables); without output mappings all child variables come back
 * (propagateAllChildVariables). A BPMN error the child does not catch is thrown at this element;
 * so is an escalation the child does not catch, while the child runs (runtime/escalations.ts): an
 * interrupting catcher cancels the child, otherwise the child goes on.
 */
export const callActivity: ElementBehavior<CallActivityNode> = {
  async activate(node, ctx) {
    const processId = await ctx.withIncidents(node.id, async () => {
      const value = resolveValue(node.calledElement, ctx.variables());
      if (typeof value !== 'string' || value === '') throw new Error(`calledElement of ${node.id} gave ${JSON.stringify(value)}, not a process id`);
      return value;
    });
    const input = node.propagateAllParentVariables ? ctx.variables() : node.inputs.length > 0 ? ctx.localVariables() : {};
    const output = await ctx.callProcess(node.id, processId, input);
    if (node.outputs.length > 0 || node.propagateAllChildVariables) ctx.mergeVariables(output);
    return takeAll(node);
  },
};
