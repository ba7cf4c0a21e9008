/**
 * A user task's row is written by the workflow task that opens it, before that workflow task is
 * saved in Temporal (the row is a local activity's work). If the worker dies in between, the row
 * is visible at once but the workflow knows the task only after another worker has run that
 * workflow task again, after Temporal's workflow task timeout (about 10 s). Meanwhile the workflow
 * rightly answers "no open task". A rejected update leaves nothing in the history, so asking again
 * is safe: while the row still says open, the call is repeated until the workflow catches up.
 */
import { EngineRejection } from '../engine/engine-client';

export interface CatchUpOptions {
  /** How long after the first answer to keep asking. */
  withinMs: number;
  /** The first pause between asks; it doubles up to 2 s. */
  firstPauseMs: number;
}

/** Long enough for a second worker to take over a workflow task whose worker died (timeout 10 s) and run it. */
export const DEFAULT_CATCH_UP: CatchUpOptions = { withinMs: 45_000, firstPauseMs: 250 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function whileEngineCatchesUp<T>(call: () => Promise<T>, rowStillOpen: () => Promise<boolean>, options: CatchUpOptions = DEFAULT_CATCH_UP): Promise<T> {
  const deadline = Date.now() + options.withinMs;
  let pause = options.firstPauseMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      const notYetKnown = err instanceof EngineRejection && err.type === 'NotFound';
      if (!notYetKnown || Date.now() + pause > deadline || !(await rowStillOpen())) throw err;
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 2_000);
  }
}
