// Units of work for a database many processes share (PostgreSQL): each unit is its own transaction on
// a pooled connection, the step store speaks Prisma's query API, and units with the same lock key (a
// chat) wait for each other through a transaction-scoped advisory lock, across every process.
import type { PrismaClient } from "./client.js";
import { PrismaStepStore } from "./prisma-step-store.js";
import type { RunOptions, Transactions, Work } from "./transactions.js";

const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 60_000 };

export class SeparateTransactions implements Transactions {
  constructor(private readonly prisma: PrismaClient) {}

  run<T>(work: Work<T>, options: RunOptions = {}): Promise<T> {
    return this.prisma.$transaction(async (db) => {
      // Released at COMMIT or ROLLBACK; hashtextextended gives the 64-bit key the lock takes.
      if (options.lockKey) await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${options.lockKey}, 0))`;
      return work({ db, store: new PrismaStepStore(db), engine: "postgresql" });
    }, TRANSACTION_OPTIONS);
  }
}
