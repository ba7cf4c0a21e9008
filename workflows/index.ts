/** The workflow bundle's entry: the interpreter and its messages, nothing else. */
export { processWorkflow } from './process-workflow';
export { timerStartWorkflow } from './timer-start-workflow';
export { legalDeadlineSweepWorkflow } from './legal-deadline-sweep-workflow';
export { revocationPublishWorkflow } from './revocation-publish-workflow';
export * from './messages';
