// Who receives a push about a complaint: the reporter's chat, an agency's staff, coordinators, one
// staff member. Builds outbox items only; the caller enqueues them in the change's transaction.
import { CHANNEL_NAMES, type ChannelName, type OutboundMessage } from "./push-message.js";
import type { Db } from "../db/database.js";
import type { StaffRecord } from "../db/models.js";
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

export interface StaffPushOptions {
  complaintId?: string;
  /** Identities that get nothing (usually the actor). */
  exclude?: readonly string[];
}

/** The same message to each of these staff members (but those in `exclude`). */
export function toStaff(members: readonly StaffRecord[], message: OutboundMessage, options: StaffPushOptions = {}): OutboxItem[] {
  const exclude = new Set(options.exclude ?? []);
  const items: OutboxItem[] = [];
  for (const staff of members) {
    if (exclude.has(staff.identity)) continue;
    const item = toIdentity(staff.identity, message, options.complaintId);
    if (item) items.push(item);
  }
  return items;
}

/** Every registered member of the agency except the ones in `exclude` (usually the actor). */
export async function toAgencyStaff(
  db: Db,
  agencyCode: string,
  message: OutboundMessage,
  options: StaffPushOptions = {},
): Promise<OutboxItem[]> {
  return toStaff(await staffOfAgency(db, agencyCode), message, options);
}

export function toCoordinators(db: Db, message: OutboundMessage, options: StaffPushOptions = {}): Promise<OutboxItem[]> {
  return toAgencyStaff(db, COORDINATOR_CODE, message, options);
}

/** Who hears of a new complaint: the agency it was routed to at once, and the coordinators. */
export function filingAudience(assignedAgency: string | null): string[] {
  return assignedAgency ? [assignedAgency, COORDINATOR_CODE] : [COORDINATOR_CODE];
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
