/** The benchmark worker's workflow bundle: the interpreter and the hand-written baseline. */
export { processWorkflow } from '../../workflows/process-workflow';
export { handWrittenWorkflow } from './hand-written';
