// A real lifecycle service on a temporary database of the engine under test, a movable clock, and
// complaints created directly.
import { randomUUID } from "node:crypto";
import type { Complaint } from "../../db/models.js";
import { decodePayload } from "../../complaints/outbox.js";
import {
  createLifecycleService,
  citizenActor,
  type LifecycleService,
  type StaffActor,
} from "../../complaints/lifecycle-service.js";
import { DEFAULT_SLA, finishDue, responseDue, routeDue, type SlaPolicy } from "../../complaints/sla.js";
import { newTrackingCode } from "../../complaints/tracking-code.js";
import { openDatabase, type PrismaClient } from "../../db/database.js";
import type { Transactions } from "../../db/transactions.js";
import type { OutboundMessage } from "../../bots/channel.js";
import { createTestDatabase } from "../support/test-database.js";

export const AGENCIES: Record<string, string> = {
  DPUPR: "Dinas Pekerjaan Umum dan Penataan Ruang",
  DLH: "Dinas Lingkungan Hidup",
  DISHUB: "Dinas Perhubungan",
};

/** WIB; Christmas 2026 (a Friday) is a holiday. */
export const SLA: SlaPolicy = {
  ...DEFAULT_SLA,
  calendar: { utcOffsetMinutes: 420, holidays: new Set(["2026-12-25"]) },
};

export const COORDINATOR: StaffActor = { identity: "telegram:999", agencyCode: "KOORDINATOR", name: "Kori" };
export const DPUPR: StaffActor = { identity: "telegram:100", agencyCode: "DPUPR", name: "Budi" };
export const DPUPR_2: StaffActor = { identity: "whatsapp:6281100", agencyCode: "DPUPR", name: null };
export const DLH: StaffActor = { identity: "telegram:200", agencyCode: "DLH", name: "Sari" };
export const REPORTER = citizenActor("telegram", "555001");
export const STRANGER = citizenActor("telegram", "555002");

export interface Fixture {
  prisma: PrismaClient;
  /** The one way to the database, as the bot runs units of work (its `store` is the engine's step store). */
  transactions: Transactions;
  lifecycle: LifecycleService;
  clock: { now: Date; set(iso: string): void; advanceHours(hours: number): void };
  createComplaint(overrides?: Partial<Complaint>): Promise<Complaint>;
  outbox(): Promise<Array<{ channel: string; chatId: string; message: OutboundMessage; complaintId: string | null }>>;
  events(complaintId: string): Promise<
    Array<{
      type: string;
      fromStatus: string | null;
      toStatus: string | null;
      actorType: string;
      actorIdentity: string | null;
      note: string | null;
      visibleToCitizen: boolean;
      agencyCode: string | null;
    }>
  >;
  reload(id: string): Promise<Complaint>;
  /** A tiny JPEG stored with the complaint, as if the citizen had sent a photo. */
  attachPhoto(complaintId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createFixture(startIso = "2026-11-23T02:00:00Z"): Promise<Fixture> {
  const testDatabase = await createTestDatabase("lifecycle");
  const database = await openDatabase(testDatabase.url);
  const prisma = database.prisma;
  const clock = {
    now: new Date(startIso),
    set(iso: string) {
      clock.now = new Date(iso);
    },
    advanceHours(hours: number) {
      clock.now = new Date(clock.now.getTime() + hours * 3_600_000);
    },
  };
  const lifecycle = createLifecycleService({
    clock: () => clock.now,
    sla: SLA,
    agencyName: (code) => AGENCIES[code],
    agencyCodes: () => Object.keys(AGENCIES),
  });
  for (const staff of [COORDINATOR, DPUPR, DPUPR_2, DLH]) {
    await prisma.staff.create({ data: { identity: staff.identity, agencyCode: staff.agencyCode, name: staff.name } });
  }
  const citizen = await prisma.citizen.create({
    data: {
      channel: REPORTER.channel,
      userId: REPORTER.userId,
      chatId: REPORTER.userId,
      displayName: "Siti Aminah",
      phone: "6281234567890",
    },
  });

  return {
    prisma,
    transactions: database.transactions,
    lifecycle,
    clock,
    async createComplaint(overrides = {}) {
      const now = clock.now;
      const routed = overrides.assignedAgency != null;
      const complaint = await prisma.complaint.create({
        data: {
          trackingCode: newTrackingCode(),
          submissionId: randomUUID(),
          citizenId: citizen.id,
          channel: REPORTER.channel,
          chatId: REPORTER.userId,
          reportType: "pengaduan",
          description: "Jalan berlubang besar di depan SDN 3 Sukamaju, sudah dua minggu belum diperbaiki.",
          suggestedAgency: "DPUPR",
          suggestedConfidence: 0.82,
          locationText: "Jl. Merdeka depan SDN 3",
          latitude: -6.9,
          longitude: 107.6,
          privacy: "biasa",
          status: routed ? "DITERUSKAN" : "BARU",
          filedAt: now,
          routedAt: routed ? now : null,
          routeDueAt: routeDue(now, SLA),
          responseDueAt: routed ? responseDue(now, SLA) : null,
          finishDueAt: finishDue(now, SLA),
          ...overrides,
        },
      });
      await prisma.complaintEvent.create({
        data: {
          complaintId: complaint.id,
          type: "FILED",
          toStatus: complaint.status,
          actorType: "CITIZEN",
          visibleToCitizen: true,
          createdAt: now,
        },
      });
      return complaint;
    },
    async outbox() {
      const rows = await prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
      return rows.map((row) => ({
        channel: row.channel,
        chatId: row.chatId,
        message: decodePayload(row.payload),
        complaintId: row.complaintId,
      }));
    },
    events: (complaintId) => prisma.complaintEvent.findMany({ where: { complaintId }, orderBy: { id: "asc" } }),
    reload: (id) => prisma.complaint.findUniqueOrThrow({ where: { id } }),
    async attachPhoto(complaintId) {
      await prisma.attachment.create({
        data: { complaintId, mimeType: "image/jpeg", sizeBytes: 3, sha256: "x", data: new Uint8Array([1, 2, 3]), source: "test" },
      });
    },
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

/** Narrows a lifecycle result in tests, failing with the refusal text. */
export function expectOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got: ${(result as unknown as { message: string }).message}`);
  return result as Extract<T, { ok: true }>;
}

export function expectRefused<T extends { ok: boolean }>(result: T): string {
  if (result.ok) throw new Error("expected a refusal, got ok");
  return (result as unknown as { message: string }).message;
}
