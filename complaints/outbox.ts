// The durable outbox: messages for other chats are written in the same transaction as the change
// they announce, and delivered later by the dispatcher. A crash in between loses nothing.
import type { ChannelName, OutboundMessage } from "./push-message.js";
import type { Db } from "../db/database.js";
import type { NewOutboxRow } from "../db/models.js";
import { insertOutboxRows } from "../db/outbox-repository.js";

export interface OutboxItem {
  channel: ChannelName;
  chatId: string;
  message: OutboundMessage;
  complaintId?: string;
}

// Buffers in outbound files are stored as base64 so the payload stays plain JSON.
const withBase64 = (_key: string, value: unknown): unknown =>
  value && typeof value === "object" && (value as { type?: string }).type === "Buffer"
    ? { $base64: Buffer.from((value as { data: number[] }).data).toString("base64") }
    : value;
const fromBase64 = (_key: string, value: unknown): unknown =>
  value && typeof value === "object" && typeof (value as { $base64?: unknown }).$base64 === "string"
    ? Buffer.from((value as { $base64: string }).$base64, "base64")
    : value;

export function encodePayload(message: OutboundMessage): string {
  return JSON.stringify(message, withBase64);
}

export function decodePayload(payload: string): OutboundMessage {
  return JSON.parse(payload, fromBase64) as OutboundMessage;
}

/** The replies of one step, stored with its processed-message record. */
export function encodeReplies(messages: readonly OutboundMessage[]): string {
  return JSON.stringify(messages, withBase64);
}

export function decodeReplies(stored: string): OutboundMessage[] {
  return JSON.parse(stored, fromBase64) as OutboundMessage[];
}

/** The rows that hold these pushes, for either write path (the hot path's store or a transaction). */
export function outboxRows(items: readonly OutboxItem[]): NewOutboxRow[] {
  return items.map((item) => ({
    channel: item.channel,
    chatId: item.chatId,
    payload: encodePayload(item.message),
    complaintId: item.complaintId ?? null,
  }));
}

/** Due at once; in the caller's transaction, so the pushes commit with the change they announce. */
export function enqueueMessages(db: Db, items: OutboxItem[], now: Date): Promise<void> {
  return insertOutboxRows(db, outboxRows(items), now);
}
