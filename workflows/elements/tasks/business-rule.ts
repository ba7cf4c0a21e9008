import { evaluateDecision } from '../../decisions/evaluate-decision';
import type { BusinessRuleTaskNode } from '../../graph/types';
import { ElementBehavior, takeAll } from '../context';

/**
 * Business rule task (zeebe:calledDecision): evaluates the DMN decision compiled into the graph at
 * deploy time, inside the workflow (deterministic, no activity), into its result variable. A
 * decision that fails (e.g. a UNIQUE table with two matching rules) is an incident.
 */
export const businessRuleTask: ElementBehavior<BusinessRuleTaskNode> = {
  async activate(node, ctx) {
    const result = await ctx.withIncidents(node.id, async () => evaluateDecision(node.decision, ctx.variables()));
    ctx.mergeVariables({ [node.resultVariable]: result ?? null });
    return takeAll(node);
  },
};
