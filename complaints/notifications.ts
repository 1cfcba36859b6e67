// Who receives a push about a complaint: the reporter's chat, an agency's staff, coordinators, one
// staff member. Builds outbox items only; the caller enqueues them in the change's transaction.
import { CHANNEL_NAMES, type ChannelName, type OutboundMessage } from "./push-message.js";
import type { Db } from "../db/database.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import type { OutboxItem } from "./outbox.js";
import { parseIdentity, staffOfAgency } from "./staff-directory.js";

export interface ComplaintAddress {
  id: string;
  trackingCode: string;
  channel: string;
  chatId: string;
}

function channelOf(complaint: ComplaintAddress): ChannelName {
  if ((CHANNEL_NAMES as readonly string[]).includes(complaint.channel)) return complaint.channel as ChannelName;
  throw new Error(`Complaint ${complaint.trackingCode} has unknown channel "${complaint.channel}"`);
}

/** Pushes into the chat the citizen filed from: a reply there reaches the same person. */
export function toCitizen(complaint: ComplaintAddress, messages: OutboundMessage[]): OutboxItem[] {
  const channel = channelOf(complaint);
  return messages.map((message) => ({ channel, chatId: complaint.chatId, message, complaintId: complaint.id }));
}

export function toIdentity(identity: string, message: OutboundMessage, complaintId?: string): OutboxItem | null {
  const parsed = parseIdentity(identity);
  if (!parsed) return null;
  return { channel: parsed.channel, chatId: parsed.chatId, message, ...(complaintId ? { complaintId } : {}) };
}

/** Every registered member of the agency except the ones in `exclude` (usually the actor). */
export async function toAgencyStaff(
  db: Db,
  agencyCode: string,
  message: OutboundMessage,
  options: { complaintId?: string; exclude?: readonly string[] } = {},
): Promise<OutboxItem[]> {
  const exclude = new Set(options.exclude ?? []);
  const items: OutboxItem[] = [];
  for (const staff of await staffOfAgency(db, agencyCode)) {
    if (exclude.has(staff.identity)) continue;
    const item = toIdentity(staff.identity, message, options.complaintId);
    if (item) items.push(item);
  }
  return items;
}

export function toCoordinators(
  db: Db,
  message: OutboundMessage,
  options: { complaintId?: string; exclude?: readonly string[] } = {},
): Promise<OutboxItem[]> {
  return toAgencyStaff(db, COORDINATOR_CODE, message, options);
}

/** The same message to several identities, each once. */
export function dedupeItems(items: OutboxItem[]): OutboxItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.channel}:${item.chatId}:${item.message.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
