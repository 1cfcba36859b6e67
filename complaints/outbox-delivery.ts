// What happens to an outbox row after the platform accepted it: delivery receipts (sent, delivered,
// read, failed with a code), and pushes held while a 24-hour service window is closed, released as
// soon as the recipient writes again. Channels report; these rules decide; db/ stores.
import { recordInboundAt } from "../db/chat-activity-repository.js";
import type { Db } from "../db/database.js";
import {
  OUTBOX_STATUS,
  outboxRowByPlatformId,
  releaseHeldRows,
  undeliveredRows,
  updateOutboxRow,
} from "../db/outbox-repository.js";
import type { ChannelName } from "./push-message.js";

export { OUTBOX_STATUS } from "../db/outbox-repository.js";

/** WhatsApp's "re-engagement message": free text outside the 24-hour window. Answered with the template notice. */
export const WINDOW_CLOSED_CODE = "131047";

export type DeliveryState = "sent" | "delivered" | "read" | "failed";

export interface DeliveryReceipt {
  channel: ChannelName;
  /** The platform's id of the message (WhatsApp wamid). */
  platformMessageId: string;
  state: DeliveryState;
  at: Date;
  errorCode?: string;
  /** What went wrong, readable by staff, e.g. "WhatsApp 131026: nomor tidak dapat menerima pesan WhatsApp". */
  errorTitle?: string;
}

/** Receipts can arrive out of order (read before delivered): a state never moves back. */
const RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3 };

export type ReceiptOutcome = "unknown" | "recorded" | "resend";

export async function recordDeliveryReceipt(db: Db, receipt: DeliveryReceipt): Promise<ReceiptOutcome> {
  const row = await outboxRowByPlatformId(db, receipt.channel, receipt.platformMessageId);
  if (!row) return "unknown"; // a direct reply, not an outbox push
  if (receipt.state !== "failed") {
    if ((RANK[receipt.state] ?? 0) <= (RANK[row.deliveryStatus ?? ""] ?? 0) || row.deliveryStatus === "failed") {
      return "recorded";
    }
    await updateOutboxRow(db, row.id, { deliveryStatus: receipt.state, deliveryUpdatedAt: receipt.at });
    return "recorded";
  }
  const code = receipt.errorCode ?? null;
  const lastError = (receipt.errorTitle ?? `${receipt.channel} ${code ?? "?"}: gagal terkirim`).slice(0, 500);
  const failedData = { deliveryStatus: "failed", deliveryUpdatedAt: receipt.at, errorCode: code, lastError };
  if (code === WINDOW_CLOSED_CODE && row.status === OUTBOX_STATUS.SENT && row.errorCode !== WINDOW_CLOSED_CODE) {
    // Our record of the window disagreed with the platform's: send it again, as the template notice.
    await updateOutboxRow(db, row.id, { ...failedData, status: OUTBOX_STATUS.PENDING, nextAttemptAt: receipt.at, sentAt: null });
    return "resend";
  }
  await updateOutboxRow(db, row.id, { ...failedData, status: OUTBOX_STATUS.FAILED });
  return "recorded";
}

/**
 * The recipient wrote to us: the window is open again from `at`, and pushes held for it go out now.
 * Returns how many held pushes were released.
 */
export async function recordInbound(db: Db, channel: ChannelName, chatId: string, at: Date): Promise<number> {
  await recordInboundAt(db, channel, chatId, at);
  return releaseHeldRows(db, channel, chatId, at);
}

/**
 * Pushes about this complaint that did not reach their reader: refused for good by the platform, or
 * held until the recipient writes again. Shown to staff in /lihat, so an officer can call instead.
 */
export async function undeliveredPushes(
  db: Db,
  complaintId: string,
): Promise<Array<{ chatId: string; at: Date; held: boolean; lastError: string | null }>> {
  const rows = await undeliveredRows(db, complaintId);
  return rows.map((row) => ({
    chatId: row.chatId,
    at: row.deliveryUpdatedAt ?? row.createdAt,
    held: row.status === OUTBOX_STATUS.HELD,
    lastError: row.status === OUTBOX_STATUS.HELD ? null : row.lastError,
  }));
}
