// The one way to work on the database: an interactive transaction with the standard limits. Every read
// and write of a command, the dashboard, the dispatcher and housekeeping runs in one. On the shared
// SQLite connection a query outside a transaction would join (or read) whatever transaction is open.
import type { Db, PrismaClient } from "./client.js";

export interface TransactionLimits {
  /** How long to wait for the connection (another transaction holds it), in ms. */
  maxWait?: number;
  /** How long the work may take once it has the connection, in ms. */
  timeout?: number;
}

/** A chat's command or a report may hold the connection for a while: wait for it rather than fail. */
export const TRANSACTION_LIMITS: Required<TransactionLimits> = { maxWait: 60_000, timeout: 30_000 };

/** Runs `work` in one transaction: all of it commits, or none of it (it rolls back when work throws). */
export function transaction<T>(client: PrismaClient, work: (db: Db) => Promise<T>, limits: TransactionLimits = {}): Promise<T> {
  return client.$transaction((tx) => work(tx), { ...TRANSACTION_LIMITS, ...limits });
}
