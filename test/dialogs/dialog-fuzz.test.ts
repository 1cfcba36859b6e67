// Property-based fuzzing of the citizen dialog and staff commands through the real runner and SQLite.
// Invariants: every message gets exactly one answer, nothing throws, the database stays consistent.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../bots/channel.js";
import { visibleLength } from "../../dialogs/complaint-context.js";
import { QUESTION_IDS } from "../../dialogs/complaint-questions.js";
import { OPEN_STATUSES, STATUS } from "../../complaints/complaint-status.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let app: TestApp;
let sequence = 0;
beforeAll(async () => {
  app = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "100000" } });
  await app.prisma.staff.create({ data: { identity: "terminal:petugas", agencyCode: "DPUPR" } });
  await app.prisma.staff.create({ data: { identity: "terminal:koord", agencyCode: "KOORDINATOR" } });
});
afterAll(async () => {
  await app.close();
});

const nasty = fc.constantFrom(
  "",
  " ",
  "\u200b\u200b",
  "\u202eadaptor\u202c",
  "💩🔥🙏",
  "'; DROP TABLE Complaint; --",
  "<b>tebal</b> <script>alert(1)</script>",
  "*tebal* _miring_ [tautan](http://x)",
  "null",
  "undefined",
  "0",
  "99",
  "-1",
  "batal",
  "lewati",
  "/start",
  "/lapor",
  "/batal",
  "/bantuan",
  "/status",
  "/status LPR-00000000",
  "/antrian",
  "/lihat LPR-ZZZZZZZZ",
  "/teruskan LPR-ZZZZZZZZ DLH",
  "/selesai",
  "/tolak LPR-ZZZZZZZZ",
  "/staf tambah telegram:1 DPUPR",
  "/statistik",
  "/laporan",
  "kirim",
  "ubah",
  "Jalan rusak parah di depan pasar sejak sebulan, banyak motor jatuh.",
  "kemarin",
  "12/11/2026",
  "anonim",
);

const text = fc.oneof(
  nasty,
  fc.string({ maxLength: 60 }),
  fc.string({ minLength: 4001, maxLength: 4100 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

type Act = Partial<InboundMessage>;
const act: fc.Arbitrary<Act> = fc.oneof(
  { weight: 6, arbitrary: text.map((t) => ({ text: t })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        questionId: fc.constantFrom(...QUESTION_IDS, "bogus"),
        value: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom("1", "kirim", "benar", "DLH", "lanjut", "anonim", "status"),
        ),
      })
      .map((choice) => ({ choice })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        latitude: fc.double({ min: -90, max: 90, noNaN: true }),
        longitude: fc.double({ min: -180, max: 180, noNaN: true }),
      })
      .map((location) => ({ location })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Act>(
      { photo: { ok: true, data: Buffer.from("jpeg"), mimeType: "image/jpeg" } },
      { photo: { ok: false, reason: "too_large" } },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<Act>({ unsupported: "voice" }, { unsupported: "sticker" }, {}) },
);
const sender = fc.constantFrom("warga-a", "warga-b", "petugas", "koord");

describe("dialog fuzz", () => {
  it("answers every message once and keeps the database consistent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(sender, act), { minLength: 1, maxLength: 40 }), async (steps) => {
        for (const [userId, extra] of steps) {
          sequence += 1;
          const message = {
            channel: "terminal",
            chatId: userId,
            userId,
            messageId: `fuzz-${sequence}`,
            ...extra,
          } as InboundMessage;
          const replies = await app.handler.handle(message);
          expect(replies.length).toBeGreaterThanOrEqual(1);
          if (userId.startsWith("warga")) expect(replies).toHaveLength(1);
          for (const reply of replies) {
            expect(reply.text.trim().length).toBeGreaterThan(0);
            expect(reply.text).not.toMatch(/undefined|\[object Object\]|NaN/);
          }
        }
      }),
      { numRuns: RUNS },
    );
    const complaints = await app.prisma.complaint.findMany({ include: { events: true } });
    const statuses = new Set<string>([...OPEN_STATUSES, STATUS.SELESAI, STATUS.DITOLAK]);
    for (const complaint of complaints) {
      expect(visibleLength(complaint.description)).toBeGreaterThanOrEqual(20);
      expect(complaint.description.length).toBeLessThanOrEqual(4000);
      expect(["biasa", "rahasia", "anonim"]).toContain(complaint.privacy);
      expect(["pengaduan", "aspirasi", "permintaan_informasi"]).toContain(complaint.reportType);
      expect(statuses.has(complaint.status)).toBe(true);
      expect(complaint.events.some((event) => event.type === "FILED")).toBe(true);
    }
    expect(new Set(complaints.map((c) => c.trackingCode)).size).toBe(complaints.length);
  });
});
