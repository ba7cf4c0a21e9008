import { CancellationScope } from '@temporalio/workflow';
import type { UserTaskNode } from '../../graph/types';
import { evaluateFeel, resolveValue, Variables } from '../../expressions/feel';
import { workingDayDueDate } from '../../runtime/timer-due';
import { fieldName } from '../../forms/validate-form';
import { hideContextOf } from '../../forms/visibility';
import type { OpenTask } from '../../state';
import { carriesPlainly, ElementBehavior, ExecutionContext, takeAll } from '../context';

/**
 * The current values of the form's fields, so a returned application opens with its data, over the
 * variables its hide conditions read (the task's formContext), so the portal hides what the engine will.
 */
export function formPrefill(node: UserTaskNode, variables: Variables, context: Record<string, unknown> = {}): Record<string, unknown> {
  const prefill: Record<string, unknown> = { ...context };
  for (const field of node.form?.components ?? []) {
    const name = fieldName(field);
    if (name && variables[name] !== undefined) prefill[name] = variables[name];
  }
  return prefill;
}

/** What a user task's activation opened: its task record (`recorded` settles once it is written, failed or not). */
interface OpenedTask {
  taskId: string;
  recorded: Promise<void>;
}

/**
 * User task: opens a task record, waits (durably, for weeks if need be) for an authorised actor
 * to complete it through the completeUserTask update, merges the validated form values into the
 * variables, then closes the record. When its token is cancelled first (an interrupting event
 * takes it away), the record is withdrawn instead (`terminate`).
 */
export const userTask: ElementBehavior<UserTaskNode, OpenedTask> = {
  /** Its open task is carried (a migrated one is withdrawn and opens again at the new element). */
  carriable: (node, graph) => (carriesPlainly(node, graph) ? 'userTask' : undefined),
  async activate(node, ctx, arrival, instance) {
    const carried = arrival.resume?.task ? { ...arrival.resume, task: arrival.resume.task } : undefined;
    if (carried?.reopen) {
      // migrated here from another element: the old task record is withdrawn, a new one opens
      await ctx.activities().cancelUserTask({ ...ctx.instance, taskId: carried.task.taskId, elementId: carried.task.elementId, reason: 'migrated' });
    }
    const resumed = carried && !carried.reopen ? carried.task : undefined;
    const task = resumed ?? (await openTaskDescription(node, ctx));
    const taskId = task.taskId;
    const completion = ctx.waitForUserTask(task);
    completion.catch(() => undefined); // observed below; a cancellation may arrive before that
    const opened = resumed
      ? Promise.resolve()
      : CancellationScope.nonCancellable(() => ctx.activities().openUserTask({ ...ctx.instance, ...task, prefill: formPrefill(node, ctx.variables(), task.formContext) }));
    instance.opened({ taskId, recorded: opened.catch(() => undefined) });
    await opened;
    const done = await completion;
    instance.completing();
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
  async terminate(node, ctx, { taskId, recorded }) {
    await recorded; // withdrawn once written, so the withdrawal cannot overtake it
    await ctx.activities().cancelUserTask({ ...ctx.instance, taskId, elementId: node.id, reason: 'interrupted' });
  },
};

function openTaskDescription(node: UserTaskNode, ctx: ExecutionContext): Promise<OpenTask> {
  const activation = ctx.nextActivation(node.id);
  // `:` cannot occur in a tracking number or in a BPMN id (an NCName), so the id splits unambiguously.
  const taskId = `${ctx.instance.trackingNumber}:${node.id}:${activation}`;
  return ctx.withIncidents(node.id, () => describeTask(node, ctx, taskId));
}

async function describeTask(node: UserTaskNode, ctx: ExecutionContext, taskId: string): Promise<OpenTask> {
  const variables = ctx.variables();
  const text = (field: string, value: unknown): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new Error(`${field} of ${node.id} must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const assignee = node.assignment.assignee ? text('assignee', resolveValue(node.assignment.assignee, variables)) : undefined;
  const names = (field: string, feel: string | undefined, fixed: string[]): string[] => {
    if (feel === undefined) return fixed;
    const value = evaluateFeel(feel, variables);
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v.trim() === '')) {
      throw new Error(`${field} of ${node.id} must give a name or a list of names, got ${JSON.stringify(value)}`);
    }
    return (list as string[]).map((v) => v.trim());
  };
  const candidateGroups = names('candidateGroups', node.assignment.candidateGroupsFeel, node.assignment.candidateGroups);
  const candidateUsers = names('candidateUsers', node.assignment.candidateUsersFeel, node.assignment.candidateUsers);
  const createdAt = new Date().toISOString();
  const dueDate = node.sla
    ? await workingDayDueDate(node.sla.dueIn, node.sla.calendar, Date.now(), ctx.activities())
    : node.dueDate
      ? text('dueDate', resolveValue(node.dueDate, variables))
      : undefined;
  const followUpDate = node.followUpDate ? text('followUpDate', resolveValue(node.followUpDate, variables)) : undefined;
  const priorityValue = node.priority ? Number(resolveValue(node.priority, variables)) : undefined;
  if (priorityValue !== undefined && !(Number.isInteger(priorityValue) && priorityValue >= 0 && priorityValue <= 100)) {
    throw new Error(`priority of ${node.id} must be a whole number from 0 to 100`);
  }
  return {
    taskId,
    elementId: node.id,
    name: node.name,
    assignee,
    candidateGroups,
    candidateUsers,
    form: node.form,
    createdAt,
    ...(dueDate !== undefined ? { dueDate } : {}),
    ...(followUpDate !== undefined ? { followUpDate } : {}),
    ...(priorityValue !== undefined ? { priority: priorityValue } : {}),
    ...((node.notCompletedBy ?? []).length > 0 ? { notCompletedBy: node.notCompletedBy } : {}),
    ...formContextOf(node, variables),
  };
}

function formContextOf(node: UserTaskNode, variables: Variables): { formContext?: Record<string, unknown> } {
  const context = node.form ? hideContextOf(node.form, variables) : {};
  return Object.keys(context).length > 0 ? { formContext: context } : {};
}
