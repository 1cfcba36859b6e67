// The two step stores (prepared statements for SQLite, Prisma's query API for PostgreSQL) answer the
// same sequence of a step's reads and writes the same way, and leave the same rows behind.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteDatabase, type SqliteDatabase } from "../../db/database.js";
import { PrismaStepStore } from "../../db/prisma-step-store.js";
import type { StepStore } from "../../db/step-store.js";

const dir = mkdtempSync(path.join(tmpdir(), "step-store-"));
const opened: SqliteDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date("2026-11-30T03:00:00.000Z");

/** A step's reads and writes, as the dialog and filing make them; returns what was read. */
async function scenario(store: StepStore) {
  const read: Record<string, unknown> = {};
  read.firstSeen = await store.processedMessage("telegram", "m1");
  await store.markProcessed("telegram", "m1", now, "run-a", '[{"text":"halo"}]');
  read.seenAgain = await store.processedMessage("telegram", "m1");
  read.noStaff = await store.findStaff(["telegram:1"]);
  read.staffByPhone = await store.findStaff(["whatsapp:lid-9", "whatsapp:6281"]);
  read.pu = await store.staffOfAgencies(["DPUPR", "KOORDINATOR"]);
  read.noDialog = await store.loadConversation({ channel: "telegram", chatId: "1" });
  await store.saveConversation({ channel: "telegram", chatId: "1" }, { machineVersion: 2, snapshot: "{}" }, now);
  await store.saveConversation({ channel: "telegram", chatId: "1" }, { machineVersion: 2, snapshot: '{"a":1}' }, now);
  read.dialog = await store.loadConversation({ channel: "telegram", chatId: "1" });
  await store.saveDraftPhoto("p1", "form-1", { data: Buffer.from("jpeg"), mimeType: "image/jpeg" }, "telegram", now);
  await store.saveDraftPhoto("p2", "form-1", { data: Buffer.from("jpeg2"), mimeType: "image/jpeg" }, "telegram", now);
  const citizen = await store.upsertCitizen({ channel: "telegram", userId: "1", chatId: "1", displayName: "Siti" }, now);
  read.sameCitizen =
    (await store.upsertCitizen({ channel: "telegram", userId: "1", chatId: "1", phone: "0812" }, now)) === citizen;
  read.codeFree = await store.trackingCodeTaken("LPR-AAAAAAAA");
  await store.insertComplaint({
    id: "c1",
    trackingCode: "LPR-AAAAAAAA",
    submissionId: "form-1",
    citizenId: citizen,
    channel: "telegram",
    chatId: "1",
    reportType: "pengaduan",
    description: "Jalan berlubang",
    suggestedAgency: "DPUPR",
    suggestedConfidence: 0.8,
    assignedAgency: "DPUPR",
    locationText: "Jl. Kenanga",
    latitude: null,
    longitude: null,
    regionHint: null,
    incidentDate: now,
    privacy: "biasa",
    urgent: false,
    status: "DITERUSKAN",
    filedAt: now,
    routedAt: now,
    routeDueAt: now,
    responseDueAt: now,
    finishDueAt: now,
  });
  await store.attachDraftPhotos("form-1", ["p1"], "c1");
  read.codeTaken = await store.trackingCodeTaken("LPR-AAAAAAAA");
  read.bySubmission = await store.complaintBySubmission("form-1");
  await store.insertEvent({
    complaintId: "c1",
    type: "FILED",
    fromStatus: null,
    toStatus: "DITERUSKAN",
    actorType: "CITIZEN",
    agencyCode: "DPUPR",
    note: null,
    visibleToCitizen: true,
    createdAt: now,
  });
  await store.enqueueOutbox({ channel: "telegram", chatId: "77", payload: '{"text":"baru"}', complaintId: "c1" }, now);
  read.noReplyAwaited = await store.awaitsCitizenReply("telegram", "1", now);
  return read;
}

async function rowsOf(database: SqliteDatabase) {
  const { prisma } = database;
  return {
    citizens: await prisma.citizen.findMany({ select: { channel: true, userId: true, displayName: true, phone: true } }),
    complaints: await prisma.complaint.findMany({ omit: { citizenId: true, updatedAt: true } }),
    photos: await prisma.attachment.findMany({
      select: { id: true, complaintId: true, draftKey: true, sizeBytes: true, sha256: true },
    }),
    events: await prisma.complaintEvent.findMany({ omit: { id: true } }),
    outbox: await prisma.outboxMessage.findMany({ select: { chatId: true, payload: true, status: true, nextAttemptAt: true } }),
    processed: await prisma.processedMessage.findMany(),
  };
}

async function fresh(name: string): Promise<SqliteDatabase> {
  const database = await openSqliteDatabase(`file:${path.join(dir, `${name}.db`)}`);
  opened.push(database);
  await database.prisma.staff.create({ data: { identity: "whatsapp:6281", agencyCode: "DPUPR", name: "Budi" } });
  return database;
}

describe("step stores", () => {
  it("prepared statements and Prisma's query API read and write alike", async () => {
    const sqlite = await fresh("prepared");
    const viaPrisma = await fresh("prisma");
    const prepared = await scenario(sqlite.store);
    const prisma = await viaPrisma.prisma.$transaction((db) => scenario(new PrismaStepStore(db)));
    expect(prisma).toEqual(prepared);
    expect(prepared.staffByPhone).toEqual({ identity: "whatsapp:6281", agencyCode: "DPUPR", name: "Budi" });
    expect(prepared.seenAgain).toEqual({ replies: '[{"text":"halo"}]', handledBy: "run-a" });
    expect(await rowsOf(viaPrisma)).toEqual(await rowsOf(sqlite));
  });
});
