/** A decision that cannot give a result: a FEEL failure, or matches its hit policy does not allow. */
export class DecisionEvaluationError extends Error {
  constructor(
    readonly decisionId: string,
    /** The rules, inputs or outputs involved (ids from the DMN file). */
    readonly elementIds: readonly string[],
    message: string,
  ) {
    super(`decision "${decisionId}": ${message}`);
    this.name = 'DecisionEvaluationError';
  }
}
