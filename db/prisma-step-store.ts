// The step store over Prisma's query API, for PostgreSQL: the same reads and writes as the prepared
// statements of db/sql-store.ts, inside the unit of work's transaction. Engine-neutral by construction.
import { photoDigest } from "./attachment-repository.js";
import { STAFF_COLUMNS_SQL, STAFF_FIELDS } from "./staff-repository.js";
import { FEEDBACK_PENDING_SQL, QUESTION_PENDING_SQL } from "./citizen-waits.js";
import { executeSql, joinSql, queryRows, sqlText } from "./raw-sql.js";
import { OUTBOX_STATUS } from "./outbox-repository.js";
import type { Db } from "./client.js";
import type { NewOutboxRow, PhotoData, StaffRecord } from "./models.js";
import type {
  ChatKey,
  CitizenIdentity,
  ComplaintRow,
  EventRow,
  ProcessedRecord,
  StepStore,
  StoredConversation,
} from "./step-store.js";

export class PrismaStepStore implements StepStore {
  constructor(private readonly db: Db) {}

  // The reads and writes of every step are raw SQL: Prisma's query API costs about twice as much
  // per call, and a step makes them on every message.
  async processedMessage(channel: string, messageId: string): Promise<ProcessedRecord | null> {
    const rows = await queryRows<ProcessedRecord>(this.db)`
      SELECT "replies", "handledBy" FROM "ProcessedMessage" WHERE "channel" = ${channel} AND "messageId" = ${messageId}`;
    return rows[0] ?? null;
  }

  async markProcessed(channel: string, messageId: string, now: Date, handledBy: string, replies: string): Promise<void> {
    await executeSql(this.db)`
      INSERT INTO "ProcessedMessage" ("channel", "messageId", "createdAt", "handledBy", "replies")
      VALUES (${channel}, ${messageId}, ${now}, ${handledBy}, ${replies})`;
  }

  // Every message looks its sender up in the staff table: raw SQL too.
  async findStaff(identities: readonly string[]): Promise<StaffRecord | null> {
    if (identities.length === 0) return null;
    const rows = await queryRows<StaffRecord>(this.db)`
      SELECT ${sqlText(STAFF_COLUMNS_SQL)} FROM "Staff"
      WHERE "identity" IN (${joinSql(identities.map((identity) => [identity]))}) LIMIT 1`;
    return rows[0] ?? null;
  }

  staffOfAgencies(agencies: readonly string[]): Promise<StaffRecord[]> {
    return this.db.staff.findMany({ where: { agencyCode: { in: [...agencies] } }, select: STAFF_FIELDS });
  }

  async awaitsCitizenReply(channel: string, userId: string, finishedSince: Date): Promise<boolean> {
    const rows = await queryRows<unknown>(this.db)`
      SELECT 1 FROM "Complaint" c JOIN "Citizen" p ON p."id" = c."citizenId"
      WHERE p."channel" = ${channel} AND p."userId" = ${userId} AND (
        (${sqlText(QUESTION_PENDING_SQL)}) OR (${sqlText(FEEDBACK_PENDING_SQL)} AND c."finishedAt" >= ${finishedSince})
      ) LIMIT 1`;
    return rows.length > 0;
  }

  async loadConversation(key: ChatKey): Promise<StoredConversation | null> {
    const rows = await queryRows<StoredConversation>(this.db)`
      SELECT "machineVersion", "snapshot" FROM "Conversation" WHERE "channel" = ${key.channel} AND "chatId" = ${key.chatId}`;
    const row = rows[0];
    return row ? { machineVersion: Number(row.machineVersion), snapshot: row.snapshot } : null;
  }

  async saveConversation(key: ChatKey, value: StoredConversation, now: Date): Promise<void> {
    await executeSql(this.db)`
      INSERT INTO "Conversation" ("channel", "chatId", "machineVersion", "snapshot", "updatedAt")
      VALUES (${key.channel}, ${key.chatId}, ${value.machineVersion}, ${value.snapshot}, ${now})
      ON CONFLICT ("channel", "chatId") DO UPDATE SET "machineVersion" = excluded."machineVersion",
        "snapshot" = excluded."snapshot", "updatedAt" = excluded."updatedAt"`;
  }

  async saveDraftPhoto(id: string, draftKey: string, photo: PhotoData, source: string, now: Date): Promise<void> {
    await this.db.attachment.create({
      data: {
        id,
        draftKey,
        mimeType: photo.mimeType,
        sizeBytes: photo.data.length,
        sha256: photoDigest(photo.data),
        data: new Uint8Array(photo.data),
        source,
        createdAt: now,
      },
    });
  }

  async discardDraftPhotos(draftKey: string): Promise<void> {
    if (draftKey !== "") await this.db.attachment.deleteMany({ where: { draftKey, complaintId: null } });
  }

  async attachDraftPhotos(draftKey: string, photoIds: readonly string[], complaintId: string): Promise<void> {
    await this.db.attachment.updateMany({
      where: { id: { in: [...photoIds] }, draftKey },
      data: { complaintId, draftKey: null },
    });
    await this.discardDraftPhotos(draftKey);
  }

  complaintBySubmission(
    submissionId: string,
  ): Promise<{ id: string; trackingCode: string; status: string; assignedAgency: string | null } | null> {
    return this.db.complaint.findUnique({
      where: { submissionId },
      select: { id: true, trackingCode: true, status: true, assignedAgency: true },
    });
  }

  async trackingCodeTaken(code: string): Promise<boolean> {
    return (await this.db.complaint.findUnique({ where: { trackingCode: code }, select: { id: true } })) !== null;
  }

  async upsertCitizen(who: CitizenIdentity, now: Date): Promise<string> {
    const fields = { chatId: who.chatId, displayName: who.displayName ?? null, phone: who.phone ?? null, updatedAt: now };
    const row = await this.db.citizen.upsert({
      where: { channel_userId: { channel: who.channel, userId: who.userId } },
      create: { channel: who.channel, userId: who.userId, ...fields, createdAt: now },
      update: fields,
      select: { id: true },
    });
    return row.id;
  }

  async insertComplaint(row: ComplaintRow): Promise<void> {
    await this.db.complaint.create({ data: { ...row, reopenCount: 0, notAuthorityCount: 0, updatedAt: row.filedAt } });
  }

  async insertEvent(row: EventRow): Promise<void> {
    await this.db.complaintEvent.create({ data: { ...row, actorIdentity: null } });
  }

  async enqueueOutbox(row: NewOutboxRow, now: Date): Promise<void> {
    await this.db.outboxMessage.create({
      data: { ...row, status: OUTBOX_STATUS.PENDING, attempts: 0, nextAttemptAt: now, createdAt: now },
    });
  }
}
