/**
 * What both sides of the engine benchmark agree on: the process's element ids, the service-task
 * type, the user tasks' candidate group and the baseline's step query. Safe in the workflow bundle.
 */
import { defineQuery } from '@temporalio/workflow';
import type { StepRecord } from '../../workflows/state';

export const BENCH_TASK_TYPE = 'bench-noop';
export const BENCH_GROUP = 'bench-users';

/** The user tasks, in the order a token reaches them (the driver completes them in this order). */
export const USER_TASKS = ['userTask1', 'userTask2', 'userTask3'] as const;

/** The 10 steps of the issue: 5 service tasks, 3 user tasks, the parallel split and its join. */
export const STEPS = ['serviceA', 'split', 'serviceB', 'userTask1', 'join', 'serviceC', 'userTask2', 'serviceD', 'userTask3', 'serviceE'] as const;

/** The BPMN elements each run executes: the steps plus the start and end events. */
export const ELEMENTS = ['start', ...STEPS, 'end'] as const;

/** The hand-written workflow's completed elements with their times, as the interpreter's getState has them. */
export const getStepsQuery = defineQuery<StepRecord[]>('getSteps');

/**
 * The four sides measured: the interpreter on the process as drawn (service tasks as normal
 * activities) and on its local variant (every service task ito:execution mode="local"), each
 * beside the hand-written workflow with the same activity options.
 */
export const SIDES = {
  interpreter: { workflowType: 'processWorkflow', local: false, label: 'interpreter' },
  handWritten: { workflowType: 'handWrittenWorkflow', local: false, label: 'hand-written' },
  interpreterLocal: { workflowType: 'processWorkflow', local: true, label: 'interpreter, local service tasks' },
  handWrittenLocal: { workflowType: 'handWrittenLocalWorkflow', local: true, label: 'hand-written, all local' },
} as const;

export type SideName = keyof typeof SIDES;
export const SIDE_NAMES = Object.keys(SIDES) as SideName[];
