import type { UserTaskNode } from '../../graph/types';
import { resolveValue, Variables } from '../../expressions/feel';
import { ElementBehavior, takeAll } from '../context';

/** The current values of the form's fields, so a returned application opens with its data. */
export function formPrefill(node: UserTaskNode, variables: Variables): Record<string, unknown> {
  const prefill: Record<string, unknown> = {};
  for (const field of node.form?.components ?? []) {
    if (field.key && variables[field.key] !== undefined) prefill[field.key] = variables[field.key];
  }
  return prefill;
}

/**
 * User task: opens a task record, waits (durably, for weeks if need be) for an authorised actor
 * to complete it through the completeUserTask update, merges the validated form values into the
 * process variables, then closes the record.
 */
export const userTask: ElementBehavior<UserTaskNode> = {
  async execute(node, ctx) {
    const activation = ctx.nextActivation(node.id);
    // `:` cannot occur in a tracking number or in a BPMN id (an NCName), so the id splits unambiguously.
    const taskId = `${ctx.instance.trackingNumber}:${node.id}:${activation}`;
    const assignee = await ctx.withIncidents(node.id, async () => {
      const value = node.assignment.assignee ? resolveValue(node.assignment.assignee, ctx.variables()) : undefined;
      if (value !== undefined && value !== null && typeof value !== 'string') throw new Error(`assignee of ${node.id} must be a user name, got ${JSON.stringify(value)}`);
      return value ?? undefined;
    });
    const task = {
      taskId,
      elementId: node.id,
      name: node.name,
      assignee,
      candidateGroups: node.assignment.candidateGroups,
      candidateUsers: node.assignment.candidateUsers,
      form: node.form,
      createdAt: new Date().toISOString(),
    };
    const completion = ctx.waitForUserTask(task);
    await ctx.activities().openUserTask({ ...ctx.instance, ...task, prefill: formPrefill(node, ctx.variables()) });
    const done = await completion;
    ctx.mergeVariables(done.values);
    await ctx.activities().closeUserTask({
      ...ctx.instance,
      taskId,
      elementId: node.id,
      completedBy: done.completedBy,
      completedByRole: done.completedByRole,
      output: done.values,
      completedAt: done.completedAt,
    });
    return takeAll(node);
  },
};
