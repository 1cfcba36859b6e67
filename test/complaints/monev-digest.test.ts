import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestDue, enqueueWeeklyDigest, startWeeklyDigestScheduler } from "../../complaints/monev-digest.js";
import { decodePayload } from "../../complaints/outbox.js";
import { createMonevDatabase, expectNoAnonymousTrace, NOW, SLA, wib, type MonevDatabase } from "./monev-fixture.js";

const agencyName = (code: string) => ({ DPUPR: "Dinas PUPR", DLH: "Dinas Lingkungan Hidup" })[code];

let fixture: MonevDatabase;

beforeAll(async () => {
  fixture = await createMonevDatabase();
  await fixture.prisma.staff.createMany({
    data: [
      { identity: "telegram:900", agencyCode: "KOORDINATOR", name: "Koor Satu" },
      { identity: "terminal:koor", agencyCode: "KOORDINATOR" },
      { identity: "telegram:901", agencyCode: "DPUPR" },
      // A broken registration must not stop the others.
      { identity: "faks:123", agencyCode: "KOORDINATOR" },
    ],
  });
});

afterAll(async () => {
  await fixture.close();
});

async function digestRows() {
  const rows = await fixture.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });
  return rows.map((row) => ({ channel: row.channel, chatId: row.chatId, text: decodePayload(row.payload).text }));
}

describe("weekly digest", () => {
  it("sends last week's figures and the worst overdue agencies to every coordinator, once", async () => {
    // Friday 30 Jan: the last complete week is 19-25 Jan (2026-W04): E (rejected), L and G (overdue).
    const count = await enqueueWeeklyDigest(fixture.prisma, { now: NOW, sla: SLA, agencyName });
    expect(count).toBe(2);
    const rows = await digestRows();
    expect(rows.map((r) => `${r.channel}:${r.chatId}`)).toEqual(["telegram:900", "terminal:koor"]);
    const text = rows[0]?.text ?? "";
    expect(rows[1]?.text).toBe(text);
    expect(text.split("\n")[0]).toBe("Ringkasan mingguan LAPOR, minggu 2026-W04 (19 Jan 2026 - 25 Jan 2026)");
    expect(text).toContain("Laporan masuk: 3 · ditindaklanjuti 0 (0,0%) · selesai 0 (0,0%) · ditolak 1 · terlambat 2");
    expect(text).toContain("1. Dinas PUPR (DPUPR): 3 laporan terlambat (terlama 14 hari kerja)");
    expect(text).toContain("2. Koordinator (belum diteruskan): 2 laporan terlambat (terlama 2 hari kerja)");
    expect(text).toContain("3. Dinas Lingkungan Hidup (DLH): 1 laporan terlambat (terlama 1 hari kerja)");
    expect(text).toContain("/laporan");
    expect(expectNoAnonymousTrace(text)).toEqual([]);
    expect(text.length).toBeLessThan(3900);

    expect(await enqueueWeeklyDigest(fixture.prisma, { now: wib("2026-01-31 18:00"), sla: SLA, agencyName })).toBe(0);
    expect(await digestRows()).toHaveLength(2);
  });

  it("sends the next week's digest the following week, and a newly added coordinator gets the current one", async () => {
    await fixture.prisma.staff.create({ data: { identity: "whatsapp:6281300000000", agencyCode: "KOORDINATOR" } });
    expect(await enqueueWeeklyDigest(fixture.prisma, { now: NOW, sla: SLA, agencyName })).toBe(1);
    const monday = wib("2026-02-02 07:00");
    expect(await enqueueWeeklyDigest(fixture.prisma, { now: monday, sla: SLA, agencyName })).toBe(3);
    const rows = await digestRows();
    expect(rows).toHaveLength(6);
    expect(rows.at(-1)?.text.split("\n")[0]).toBe("Ringkasan mingguan LAPOR, minggu 2026-W05 (26 Jan 2026 - 1 Feb 2026)");
  });

  it("waits for Monday office hours in local time", () => {
    const offset = SLA.calendar.utcOffsetMinutes;
    expect(digestDue(wib("2026-02-02 06:59"), offset, 7)).toBe(false);
    expect(digestDue(wib("2026-02-02 07:00"), offset, 7)).toBe(true);
    expect(digestDue(wib("2026-02-04 01:00"), offset, 7)).toBe(true);
    // Sunday 23:30 WIB is Sunday 16:30 UTC: not yet the new week.
    expect(digestDue(wib("2026-02-01 23:30"), offset, 7)).toBe(true);
  });
});

describe("weekly digest scheduler", () => {
  it("enqueues in a transaction on tick, and not again for the same week", async () => {
    let now = wib("2026-02-09 06:00");
    const sent: number[] = [];
    const scheduler = startWeeklyDigestScheduler({
      prisma: fixture.prisma,
      clock: () => now,
      sla: SLA,
      agencyName,
      intervalMs: 3_600_000,
      onSent: (count) => sent.push(count),
    });
    try {
      expect(await scheduler.tick()).toBe(0); // Monday before 07:00
      now = wib("2026-02-09 07:15");
      expect(await scheduler.tick()).toBe(3);
      expect(await scheduler.tick()).toBe(0);
      expect(sent).toEqual([3]);
      const last = await fixture.prisma.outboxMessage.findFirst({ orderBy: { id: "desc" } });
      expect(decodePayload(last?.payload ?? "{}").text).toContain("minggu 2026-W06");
    } finally {
      scheduler.stop();
    }
  });
});
