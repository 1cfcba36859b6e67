// Staff registrations: who is a coordinator or an agency's liaison officer, keyed by channel identity.
// Used by the CLI (npm run staff), the /staf command and the notifications.
import type { Staff } from "@prisma/client";
import { CHANNEL_NAMES, type ChannelName } from "./push-message.js";
import type { Db } from "../db/database.js";
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

export async function findStaff(db: Db, identity: string): Promise<Staff | null> {
  return db.staff.findUnique({ where: { identity } });
}

/** Registers or updates (a second add moves the person to the new agency). */
export async function upsertStaff(
  db: Db,
  input: { identity: string; agencyCode: string; name?: string | null },
): Promise<{ staff: Staff; created: boolean }> {
  const existing = await findStaff(db, input.identity);
  const name = input.name ?? existing?.name ?? null;
  const staff = await db.staff.upsert({
    where: { identity: input.identity },
    create: { identity: input.identity, agencyCode: input.agencyCode, name },
    update: { agencyCode: input.agencyCode, name },
  });
  return { staff, created: existing === null };
}

/** Also ends the person's dashboard sessions and links, so adding them again later revives nothing. */
export async function removeStaff(db: Db, identity: string): Promise<boolean> {
  const result = await db.staff.deleteMany({ where: { identity } });
  await db.dashboardSession.deleteMany({ where: { identity } });
  await db.dashboardLoginToken.deleteMany({ where: { identity } });
  return result.count > 0;
}

/** Coordinators first, then by agency and identity. */
export async function listStaff(db: Db): Promise<Staff[]> {
  const rows = await db.staff.findMany({ orderBy: [{ agencyCode: "asc" }, { identity: "asc" }] });
  return [
    ...rows.filter((row) => row.agencyCode === COORDINATOR_CODE),
    ...rows.filter((row) => row.agencyCode !== COORDINATOR_CODE),
  ];
}

export async function staffOfAgency(db: Db, agencyCode: string): Promise<Staff[]> {
  return db.staff.findMany({ where: { agencyCode }, orderBy: { identity: "asc" } });
}
