// The reporter behind a chat identity; name and phone refreshed on every filing.
import type { Db } from "./database.js";

export interface CitizenIdentity {
  channel: string;
  userId: string;
  chatId: string;
  displayName?: string;
  phone?: string;
}

export async function upsertCitizen(db: Db, who: CitizenIdentity): Promise<string> {
  const data = { chatId: who.chatId, displayName: who.displayName ?? null, phone: who.phone ?? null };
  const row = await db.citizen.upsert({
    where: { channel_userId: { channel: who.channel, userId: who.userId } },
    create: { channel: who.channel, userId: who.userId, ...data },
    update: data,
    select: { id: true },
  });
  return row.id;
}
