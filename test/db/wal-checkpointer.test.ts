// Under writes that never pause, a passive checkpoint never catches up, so without the checkpointer's
// gate the WAL would never restart and would grow without bound (840 MB in 27 s in the bench).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase, type SqliteDatabase } from "../../db/database.js";
import { GroupCommit } from "../../db/group-commit.js";
import type { CheckpointGate } from "../../db/checkpointer.js";
import { SqlStore } from "../../db/sql-store.js";

let opened: SqliteDatabase | undefined;
let dir: string | undefined;

afterEach(async () => {
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  opened = undefined;
  dir = undefined;
});

/**
 * Writers that keep the database busy: many chats, each committing again as soon as it can, for `ms`
 * or until `enough` writes are done, whichever comes first.
 */
async function writeContinuously(db: SqliteDatabase, ms: number, enough = Infinity): Promise<number> {
  const commits = new GroupCommit(db.prisma, db.store);
  const until = Date.now() + ms;
  let written = 0;
  await Promise.all(
    Array.from({ length: 32 }, async (_, writer) => {
      while (Date.now() < until && written < enough) {
        await commits.run(() => {
          const snapshot = randomBytes(1500).toString("base64");
          db.store.markProcessed("terminal", randomUUID(), new Date(), "bench", "[]");
          db.store.saveConversation({ channel: "terminal", chatId: `w${writer}` }, { machineVersion: 1, snapshot }, new Date());
        });
        written += 1;
      }
    }),
  );
  return written;
}

describe("WAL checkpointer", () => {
  it("restarts the WAL under continuous writes, so it stays near the restart size", { timeout: 60_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), "lapor-wal-"));
    const restartFrames = 256; // 1 MB
    opened = await openSqliteDatabase(`file:${path.join(dir, "wal.db")}`, { checkpoints: { intervalMs: 20, restartFrames } });
    // Every write dirties at least two 4 KB pages (dedup row, snapshot): 250 MB through the WAL, more
    // than the main connection's own fallback checkpoint (128 MB) would ever let it reach.
    const written = await writeContinuously(opened, 30_000, 250e6 / (2 * 4096));
    expect(written * 2 * 4096).toBeGreaterThanOrEqual(250e6);
    expect(statSync(`${opened.filePath}-wal`).size).toBeLessThan(40e6);
  });

  it("lets writes through again after the gate closed (nothing waits for ever)", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "lapor-wal-"));
    opened = await openSqliteDatabase(`file:${path.join(dir, "wal.db")}`, { checkpoints: { intervalMs: 10, restartFrames: 16 } });
    const written = await writeContinuously(opened, 1000);
    expect(written).toBeGreaterThan(100);
    // The gate opens again after every checkpoint: a write queued now still commits.
    expect(await new GroupCommit(opened.prisma, opened.store).run(() => 42)).toBe(42);
  });
});

describe("group commit and the checkpoint gate", () => {
  it("commits anyway when the gate stays closed (the pause is only a hint)", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "lapor-wal-"));
    opened = await openSqliteDatabase(`file:${path.join(dir, "wal.db")}`);
    // A gate stuck closed, as if the checkpointer died in the middle of its pause.
    const stuck: CheckpointGate = { closed: true, enterWrite: () => {}, leaveWrite: () => {} };
    const store = new SqlStore(opened.store.raw, stuck);
    const commits = new GroupCommit(opened.prisma, store);
    await commits.run(() => store.markProcessed("terminal", "stuck-gate", new Date(), "run-1", "[]"));
    expect(opened.store.processedMessage("terminal", "stuck-gate")).toEqual({ replies: "[]", handledBy: "run-1" });
  });
});
