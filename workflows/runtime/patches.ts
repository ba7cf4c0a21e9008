/**
 * Patch ids (Temporal's patched()) of interpreter changes that alter the command sequence of running
 * instances: histories recorded before a patch replay the old way. See workflows/README.md.
 */

/**
 * A cancelled scope (and the cancelled instance) waits until its tokens have wound down — tasks
 * withdrawn, called instances' own cancellation finished, parallel multi-instance bodies ended — and
 * called instances are asked to cancel, not terminated, when their caller closes. Before: the scope
 * left at once, its tokens' clean-up still under way.
 */
export const CANCELLATION_WAITS_FOR_TOKENS = 'cancellation-waits-for-tokens';

/**
 * Hand-overs (continue-as-new, migration) also carry tokens waiting at timer, message and signal
 * catch events and receive tasks, and user tasks with message and signal boundary events; the
 * message inbox and the ids of messages seen go along. Before: only user tasks with at most timer
 * boundary events.
 */
export const CARRY_WAITS = 'carry-waits-across-hand-over';

/**
 * Messages and signals never overwrite who an instance is for (INSTANCE_IDENTITY_VARIABLES): a
 * send task publishes its visible variables, its own tracking number and applicant among them.
 * Before: the receiver took them over, and its notifications went to the sender's applicant.
 */
export const KEEP_INSTANCE_IDENTITY = 'keep-instance-identity';
