/** The benchmark worker's workflow bundle: the interpreter and the hand-written baselines. */
export { processWorkflow } from '../../workflows/process-workflow';
export { handWrittenWorkflow, handWrittenLocalWorkflow } from './hand-written';
