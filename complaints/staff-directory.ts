// Staff registrations: who is a coordinator or an agency's liaison officer, keyed by channel identity.
// Used by the CLI (npm run staff), the /staf command and the notifications.
import { CHANNEL_NAMES, type ChannelName } from "./push-message.js";
import type { Db } from "../db/database.js";
import type { StaffRecord } from "../db/models.js";
import { allStaff } from "../db/staff-repository.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";

export interface ParsedIdentity {
  identity: string;
  channel: ChannelName;
  /** Private chats: the chat id equals the user id, so notifications go here. */
  chatId: string;
}

/** "telegram:123456" -> channel + chat id; null when the channel is unknown or the id is empty. */
export function parseIdentity(input: string): ParsedIdentity | null {
  const trimmed = input.trim();
  const colon = trimmed.indexOf(":");
  if (colon <= 0) return null;
  const channel = trimmed.slice(0, colon).toLowerCase();
  const id = trimmed.slice(colon + 1);
  if (!(CHANNEL_NAMES as readonly string[]).includes(channel)) return null;
  if (id === "" || /\s/.test(id)) return null;
  return { identity: `${channel}:${id}`, channel: channel as ChannelName, chatId: id };
}

/** Agency codes are upper-case letters, digits, "_" and "-", e.g. DPUPR or SATPOL_PP. */
export function normalizeAgencyCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return /^[A-Z][A-Z0-9_-]{1,31}$/.test(code) ? code : null;
}

export { findStaff, removeStaff, staffOfAgency, upsertStaff } from "../db/staff-repository.js";

/** Coordinators first, then by agency and identity. */
export async function listStaff(db: Db): Promise<StaffRecord[]> {
  const rows = await allStaff(db);
  return [
    ...rows.filter((row) => row.agencyCode === COORDINATOR_CODE),
    ...rows.filter((row) => row.agencyCode !== COORDINATOR_CODE),
  ];
}
