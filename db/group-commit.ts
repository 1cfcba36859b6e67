// Units of work on SQLite (db/transactions.ts): every unit (a dialog step, a command, the dispatcher's
// reads and marks, housekeeping) runs inside a Prisma interactive transaction on the one SQLite
// connection, with the prepared-statement store of the hot path beside it (db/sql-store.ts). One
// process owns the file, so a chat's lock key needs nothing more than the runner's per-chat queue.
// Works that arrive in the same event-loop turn share one transaction (group commit), each in its own
// savepoint, so one failing work rolls back alone; results are handed out only after COMMIT, so nobody
// is told "saved" before it is durable. Holding Prisma's transaction lock for the whole batch keeps
// every other unit out: nothing reads or writes another unit's uncommitted rows.
import type { PrismaClient } from "./client.js";
import type { SqlStore } from "./sql-store.js";
import type { Transactions, Work } from "./transactions.js";

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const GATE_PATIENCE_MS = 250;
/** Generous: a batch may carry a report command (a chart and two CSV files) besides dialog steps. */
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 60_000 };

export class GroupCommit implements Transactions {
  private queue: Job[] = [];
  private scheduled = false;
  /** Batches run one after another; the next waits for the previous COMMIT. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly store: SqlStore,
    private readonly maxBatch = 32,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.chain = this.chain.then(() => this.flush());
        });
      }
    });
  }

  private async flush(): Promise<void> {
    // The checkpointer is finishing so the WAL can restart (a few ms): let it, without blocking the event
    // loop. Its pause is only a hint, so a gate left closed (a worker gone mid-checkpoint) is ignored after
    // GATE_PATIENCE_MS rather than holding every chat.
    const since = performance.now();
    while (this.store.checkpointWaiting && performance.now() - since < GATE_PATIENCE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const batch = this.queue.splice(0, this.maxBatch);
    this.scheduled = false;
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => {
        this.chain = this.chain.then(() => this.flush());
      });
    }
    if (batch.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const { raw } = this.store;
    try {
      await this.store.writing(() =>
        this.prisma.$transaction(async (db) => {
          for (const job of batch) {
            raw.exec("SAVEPOINT unit");
            try {
              const value = await job.work({ db, store: this.store, engine: "sqlite" });
              raw.exec("RELEASE unit");
              outcomes.push({ ok: true, value });
            } catch (error) {
              raw.exec("ROLLBACK TO unit");
              raw.exec("RELEASE unit");
              outcomes.push({ ok: false, value: error });
            }
          }
        }, TRANSACTION_OPTIONS),
      );
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
