/**
 * Tells the driver the moment a user task has opened: the benchmark worker's openUserTask activity
 * reports each task id here once its row is written (what puts it in a reviewer's queue). Polling
 * the rows or asking the workflow instead would spend, in the measured process or on the measured
 * workflow, work neither engine does.
 */
export class OpenTaskFeed {
  /** Opened before anyone waited for them. */
  private readonly opened = new Set<string>();
  private readonly waiting = new Map<string, () => void>();

  reportOpened(taskId: string): void {
    const wake = this.waiting.get(taskId);
    if (!wake) {
      this.opened.add(taskId);
      return;
    }
    this.waiting.delete(taskId);
    wake();
  }

  whenOpen(taskId: string): Promise<void> {
    if (this.opened.delete(taskId)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(taskId, resolve));
  }
}
