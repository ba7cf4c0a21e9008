/** Failure types the interpreter raises; callers match on ApplicationFailure.type. */
export const FailureType = {
  /** Form input or update arguments did not validate; details[0] = { errors }. */
  InvalidInput: 'InvalidInput',
  /** The caller may not act on this task. */
  NotAuthorised: 'NotAuthorised',
  /** No open task (or incident) with that id. */
  NotFound: 'NotFound',
  /** An exclusive gateway had no true condition and no default flow. */
  NoOutgoingFlow: 'NoOutgoingFlow',
  /** A migration or clock change the instance refuses in its current state (HTTP 409). */
  Refused: 'Refused',
  /** A FEEL expression failed to evaluate. */
  ExpressionFailed: 'ExpressionFailed',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];
