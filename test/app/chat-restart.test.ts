// The real program in a child process: piped input files a complaint, and a kill -9 between two steps
// loses nothing (the next process continues the same form and files exactly one complaint).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { ROOT, startChatProcess } from "../support/chat-process.js";
import { TRACKING_CODE } from "../support/chat-driver.js";

const dir = mkdtempSync(path.join(tmpdir(), "lapor-restart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DESCRIPTION = "Sampah di TPS Jalan Kenanga sudah seminggu tidak diangkut dan baunya menyengat.";

describe("npm run chat", () => {
  it("files a complaint from piped, non-TTY input and prints the tracking code", async () => {
    const db = `file:${path.join(dir, "piped.db")}`;
    const input = ["/lapor", "1", DESCRIPTION, "1", "Jl. Kenanga RT 02 RW 05", "hari ini", "lewati", "1", "kirim", ""].join("\n");
    const { stdout } = await promisify(execFile)(
      "sh",
      ["-c", `printf '%s' "$INPUT" | node_modules/.bin/tsx app/main.ts --chat`],
      {
        cwd: ROOT,
        env: { ...process.env, INPUT: input, DATABASE_URL: db, LOG_LEVEL: "warn" },
      },
    );
    const code = TRACKING_CODE.exec(stdout)?.[0];
    expect(code).toBeDefined();
    const opened = await openDatabase(db);
    const row = await opened.prisma.complaint.findUnique({ where: { trackingCode: code ?? "" } });
    await opened.close();
    expect(row?.description).toBe(DESCRIPTION);
  });

  it("continues an interrupted form after kill -9 and files it once", async () => {
    const env = { DATABASE_URL: `file:${path.join(dir, "restart.db")}` };
    const first = startChatProcess(env);
    await first.sayAndWait("/lapor", /jenis laporan/i);
    await first.sayAndWait("1", /Ceritakan masalahnya/);
    await first.sayAndWait(DESCRIPTION, /ditangani oleh|Instansi mana/);
    first.child.kill("SIGKILL");
    await first.exited;

    const second = startChatProcess(env);
    // The same form goes on: the agency question is still pending, the description kept.
    await second.sayAndWait("1", /Di mana lokasinya/);
    await second.sayAndWait("Jl. Kenanga RT 02 RW 05", /Kapan kejadiannya/);
    await second.sayAndWait("lewati", /foto/i);
    await second.sayAndWait("lewati", /kerahasiaan/i);
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
