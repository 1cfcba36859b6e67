// When someone last wrote to us on a chat: WhatsApp allows free text only within 24 hours of it.
import type { Db } from "./client.js";

export async function lastInboundAt(db: Db, channel: string, chatId: string): Promise<Date | null> {
  const row = await db.chatActivity.findUnique({
    where: { channel_chatId: { channel, chatId } },
    select: { lastInboundAt: true },
  });
  return row?.lastInboundAt ?? null;
}

/** Remembers `at`, unless a later message is already known (messages may be handled out of order). */
export async function recordInboundAt(db: Db, channel: string, chatId: string, at: Date): Promise<void> {
  const known = await lastInboundAt(db, channel, chatId);
  if (!known) await db.chatActivity.create({ data: { channel, chatId, lastInboundAt: at } });
  else if (known.getTime() < at.getTime()) {
    await db.chatActivity.update({ where: { channel_chatId: { channel, chatId } }, data: { lastInboundAt: at } });
  }
}
