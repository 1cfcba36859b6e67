// Redeliveries come within minutes; handled message ids older than the retention are dropped.
import type { Db } from "./client.js";

export async function pruneProcessed(db: Db, olderThan: Date): Promise<number> {
  const { count } = await db.processedMessage.deleteMany({ where: { createdAt: { lt: olderThan } } });
  return count;
}
