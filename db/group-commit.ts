// Group commit: synchronous units of work that arrive in the same event-loop turn share one SQLite
// transaction (each in its own savepoint, so one failing unit rolls back alone). Results are handed
// out only after the shared COMMIT, so nobody is told "saved" before it is durable.
import type { SqlStore } from "./sql-store.js";

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const GATE_PATIENCE_MS = 250;

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly store: SqlStore,
    private readonly maxBatch = 32,
  ) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    // A Prisma transaction of a command is open on the shared connection, or the checkpointer is
    // finishing so the WAL can restart (a few ms): let it finish first, without blocking the event loop.
    // The checkpointer's pause is only a hint, so a gate left closed (a worker gone mid-checkpoint) is
    // ignored after GATE_PATIENCE_MS rather than holding every chat.
    const since = performance.now();
    const gateHolds = () => this.store.checkpointWaiting && performance.now() - since < GATE_PATIENCE_MS;
    while (this.store.inTransaction || gateHolds()) await new Promise((resolve) => setImmediate(resolve));
    const batch = this.queue.splice(0, this.maxBatch);
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => void this.flush());
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.store.transaction(() => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: this.store.transaction(job.work) });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.value);
    });
  }
}
