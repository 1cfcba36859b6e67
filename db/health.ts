// Read-only checks behind /readyz and /metrics: is the database still there and answering, and how
// far behind is the outbox. Both run as units of work (db/transactions.ts): ready means a unit can run.
import { statSync } from "node:fs";
import type { Db } from "./client.js";
import type { Transactions } from "./transactions.js";
import { OUTBOX_STATUS } from "./outbox-repository.js";

export type DatabaseCheck = { ok: true } | { ok: false; error: string };

/**
 * Remembers which file was opened, so a volume that disappeared or a file replaced underneath the
 * running bot (a restore without stopping it) shows up as not ready, not as silently lost writes.
 */
/** `filePath` for SQLite (a file removed or replaced under the bot is a fault); null for a server. */
export function createDatabaseCheck(transactions: Transactions, filePath: string | null): () => Promise<DatabaseCheck> {
  const inode = filePath === null ? null : statSync(filePath).ino;
  return async () => {
    try {
      if (filePath !== null) {
        const now = statSync(filePath, { throwIfNoEntry: false });
        if (!now) return { ok: false, error: `database file missing: ${filePath}` };
        if (now.ino !== inode) return { ok: false, error: `database file was replaced while running: ${filePath}` };
      }
      await transactions.run(({ db }) => db.$queryRaw`SELECT 1`);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? (error.message.split("\n")[0] ?? "error") : String(error) };
    }
  };
}

export interface OutboxBacklog {
  /** Rows waiting for delivery (due now or retrying later). */
  pending: number;
  /** Rows given up on (permanent refusal or too many attempts). */
  failed: number;
  /** Age of the oldest pending row of a running channel, 0 when none waits. */
  oldestPendingSeconds: number;
}

/** Only channels this process delivers count for the oldest row: rows for a channel that is not configured wait by design. */
export async function outboxBacklog(db: Db, channels: readonly string[], now: Date): Promise<OutboxBacklog> {
  // One after the other: a transaction has one connection.
  const groups = await db.outboxMessage.groupBy({
    by: ["status"],
    where: { status: { in: [OUTBOX_STATUS.PENDING, OUTBOX_STATUS.FAILED] } },
    _count: { _all: true },
  });
  const oldest = await db.outboxMessage.findFirst({
    where: { status: OUTBOX_STATUS.PENDING, channel: { in: [...channels] } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const count = (status: string) => groups.find((group) => group.status === status)?._count._all ?? 0;
  return {
    pending: count(OUTBOX_STATUS.PENDING),
    failed: count(OUTBOX_STATUS.FAILED),
    oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0,
  };
}
