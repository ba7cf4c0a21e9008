import type { ScriptTaskNode } from '../../graph/types';
import { evaluateFeel } from '../../expressions/feel';
import { ElementBehavior, takeAll } from '../context';

/**
 * Script task (zeebe:script): evaluates its FEEL expression inside the workflow (deterministic,
 * no activity) and stores the result in its result variable. A failing expression is an incident.
 */
export const scriptTask: ElementBehavior<ScriptTaskNode> = {
  async activate(node, ctx) {
    const value = await ctx.withIncidents(node.id, async () => evaluateFeel(node.expression, ctx.variables()));
    ctx.mergeVariables({ [node.resultVariable]: value ?? null });
    return takeAll(node);
  },
};
