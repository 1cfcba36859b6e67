// The outbox table: pushes written in the transaction of the change they announce, picked up by the
// dispatcher, updated by its sends and by platform receipts. What each outcome means is complaints/' call.
import type { Db } from "./client.js";
import type { NewOutboxRow } from "./models.js";
import { joinSql, queryRows } from "./raw-sql.js";

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

/** Pending rows due by `now` for these channels (and, where given, only these chats), oldest first. */
export function dueOutboxRows(
  db: Db,
  options: { now: Date; reachable: ReadonlyArray<{ channel: string; chatIds?: readonly string[] }>; limit: number },
): Promise<DueOutboxRow[]> {
  const reachable = options.reachable.map((target) =>
    target.chatIds ? { channel: target.channel, chatId: { in: [...target.chatIds] } } : { channel: target.channel },
  );
  return db.outboxMessage.findMany({
    where: { status: OUTBOX_STATUS.PENDING, nextAttemptAt: { lte: options.now }, OR: reachable },
    orderBy: { id: "asc" },
    take: options.limit,
    select: { id: true, channel: true, chatId: true, payload: true, attempts: true, complaintId: true, errorCode: true },
  });
}

/**
 * Claims due rows for one dispatcher: their next attempt moves to `leaseUntil`, so no other dispatcher,
 * in this process or another, takes them meanwhile (a crash mid-send makes them due again after the
 * lease: at-least-once). A conditional UPDATE ... RETURNING is the claim: on PostgreSQL a second claimer
 * waits for the first one's commit and then finds the rows no longer due. A row also waits while an
 * earlier row of its chat is not due (being sent, or retrying), so a chat's pushes keep their order.
 */
export async function claimDueOutboxRows(
  db: Db,
  options: {
    now: Date;
    leaseUntil: Date;
    reachable: ReadonlyArray<{ channel: string; chatIds?: readonly string[] }>;
    limit: number;
  },
): Promise<DueOutboxRow[]> {
  const due = await dueOutboxRows(db, options);
  if (due.length === 0) return [];
  const claimed = await queryRows<{ id: number | bigint }>(db)`
    UPDATE "OutboxMessage" SET "nextAttemptAt" = ${options.leaseUntil}
    WHERE "id" IN (${joinSql(due.map((row) => [row.id]))}) AND "status" = ${OUTBOX_STATUS.PENDING}
      AND "nextAttemptAt" <= ${options.now}
      AND NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" AS earlier
        WHERE earlier."channel" = "OutboxMessage"."channel" AND earlier."chatId" = "OutboxMessage"."chatId"
          AND earlier."status" = ${OUTBOX_STATUS.PENDING} AND earlier."id" < "OutboxMessage"."id"
          AND earlier."nextAttemptAt" > ${options.now})
    RETURNING "id"`;
  const ids = new Set(claimed.map((row) => Number(row.id)));
  return due.filter((row) => ids.has(row.id));
}

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
