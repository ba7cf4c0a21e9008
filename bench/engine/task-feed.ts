/**
 * Tells the driver when a user task has opened, the way a reviewer learns it: from the task rows
 * the openUserTask activity writes (the portal's queues read the same rows). One query per tick
 * for every task awaited, so waiting costs the engine nothing; asking the workflow instead
 * (queries, or updates refused until the task opens) would load the worker being measured.
 */
import type { Db } from '../../prisma/client';

const TICK_MS = 10;

export class OpenTaskFeed {
  private readonly awaited = new Map<string, () => void>();
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(private readonly db: Db) {
    this.loop = this.run();
  }

  whenOpen(taskId: string): Promise<void> {
    return new Promise((resolve) => this.awaited.set(taskId, resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.awaited.size > 0) {
        const open = await this.db.task.findMany({ where: { id: { in: [...this.awaited.keys()] }, status: 'open' }, select: { id: true } });
        for (const { id } of open) {
          this.awaited.get(id)?.();
          this.awaited.delete(id);
        }
      }
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
  }
}
