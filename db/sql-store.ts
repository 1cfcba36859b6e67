// The hot path of every message in plain prepared SQL on Prisma's own connection: dedup, staff lookup,
// dialog snapshots, draft photos and filing. Synchronous, so a step runs as one uninterrupted
// transaction; Prisma's per-query cost (about 0.5 ms) would otherwise cap a machine at ~200 msg/s.
// Rows are written exactly as Prisma writes them (ISO dates with +00:00, 0/1 booleans) so both read them.
import { randomUUID } from "node:crypto";
import { STAFF_COLUMNS_SQL } from "./staff-repository.js";
import type Database from "better-sqlite3";
import { photoDigest } from "./attachment-repository.js";
import type { CheckpointGate } from "./checkpointer.js";
import type { ChatKey, CitizenIdentity, ComplaintRow, EventRow, StepStore, StoredConversation } from "./step-store.js";

export type { ChatKey, CitizenIdentity, ComplaintRow, EventRow, StoredConversation } from "./step-store.js";
import { FEEDBACK_PENDING_SQL, QUESTION_PENDING_SQL } from "./citizen-waits.js";
import type { NewOutboxRow, PhotoData, StaffRecord } from "./models.js";
import { OUTBOX_STATUS } from "./outbox-repository.js";

export type { PhotoData, StaffRecord } from "./models.js";

/** Dates as Prisma writes them on SQLite, so both read every row alike. */
export function sqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const nullableDate = (date: Date | null) => (date ? sqlDate(date) : null);

export class SqlStore implements StepStore {
  private readonly statements = new Map<string, Database.Statement>();
  /** Built once: better-sqlite3 makes a new wrapper (four variants) on every transaction() call. */
  private readonly atomically: (fn: () => unknown) => unknown;

