/**
 * The ledger of Temporal patches (patched() / deprecatePatch()) in workflow code: every id ever used,
 * why, where it stands, and when it may go. An interpreter change that alters the command sequence
 * of instances already running goes behind patched(ID) with an `active` entry here; once no instance
 * that ran the old code can still be open (and the recorded histories in workflows/test/histories/
 * have been recorded again), the id is `retired` and its patched() call removed. A retired id is
 * never used again: old histories carry its marker. patches.test.ts holds the code to this ledger.
 */

export type PatchState = 'active' | 'deprecated' | 'retired';

export interface PatchEntry {
  id: string;
  /** What changed, and what the old code did. */
  reason: string;
  state: PatchState;
  /** When it may move on: for active/deprecated patches, the condition; for retired ones, when it happened. */
  removal: string;
}

/** No release has shipped with a patch yet: the patches of development were retired before the first. */
const BEFORE_FIRST_RELEASE = 'retired before the first release (session 9): only test histories carried its marker; they were recorded again';
const BEFORE_FIRST_RELEASE_AGAIN = 'retired before the first release (session 17): only test histories carried its marker; all of them were recorded again. Each active patch cost every instance a marker and a search-attribute upsert (TemporalChangeVersion): 4 of its 51 history events on the engine bench';

export const PATCH_LEDGER: readonly PatchEntry[] = [
  {
    id: 'cancellation-waits-for-tokens',
    reason: 'A cancelled scope (and instance) waits until its tokens have wound down (tasks withdrawn, called instances cancelled, parallel multi-instance bodies ended), and called instances are asked to cancel, not terminated, when their caller closes. Before: the scope left at once.',
    state: 'retired',
    removal: BEFORE_FIRST_RELEASE,
  },
  {
    id: 'carry-waits-across-hand-over',
    reason: 'Hand-overs (continue-as-new, migration) also carry tokens at timer, message and signal catch events and receive tasks, and user tasks with message and signal boundary events, with the message inbox. Before: only user tasks with at most timer boundary events.',
    state: 'retired',
    removal: BEFORE_FIRST_RELEASE,
  },
  {
    id: 'keep-instance-identity',
    reason: 'Messages and signals never overwrite trackingNumber, applicant or applicantOrgId of the receiving instance. Before: the receiver took over the sender\'s.',
    state: 'retired',
    removal: BEFORE_FIRST_RELEASE,
  },
  {
    id: 'escalations-cross-call-activities',
    reason: 'An escalation uncaught in a called instance is handed to its caller (and the call activity runs its child so it can answer). Before: ignored in the child; the call activity awaited its child directly.',
    state: 'retired',
    removal: BEFORE_FIRST_RELEASE,
  },
  {
    id: 'record-keeping-as-local-activities',
    reason: 'The record-keeping activities (user-task records, application status, message subscriptions, called-process and calendar lookups; not publishing, which fans out through Temporal) run as local activities: fewer history events and no task-queue round trip (issue 12 §3). Before: normal activities.',
    state: 'retired',
    removal: BEFORE_FIRST_RELEASE_AGAIN,
  },
  {
    id: 'update-effects-after-commit',
    reason: 'closeUserTask and assignUserTask (effects of the complete, claim and unclaim updates) are normal activities again, scheduled only once the workflow task that accepted the update is saved. As local activities they ran inside that workflow task: when it was lost (worker killed, Temporal server restarted) the update was lost with it but the row was already closed, so the task vanished from every queue while the instance still waited for it (found by the fault campaign: three applications stuck). Before: local activities, under record-keeping-as-local-activities.',
    state: 'retired',
    removal: BEFORE_FIRST_RELEASE_AGAIN,
  },
];
