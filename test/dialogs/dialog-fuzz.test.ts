// Property-based fuzzing of the citizen dialog and staff commands through the real runner and SQLite.
// Invariants: every message gets exactly one answer, nothing throws, the database stays consistent,
// and no bad data is filed. The inputs include whole stories and the answers that file them, and the
// test asserts that a meaningful share of sequences really files (so the checks on filed rows run).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../bots/channel.js";
import { graphemeLength, hasRealWords, visibleLength } from "../../nlp/text-quality.js";
import { QUESTION_IDS } from "../../dialogs/complaint-questions.js";
import { OPEN_STATUSES, STATUS } from "../../complaints/complaint-status.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let app: TestApp;
let sequence = 0;
let sequences = 0;
let filingSequences = 0;
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

/** Stories and everyday answers as citizens type them: they reach the summary and file. */
const citizenLike = fc.constantFrom(
  "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali",
  "min sampah di pasar kliwon udah seminggu gak diangkut, baunya nyengat",
  "Jalan di depan SDN 3 berlubang besar sejak dua minggu, motor sering jatuh",
  "Usul pak, mohon dibangun taman bermain untuk anak-anak di kampung kami",
  "jalan rusak parah",
  "min mau ngadu",
  "Jl. Merdeka No. 5",
  "kan sudah saya tulis di atas pak",
  "2 hr lalu",
  "gak tau",
  "ga ada",
  "nggih",
  "Batal.",
  "kirim",
  "kirim",
  "1",
  "4",
  "Belum beres",
);

// The replies are checked for "undefined", "NaN" and "[object Object]" leaking from our own templates;
// a citizen's text that happens to contain them (echoed in the summary) is not such a leak.
const LEAK = /undefined|\[object Object\]|NaN/;
const random = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((value) => value.replace(new RegExp(LEAK.source, "g"), "x"));

/**
 * The reply without the words citizens typed. A description is shown capitalised after its greeting is
 * cut ("halo naN…" → "NaN…"), so a word also counts as typed with its first letter in lower case.
 */
const withoutTyped = (reply: string, typed: string[]) =>
  reply
    .split(/(\s+)/)
    .filter((word) => {
      // Quoted, followed by a full stop, or cut short with "…" where the reply shows it.
      const bare = word.replace(/^["'(]+|["'),.:;…]+$/gu, "");
      return !typed.some((own) => own.includes(word) || (bare !== "" && own.includes(uncapitalised(bare))));
    })
    .join("");
const uncapitalised = (word: string) => word.charAt(0).toLowerCase() + word.slice(1);

const text = fc.oneof(
  { weight: 3, arbitrary: citizenLike },
  nasty,
  random(fc.string({ maxLength: 60 })),
  random(fc.string({ minLength: 4001, maxLength: 4100 })),
  random(fc.string({ unit: "grapheme", maxLength: 40 })),
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
type Step = [string, Act];
/** A whole story and "kirim" from one citizen, dropped anywhere in a sequence (the form may be mid-way). */
const filing: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.constantFrom("warga-a", "warga-b"),
    fc.constantFrom(
      "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali",
      "min sampah di pasar kliwon udah seminggu gak diangkut, baunya nyengat",
      "Usul pak, mohon dibangun lampu penerangan di gang mawar rt 5 rw 2, gelap kalau malam",
    ),
    fc.constantFrom("kirim", "1", "iya", "kirmi"),
  )
  .map(([userId, story, send]) => [
    [userId, { text: story }],
    [userId, { text: send }],
  ]);
const steps: fc.Arbitrary<Step[]> = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: fc.tuple(sender, act).map((step): Step[] => [step]) }, { weight: 1, arbitrary: filing }),
    {
      minLength: 1,
      maxLength: 30,
    },
  )
  .map((chunks) => chunks.flat());

describe("dialog fuzz", () => {
  it("answers every message once and keeps the database consistent", async () => {
    // What citizens typed may be echoed (a place typed as "undefined" is shown in the summary): not a leak.
    // Kept for the whole run: a chat's form carries over from one sequence to the next.
    const typed: string[] = [];
    await fc.assert(
      fc.asyncProperty(steps, async (sequenceSteps) => {
        const before = await app.prisma.complaint.count();
        sequences += 1;
        for (const [userId, extra] of sequenceSteps) {
          sequence += 1;
          if (extra.text && extra.text.trim().length >= 3) typed.push(extra.text.trim());
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
            expect(withoutTyped(reply.text, typed)).not.toMatch(LEAK);
          }
        }
        if ((await app.prisma.complaint.count()) > before) filingSequences += 1;
      }),
      { numRuns: RUNS },
    );
    // The fuzz must exercise filing, not only the questions before it.
    expect(filingSequences / sequences).toBeGreaterThanOrEqual(0.25);
    const complaints = await app.prisma.complaint.findMany({ include: { events: true } });
    const statuses = new Set<string>([...OPEN_STATUSES, STATUS.SELESAI, STATUS.DITOLAK]);
    expect(complaints.length).toBeGreaterThan(0);
    for (const complaint of complaints) {
      expect(visibleLength(complaint.description)).toBeGreaterThanOrEqual(20);
      expect(graphemeLength(complaint.description)).toBeLessThanOrEqual(4000);
      expect(hasRealWords(complaint.description)).toBe(true);
      // A pengaduan is never filed without a place; a suggestion or a question has no incident date.
      if (complaint.reportType === "pengaduan") expect(complaint.locationText ?? complaint.latitude).not.toBeNull();
      else expect(complaint.incidentDate).toBeNull();
      expect(app.app.catalog.byCode(complaint.suggestedAgency) ?? complaint.suggestedAgency === "KOORDINATOR").toBeTruthy();
      expect(["biasa", "rahasia", "anonim"]).toContain(complaint.privacy);
      expect(["pengaduan", "aspirasi", "permintaan_informasi"]).toContain(complaint.reportType);
      expect(statuses.has(complaint.status)).toBe(true);
      expect(complaint.events.some((event) => event.type === "FILED")).toBe(true);
    }
    expect(new Set(complaints.map((c) => c.trackingCode)).size).toBe(complaints.length);
  });
});
