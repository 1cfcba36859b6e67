// Persisted dialogs: one row per chat holding the machine version and the snapshot JSON.
import type { Db } from "./database.js";

export interface StoredConversation {
  machineVersion: number;
  snapshot: string;
}

export interface ChatKey {
  channel: string;
  chatId: string;
}

export async function loadConversation(db: Db, key: ChatKey): Promise<StoredConversation | null> {
  return db.conversation.findUnique({
    where: { channel_chatId: key },
    select: { machineVersion: true, snapshot: true },
  });
}

export async function saveConversation(db: Db, key: ChatKey, value: StoredConversation): Promise<void> {
  await db.conversation.upsert({
    where: { channel_chatId: key },
    create: { ...key, ...value },
    update: value,
  });
}
