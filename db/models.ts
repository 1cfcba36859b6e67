// The rows the domain reads, as plain types: the data layer's vocabulary. Prisma generates most of them
// from db/schema.prisma; nothing outside db/ names Prisma.
import type { Citizen, Complaint } from "@prisma/client";

export type { Citizen, Complaint, ComplaintEvent } from "@prisma/client";

/** A complaint with its reporter, as permission checks and views read it. */
export type ComplaintWithCitizen = Complaint & { citizen: Citizen };

/** A registered staff member: the one shape the lifecycle (StaffActor), the commands and the dashboard use. */
export interface StaffRecord {
  identity: string;
  /** KOORDINATOR or an agency code. */
  agencyCode: string;
  name: string | null;
}

/** A push to write to the outbox: the payload is already encoded (complaints/outbox.ts). */
export interface NewOutboxRow {
  channel: string;
  chatId: string;
  payload: string;
  complaintId: string | null;
}

export interface PhotoData {
  data: Buffer;
  mimeType: string;
}
