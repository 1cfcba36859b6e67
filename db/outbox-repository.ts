// The outbox table: pushes written in the transaction of the change they announce, picked up by the
// dispatcher, updated by its sends and by platform receipts. What each outcome means is complaints/' call.
import type { Db } from "./client.js";
import type { NewOutboxRow } from "./models.js";
import { joinSql, queryRows, sqlText } from "./raw-sql.js";
import type { Tx } from "./transactions.js";

export const OUTBOX_STATUS = { PENDING: "PENDING", SENT: "SENT", FAILED: "FAILED", HELD: "HELD" } as const;

/** A row as the dispatcher delivers it. */
export interface DueOutboxRow {
  id: number;
  channel: string;
  chatId: string;
  payload: string;
  attempts: number;
  complaintId: string | null;
  errorCode: string | null;
}

/** What a send, a retry or a receipt changes on a row. */
export interface OutboxRowChanges {
  status?: string;
  attempts?: number;
  nextAttemptAt?: Date;
  sentAt?: Date | null;
  lastError?: string | null;
  errorCode?: string | null;
  platformMessageId?: string | null;
  deliveryStatus?: string | null;
  deliveryUpdatedAt?: Date;
}

/** Due from `now` on: the first attempt is made at once, a retry after its back-off. */
export async function insertOutboxRows(db: Db, rows: readonly NewOutboxRow[], now: Date): Promise<void> {
  for (const row of rows) await db.outboxMessage.create({ data: { ...row, nextAttemptAt: now } });
}

type Reachable = ReadonlyArray<{ channel: string; chatIds?: readonly string[] }>;

/** `channel = ? [AND chatId IN (...)]` for each channel a sender delivers to, OR-ed; false when none. */
function reachableSql(reachable: Reachable): unknown[] {
  const targets = reachable.filter((target) => !target.chatIds || target.chatIds.length > 0);
  if (targets.length === 0) return [sqlText("1 = 0")];
  const clauses = targets.map((target) =>
    target.chatIds
      ? [
          sqlText('("channel" = '),
          target.channel,
          sqlText(' AND "chatId" IN ('),
          joinSql(target.chatIds.map((id) => [id])),
          sqlText("))"),
        ]
      : [sqlText('("channel" = '), target.channel, sqlText(")")],
  );
  return [sqlText("("), joinSql(clauses, " OR "), sqlText(")")];
}

/**
 * Claims due rows for one dispatcher: their next attempt moves to `leaseUntil`, so no other dispatcher,
 * in this process or another, takes them meanwhile (a crash mid-send makes them due again after the
 * lease: at-least-once). On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED: a second
 * dispatcher passes over rows the first is claiming instead of waiting for them. A row is claimed only
 * when every earlier pending row of its chat is claimed with it: one being claimed or sent elsewhere
 * (skipped, or leased) or retried later holds the chat's later pushes back, so a chat's order is kept.
 */
export async function claimDueOutboxRows(
  tx: Pick<Tx, "db" | "engine">,
  options: { now: Date; leaseUntil: Date; reachable: Reachable; limit: number },
): Promise<DueOutboxRow[]> {
  const pending = OUTBOX_STATUS.PENDING;
  const lock = sqlText(tx.engine === "postgresql" ? "FOR UPDATE SKIP LOCKED" : "");
  const rows = await queryRows<RawOutboxRow>(tx.db)`
    WITH candidate AS MATERIALIZED (
      SELECT "id", "channel", "chatId" FROM "OutboxMessage"
      WHERE "status" = ${pending} AND "nextAttemptAt" <= ${options.now} AND ${reachableSql(options.reachable)}
      ORDER BY "id" LIMIT ${options.limit} ${lock})
    UPDATE "OutboxMessage" SET "nextAttemptAt" = ${options.leaseUntil}
    WHERE "id" IN (
      SELECT c."id" FROM candidate AS c
      WHERE NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" AS earlier
        WHERE earlier."channel" = c."channel" AND earlier."chatId" = c."chatId" AND earlier."status" = ${pending}
          AND earlier."id" < c."id" AND earlier."id" NOT IN (SELECT "id" FROM candidate)))
    RETURNING "id", "channel", "chatId", "payload", "attempts", "complaintId", "errorCode"`;
  return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) })).sort((a, b) => a.id - b.id);
}

/** As raw SQL returns it: integers may come back as bigint. */
type RawOutboxRow = Omit<DueOutboxRow, "id" | "attempts"> & { id: number | bigint; attempts: number | bigint };

/** Claimed rows that were not attempted (an earlier push of their chat is retried first): due again now. */
export async function releaseOutboxRows(db: Db, ids: readonly number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.outboxMessage.updateMany({
    where: { id: { in: [...ids] }, status: OUTBOX_STATUS.PENDING },
    data: { nextAttemptAt: now },
  });
}

export async function updateOutboxRow(db: Db, id: number, changes: OutboxRowChanges): Promise<void> {
  await db.outboxMessage.update({ where: { id }, data: changes });
}

/** The row a platform receipt is about: the message id the platform gave when it accepted the send. */
export function outboxRowByPlatformId(
  db: Db,
  channel: string,
  platformMessageId: string,
): Promise<{ id: number; status: string; deliveryStatus: string | null; errorCode: string | null } | null> {
  return db.outboxMessage.findFirst({
    where: { channel, platformMessageId },
    select: { id: true, status: true, deliveryStatus: true, errorCode: true },
  });
}

/** Held pushes of this chat become due at `at`; returns how many. */
export async function releaseHeldRows(db: Db, channel: string, chatId: string, at: Date): Promise<number> {
  const released = await db.outboxMessage.updateMany({
    where: { channel, chatId, status: OUTBOX_STATUS.HELD },
    data: { status: OUTBOX_STATUS.PENDING, nextAttemptAt: at, errorCode: null },
  });
  return released.count;
}

/** Pushes about a complaint that failed for good or are held, in order. */
export function undeliveredRows(
  db: Db,
  complaintId: string,
): Promise<Array<{ chatId: string; status: string; createdAt: Date; deliveryUpdatedAt: Date | null; lastError: string | null }>> {
  return db.outboxMessage.findMany({
    where: { complaintId, status: { in: [OUTBOX_STATUS.FAILED, OUTBOX_STATUS.HELD] } },
    orderBy: { id: "asc" },
    select: { chatId: true, status: true, createdAt: true, deliveryUpdatedAt: true, lastError: true },
  });
}

/** True when this chat already has a push, about no complaint, whose payload starts with `prefix`. */
export async function chatHasPushStartingWith(db: Db, channel: string, chatId: string, prefix: string): Promise<boolean> {
  const row = await db.outboxMessage.findFirst({
    where: { channel, chatId, complaintId: null, payload: { startsWith: prefix } },
    select: { id: true },
  });
  return row !== null;
}