  constructor(
    readonly raw: Database.Database,
    private readonly gate?: CheckpointGate,
  ) {
    this.atomically = raw.transaction((fn: () => unknown) => fn());
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      // Prisma's connection returns BigInt by default; our rows hold small integers.
      statement = this.raw.prepare(text);
      if (statement.reader) statement.safeIntegers(false);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Runs fn atomically: its own transaction, or a savepoint inside one already open. */
  transaction<T>(fn: () => T): T {
    // An outer transaction is marked for the checkpointer, which waits for a write in progress (db/checkpointer.ts).
    const outer = !this.raw.inTransaction;
    if (outer) this.gate?.enterWrite();
    try {
      return this.atomically(fn) as T;
    } finally {
      if (outer) this.gate?.leaveWrite();
    }
  }

  /** Runs an asynchronous transaction (group-commit.ts) marked as a write for the checkpointer. */
  async writing<T>(fn: () => Promise<T>): Promise<T> {
    this.gate?.enterWrite();
    try {
      return await fn();
    } finally {
      this.gate?.leaveWrite();
    }
  }

  get inTransaction(): boolean {
    return this.raw.inTransaction;
  }

  /** The checkpointer is finishing a checkpoint so the WAL can restart: hold new writes for a moment. */
  get checkpointWaiting(): boolean {
    return this.gate?.closed ?? false;
  }

  /** The record of a message already handled: its stored replies (JSON) and the process run that handled it. */
  processedMessage(channel: string, messageId: string): { replies: string | null; handledBy: string | null } | null {
    const row = this.sql(`SELECT replies, handledBy FROM "ProcessedMessage" WHERE channel = ? AND messageId = ?`).get(
      channel,
      messageId,
    );
    return (row as { replies: string | null; handledBy: string | null } | undefined) ?? null;
  }

  /** Records a handled message with its replies, in the step's transaction (after processedMessage found none). */
  markProcessed(channel: string, messageId: string, now: Date, handledBy: string, replies: string): void {
    this.sql(`INSERT INTO "ProcessedMessage" (channel, messageId, createdAt, handledBy, replies) VALUES (?, ?, ?, ?, ?)`).run(
      channel,
      messageId,
      sqlDate(now),
      handledBy,
      replies,
    );
  }

  findStaff(identities: readonly string[]): StaffRecord | null {
    const [first, second] = identities;
    const row = second
      ? this.sql(`SELECT ${STAFF_COLUMNS_SQL} FROM "Staff" WHERE identity IN (?, ?) LIMIT 1`).get(first, second)
      : this.sql(`SELECT ${STAFF_COLUMNS_SQL} FROM "Staff" WHERE identity = ?`).get(first);
    return (row as StaffRecord | undefined) ?? null;
  }

  staffOfAgencies(agencies: readonly string[]): StaffRecord[] {
    const placeholders = agencies.map(() => "?").join(", ");
    return this.sql(`SELECT ${STAFF_COLUMNS_SQL} FROM "Staff" WHERE agencyCode IN (${placeholders})`).all(
      ...agencies,
    ) as StaffRecord[];
  }

  /**
   * True when something waits for this citizen's plain reply: an officer's question (/tanya), or the
   * rating or "sudah beres?" of a complaint finished since `finishedSince` (a cheap prefilter; the
   * lifecycle checks the exact reopen window).
   */
  awaitsCitizenReply(channel: string, userId: string, finishedSince: Date): boolean {
    const row = this.sql(
      `SELECT 1 FROM "Complaint" c JOIN "Citizen" p ON p.id = c.citizenId
       WHERE p.channel = ? AND p.userId = ? AND (
         (${QUESTION_PENDING_SQL}) OR (${FEEDBACK_PENDING_SQL} AND c.finishedAt >= ?)
       ) LIMIT 1`,
    ).get(channel, userId, sqlDate(finishedSince));
    return row !== undefined;
  }

  loadConversation(key: ChatKey): StoredConversation | null {
    const row = this.sql(`SELECT machineVersion, snapshot FROM "Conversation" WHERE channel = ? AND chatId = ?`).get(
      key.channel,
      key.chatId,
    );
    return (row as StoredConversation | undefined) ?? null;
  }

  saveConversation(key: ChatKey, value: StoredConversation, now: Date): void {
    this.sql(
      `INSERT INTO "Conversation" (channel, chatId, machineVersion, snapshot, updatedAt) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (channel, chatId) DO UPDATE SET machineVersion = excluded.machineVersion, snapshot = excluded.snapshot, updatedAt = excluded.updatedAt`,
    ).run(key.channel, key.chatId, value.machineVersion, value.snapshot, sqlDate(now));
  }

  saveDraftPhoto(id: string, draftKey: string, photo: PhotoData, source: string, now: Date): void {
    this.sql(
      `INSERT INTO "Attachment" (id, complaintId, draftKey, mimeType, sizeBytes, sha256, data, source, createdAt) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, draftKey, photo.mimeType, photo.data.length, photoDigest(photo.data), photo.data, source, sqlDate(now));
  }

  discardDraftPhotos(draftKey: string): void {
    if (draftKey !== "") this.sql(`DELETE FROM "Attachment" WHERE draftKey = ? AND complaintId IS NULL`).run(draftKey);
  }

  attachDraftPhotos(draftKey: string, photoIds: readonly string[], complaintId: string): void {
    const link = this.sql(`UPDATE "Attachment" SET complaintId = ?, draftKey = NULL WHERE id = ? AND draftKey = ?`);
    for (const id of photoIds) link.run(complaintId, id, draftKey);
    this.discardDraftPhotos(draftKey);
  }

  complaintBySubmission(
    submissionId: string,
  ): { id: string; trackingCode: string; status: string; assignedAgency: string | null } | null {
    const row = this.sql(`SELECT id, trackingCode, status, assignedAgency FROM "Complaint" WHERE submissionId = ?`).get(
      submissionId,
    );
    return (row as { id: string; trackingCode: string; status: string; assignedAgency: string | null } | undefined) ?? null;
  }

  trackingCodeTaken(code: string): boolean {
    return this.sql(`SELECT 1 FROM "Complaint" WHERE trackingCode = ?`).get(code) !== undefined;
  }

  upsertCitizen(who: CitizenIdentity, now: Date): string {
    const row = this.sql(
      `INSERT INTO "Citizen" (id, channel, userId, chatId, displayName, phone, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, userId) DO UPDATE SET chatId = excluded.chatId, displayName = excluded.displayName, phone = excluded.phone, updatedAt = excluded.updatedAt
       RETURNING id`,
    ).get(
      randomUUID(),
      who.channel,
      who.userId,
      who.chatId,
      who.displayName ?? null,
      who.phone ?? null,
      sqlDate(now),
      sqlDate(now),
    );
    return (row as { id: string }).id;
  }

  insertComplaint(row: ComplaintRow): void {
    this.sql(
      `INSERT INTO "Complaint" (id, trackingCode, submissionId, citizenId, channel, chatId, reportType, description, suggestedAgency,
         suggestedConfidence, assignedAgency, locationText, latitude, longitude, regionHint, incidentDate, privacy, urgent, status,
         filedAt, routedAt, routeDueAt, responseDueAt, finishDueAt, reopenCount, notAuthorityCount, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`,
    ).run(
      row.id,
      row.trackingCode,
      row.submissionId,
      row.citizenId,
      row.channel,
      row.chatId,
      row.reportType,
      row.description,
      row.suggestedAgency,
      row.suggestedConfidence,
      row.assignedAgency,
      row.locationText,
      row.latitude,
      row.longitude,
      row.regionHint,
      nullableDate(row.incidentDate),
      row.privacy,
      row.urgent ? 1 : 0,
      row.status,
      sqlDate(row.filedAt),
      nullableDate(row.routedAt),
      sqlDate(row.routeDueAt),
      nullableDate(row.responseDueAt),
      sqlDate(row.finishDueAt),
      sqlDate(row.filedAt),
    );
  }

  insertEvent(row: EventRow): void {
    this.sql(
      `INSERT INTO "ComplaintEvent" (complaintId, type, fromStatus, toStatus, actorType, actorIdentity, agencyCode, note, visibleToCitizen, createdAt)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
    ).run(
      row.complaintId,
      row.type,
      row.fromStatus,
      row.toStatus,
      row.actorType,
      row.agencyCode,
      row.note,
      row.visibleToCitizen ? 1 : 0,
      sqlDate(row.createdAt),
    );
  }

  /** Due at once, like db/outbox-repository.ts insertOutboxRows. */
  enqueueOutbox(row: NewOutboxRow, now: Date): void {
    this.sql(
      `INSERT INTO "OutboxMessage" (channel, chatId, payload, status, attempts, nextAttemptAt, complaintId, createdAt) VALUES (?, ?, ?, ?, 0, ?, ?, ?)`,
    ).run(row.channel, row.chatId, row.payload, OUTBOX_STATUS.PENDING, sqlDate(now), row.complaintId, sqlDate(now));
  }
}
