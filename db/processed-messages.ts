// Platform message ids already handled. Recorded in the same transaction as the work they caused,
// so a redelivered update is either fully processed once or not at all.
import type { Db } from "./database.js";

/** Returns false when the message was already handled. */
export async function markProcessed(db: Db, channel: string, messageId: string): Promise<boolean> {
  const seen = await db.processedMessage.findUnique({ where: { channel_messageId: { channel, messageId } } });
  if (seen) return false;
  await db.processedMessage.create({ data: { channel, messageId } });
  return true;
}

/** Redeliveries come within minutes; ids older than the retention are dropped to keep the table small. */
export async function pruneProcessed(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedMessage.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
