// The real program in a child process: piped input files a complaint, and a kill -9 between two steps
// loses nothing (the next process continues the same form and files exactly one complaint).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { localDate } from "../../nlp/indonesian-dates.js";
import { ROOT, startChatProcess } from "../support/chat-process.js";
import { TRACKING_CODE } from "../support/chat-driver.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

const DESCRIPTION = "Sampah sudah seminggu tidak diangkut dan baunya menyengat sampai ke rumah.";
const STORY = "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali";

describe("npm run chat", () => {
  it("files the issue's one-message story from piped input, and /status shows its place and date", async () => {
    database = await createTestDatabase("piped");
    const db = database.url;
    // An empty line in between gets a short hint, and the form goes on.
    const input = [STORY, "", "kirim", "/status", ""].join("\n");
    const { stdout } = await promisify(execFile)(
      "sh",
      ["-c", `printf '%s' "$INPUT" | node_modules/.bin/tsx app/main.ts --chat`],
      {
        cwd: ROOT,
        env: { ...process.env, INPUT: input, DATABASE_URL: db, DATA_DIR: database.dir, LOG_LEVEL: "warn" },
      },
    );
    const code = TRACKING_CODE.exec(stdout)?.[0];
    expect(code).toBeDefined();
    expect(stdout).toContain("Pesan Anda kosong");
    expect(stdout).toMatch(/Lokasi: Jl\. Kenanga RT 03 RW 02 Kel\. Sukamaju/);
    const opened = await openDatabase(db);
    const row = await opened.prisma.complaint.findUnique({ where: { trackingCode: code ?? "" } });
    await opened.close();
    // The greeting is not part of the description; the date is three days before the day it was filed.
    expect(row?.description).toBe(STORY.replace("Selamat pagi pak, l", "L"));
    expect(row?.locationText).toBe("Jl. Kenanga RT 03 RW 02 Kel. Sukamaju");
    const filedDay = Date.parse(`${localDate(row?.filedAt ?? new Date(), 7)}T00:00:00Z`);
    expect(row?.incidentDate?.getTime()).toBe(filedDay - 3 * 86_400_000);
    const statusPart = stdout.slice(stdout.lastIndexOf("Laporan Anda"));
    expect(statusPart).toContain("Lokasi: Jl. Kenanga RT 03 RW 02 Kel. Sukamaju");
    expect(statusPart).toMatch(/Kejadian: \w+, \d{1,2} \w+ \d{4}/);
  });

  it("continues an interrupted form after kill -9 and files it once", async () => {
    database = await createTestDatabase("restart");
    const env = { DATABASE_URL: database.url, DATA_DIR: database.dir };
    const first = startChatProcess(env);
    await first.sayAndWait("/lapor", /Ceritakan masalahnya/);
    await first.sayAndWait(DESCRIPTION, /Di mana lokasinya/);
    first.child.kill("SIGKILL");
    await first.exited;

    const second = startChatProcess(env);
    // The same form goes on: the location question is still pending, the description kept.
    await second.sayAndWait("Jl. Kenanga RT 02 RW 05", /Ringkasan/);
    await second.sayAndWait("ubah", /Bagian mana/);
    await second.sayAndWait("kerahasiaan", /kerahasiaan/i);
    const summary = await second.sayAndWait("2", /Ringkasan/);
    expect(summary).toContain(DESCRIPTION);
    const filed = await second.sayAndWait("kirim", TRACKING_CODE);
    second.child.stdin.end();
    await second.exited;

    const opened = await openDatabase(env.DATABASE_URL);
    const rows = await opened.prisma.complaint.findMany();
    await opened.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.trackingCode).toBe(TRACKING_CODE.exec(filed)?.[0]);
    expect(rows[0]?.privacy).toBe("rahasia");
  });
});
