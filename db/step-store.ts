// What a dialog step reads and writes, as one interface with one implementation per engine: prepared
// statements on SQLite (db/sql-store.ts, synchronous: the hot path of a single machine) and Prisma's
// query API on PostgreSQL (db/prisma-step-store.ts). Callers always `await`, so either fits.
import type { NewOutboxRow, PhotoData, StaffRecord } from "./models.js";

export interface ChatKey {
  channel: string;
  chatId: string;
}

/** The persisted dialog of one chat: snapshot JSON plus the machine version that wrote it. */
export interface StoredConversation {
  machineVersion: number;
  snapshot: string;
}

/** The reporter behind a chat identity; name and phone refreshed on every filing. */
export interface CitizenIdentity {
  channel: string;
  userId: string;
  chatId: string;
  displayName?: string;
  phone?: string;
}

export interface ComplaintRow {
  id: string;
  trackingCode: string;
  submissionId: string;
  citizenId: string;
  channel: string;
  chatId: string;
  reportType: string;
  description: string;
  suggestedAgency: string;
  suggestedConfidence: number;
  assignedAgency: string | null;
  locationText: string | null;
  latitude: number | null;
  longitude: number | null;
  regionHint: string | null;
  incidentDate: Date | null;
  privacy: string;
  urgent: boolean;
  status: string;
  filedAt: Date;
  routedAt: Date | null;
  routeDueAt: Date;
  responseDueAt: Date | null;
  finishDueAt: Date;
}

export interface EventRow {
  complaintId: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorType: string;
  agencyCode: string | null;
  note: string | null;
  visibleToCitizen: boolean;
  createdAt: Date;
}

export type Awaitable<T> = T | Promise<T>;

export interface ProcessedRecord {
  replies: string | null;
  handledBy: string | null;
}

export interface StepStore {
  processedMessage(channel: string, messageId: string): Awaitable<ProcessedRecord | null>;
  markProcessed(channel: string, messageId: string, now: Date, handledBy: string, replies: string): Awaitable<void>;
  findStaff(identities: readonly string[]): Awaitable<StaffRecord | null>;
  staffOfAgencies(agencies: readonly string[]): Awaitable<StaffRecord[]>;
  awaitsCitizenReply(channel: string, userId: string, finishedSince: Date): Awaitable<boolean>;
  loadConversation(key: ChatKey): Awaitable<StoredConversation | null>;
  saveConversation(key: ChatKey, value: StoredConversation, now: Date): Awaitable<void>;
  saveDraftPhoto(id: string, draftKey: string, photo: PhotoData, source: string, now: Date): Awaitable<void>;
  discardDraftPhotos(draftKey: string): Awaitable<void>;
  attachDraftPhotos(draftKey: string, photoIds: readonly string[], complaintId: string): Awaitable<void>;
  complaintBySubmission(
    submissionId: string,
  ): Awaitable<{ id: string; trackingCode: string; status: string; assignedAgency: string | null } | null>;
  trackingCodeTaken(code: string): Awaitable<boolean>;
  upsertCitizen(who: CitizenIdentity, now: Date): Awaitable<string>;
  insertComplaint(row: ComplaintRow): Awaitable<void>;
  insertEvent(row: EventRow): Awaitable<void>;
  enqueueOutbox(row: NewOutboxRow, now: Date): Awaitable<void>;
}
