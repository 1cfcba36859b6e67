// `npm run backup` as a child process while the bot keeps filing complaints in this process: the copy
// opens, passes integrity_check, holds every complaint committed before the backup started, and the
// bot can start on it (the restore path).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { chatDriver, fileComplaint } from "../support/chat-driver.js";
import { ROOT } from "../support/chat-process.js";
import { createTestApp } from "../support/test-app.js";

const dir = mkdtempSync(path.join(tmpdir(), "lapor-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const STORIES = [
  "jalan di dpn pasar kembang bolong2 gede, udh ada yg jatuh dr motor",
  "sampah numpuk di TPS rw 04 ga diangkut seminggu, bau bgt",
  "air pdam mati dr kemarin sore di perum griya asri",
  "lampu PJU di jl. melati mati semua, rawan begal",
];

function runBackup(target: string, databaseUrl: string) {
  return promisify(execFile)(TSX, ["app/backup.ts", target], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

describe("npm run backup", () => {
  it("copies a live database consistently while complaints keep being filed", async () => {
    const test = await createTestApp({ dbPath: path.join(dir, "live.db") });
    const committed: string[] = [];
    let writing = true;
    let citizen = 0;
    const writer = (async () => {
      while (writing) {
        citizen += 1;
        const chat = chatDriver(test.handler, { userId: `warga-${citizen}` });
        const { code } = await fileComplaint(chat, { description: STORIES[citizen % STORIES.length] ?? "" });
        committed.push(code);
      }
    })();
    try {
      while (committed.length < 5) await new Promise((resolve) => setTimeout(resolve, 20));
      const before = [...committed];
      const target = path.join(dir, "copy.db");
      const { stdout } = await runBackup(target, `file:${test.dbPath}`);
      const during = committed.length - before.length;
      writing = false;
      await writer;

      // Writes really went on while the backup ran (otherwise this test proves nothing).
      expect(during).toBeGreaterThan(0);
      expect(stdout).toMatch(/integrity_check: ok/);
      expect(stdout).toMatch(/Complaint\s+\d+/);
      // One self-contained file: no -wal beside it.
      expect(existsSync(`${target}-wal`)).toBe(false);

      const copy = new Database(target, { readonly: true, fileMustExist: true });
      try {
        expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
        const codes = new Set(
          (copy.prepare(`SELECT trackingCode FROM "Complaint"`).all() as Array<{ trackingCode: string }>).map(
            (r) => r.trackingCode,
          ),
        );
        for (const code of before) expect(codes.has(code)).toBe(true);
        // Nothing that was never committed: every code in the copy was filed by the writer.
        for (const code of codes) expect(committed).toContain(code);
        expect(stdout).toContain(`Complaint`);
        expect(stdout).toMatch(new RegExp(`Complaint\\s+${codes.size}\\b`));
      } finally {
        copy.close();
      }

      // Restore: the bot opens the copy as its database.
      const restored = await openDatabase(`file:${target}`);
      try {
        expect(await restored.prisma.complaint.count()).toBeGreaterThanOrEqual(before.length);
      } finally {
        await restored.close();
      }
    } finally {
      writing = false;
      await writer.catch(() => undefined);
      await test.close();
    }
  });

  it("names a dated file inside a folder, and fails clearly without touching anything for a missing database", async () => {
    const folder = path.join(dir, "harian");
    mkdirSync(folder);
    const url = `file:${path.join(dir, "small.db")}`;
    await (await openDatabase(url)).close();
    const { stdout } = await runBackup(`${folder}/`, url);
    expect(stdout).toMatch(/integrity_check: ok/);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^lapor-\d{8}-\d{6}\.db$/)]);

    const missing = runBackup(path.join(dir, "never.db"), `file:${path.join(dir, "absent.db")}`);
    await expect(missing).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Pencadangan gagal: database file not found/),
    });
    expect(existsSync(path.join(dir, "never.db"))).toBe(false);
    expect(existsSync(path.join(dir, "absent.db"))).toBe(false);
  });
});
