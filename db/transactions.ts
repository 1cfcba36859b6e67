// The one way to the database: every read and write runs as a unit of work in `run(work)`, which hands
// it one transaction with the Prisma client (lifecycle, reports, outbox) and the step store (dialog
// steps) inside it. SQLite group-commits units on its one connection (db/group-commit.ts); PostgreSQL
// gives each unit its own transaction and serializes units of one chat with a lock (db/separate-transactions.ts).
import type { Db } from "./client.js";
import type { Engine } from "./engine-url.js";
import type { StepStore } from "./step-store.js";

/** What a unit of work may touch: both run in the same transaction. */
export interface Tx {
  db: Db;
  store: StepStore;
  /** For the few queries whose SQL differs (row locks PostgreSQL has and SQLite does not need). */
  engine: Engine;
}

export type Work<T> = (tx: Tx) => T | Promise<T>;

export interface RunOptions {
  /** Units with the same key never run at the same time, in any process (a chat: `telegram:123`). */
  lockKey?: string;
}

export interface Transactions {
  run<T>(work: Work<T>, options?: RunOptions): Promise<T>;
}
