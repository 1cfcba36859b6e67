// kill -9 of the real program right after a complaint is filed: the complaint exists once, and the
// staff notice written with it is delivered exactly once, in the coordinator's own terminal session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { startChatProcess } from "../support/chat-process.js";
import { TRACKING_CODE } from "../support/chat-driver.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("crash");
});
afterAll(() => database.drop());

describe("crash while filing and notifying", () => {
  it("keeps one complaint and delivers the pending notice once", async () => {
    const env = { DATABASE_URL: database.url, DATA_DIR: database.dir, OUTBOX_POLL_MS: "200" };
    const setup = await openDatabase(env.DATABASE_URL);
    await setup.prisma.staff.create({ data: { identity: "terminal:koordinator", agencyCode: "KOORDINATOR" } });
    await setup.close();

    const first = startChatProcess(env);
    for (const [line, expected] of [
      ["/lapor", /Ceritakan masalahnya/],
      ["Air PDAM mati total sudah tiga hari di Perumahan Griya Asri blok C.", /Ringkasan/],
      ["ubah", /Bagian mana/],
      ["kerahasiaan", /kerahasiaan/i],
      ["anonim", /Ringkasan/],
    ] as const) {
      await first.sayAndWait(line, expected);
    }
    await first.sayAndWait("kirim", TRACKING_CODE);
    first.child.kill("SIGKILL");
    await first.exited;

    // The notice is for terminal:koordinator: the citizen's session never showed it; the coordinator's does.
    expect(first.output()).not.toContain("[Pemberitahuan");
    const second = startChatProcess(env, ["--as", "koordinator"]);
    const db = await openDatabase(env.DATABASE_URL);
    try {
      // The restarted process delivers whatever the first one had not sent.
      for (let i = 0; i < 100; i += 1) {
        if ((await db.prisma.outboxMessage.count({ where: { status: "PENDING" } })) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      second.child.stdin.end();
      await second.exited;
      expect(await db.prisma.complaint.count()).toBe(1);
      const rows = await db.prisma.outboxMessage.findMany();
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.every((row) => row.status === "SENT")).toBe(true);
      const delivered = second.output().match(/\[Pemberitahuan\]/g) ?? [];
      expect(delivered).toHaveLength(rows.length);
      // Anonymous: the notice names no reporter.
      expect(second.output()).not.toMatch(/warga/);
    } finally {
      await db.close();
    }
  });
});
