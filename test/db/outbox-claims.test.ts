// Outbox claims through the one way in (transactions.run) on both engines: a row goes to one
// dispatcher, a chat's later push never overtakes an earlier one that is claimed, leased or retried
// elsewhere, and on PostgreSQL a second dispatcher passes over locked rows instead of waiting for them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "../../db/database.js";
import { claimDueOutboxRows, OUTBOX_STATUS } from "../../db/outbox-repository.js";
import { createDatabase, dropDatabase } from "../support/postgres-cluster.js";

const dir = mkdtempSync(path.join(tmpdir(), "outbox-claims-"));
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function open(engine: "sqlite" | "postgresql"): Promise<OpenedDatabase> {
  const url = engine === "postgresql" ? await createDatabase("claims") : `file:${path.join(dir, `${Math.random()}.db`)}`;
  const database = await openDatabase(url);
  cleanups.push(async () => {
    await database.close();
    if (engine === "postgresql") await dropDatabase(url);
  });
  return database;
}

const NOW = new Date("2026-11-30T03:00:00.000Z");
const LEASE = new Date(NOW.getTime() + 120_000);
const TELEGRAM = [{ channel: "telegram" }];

/** Pushes in this order of ids, e.g. ["x", "y", "x"]: two for chat x, one for chat y between them. */
async function enqueue(database: OpenedDatabase, chats: string[]): Promise<void> {
  await database.transactions.run(async ({ db }) => {
    for (const [index, chatId] of chats.entries()) {
      await db.outboxMessage.create({
        data: { channel: "telegram", chatId, payload: JSON.stringify({ text: `${chatId}${index}` }), nextAttemptAt: NOW },
      });
    }
  });
}

const claim = (database: OpenedDatabase, limit = 50) =>
  database.transactions.run((tx) => claimDueOutboxRows(tx, { now: NOW, leaseUntil: LEASE, reachable: TELEGRAM, limit }));

const texts = (rows: Array<{ payload: string }>) => rows.map((row) => (JSON.parse(row.payload) as { text: string }).text);

describe.each(["sqlite", "postgresql"] as const)("outbox claims on %s", (engine) => {
  it("claims each due row once, oldest first, with everything a send needs", async () => {
    const database = await open(engine);
    await enqueue(database, ["x", "y", "x"]);
    const first = await claim(database);
    expect(texts(first)).toEqual(["x0", "y1", "x2"]);
    expect(first[0]).toMatchObject({ channel: "telegram", chatId: "x", attempts: 0, complaintId: null, errorCode: null });
    expect(typeof first[0]?.id).toBe("number");
    // Leased: nobody claims them again before the lease ends.
    expect(await claim(database)).toEqual([]);
  });

  it("holds a chat's later pushes while an earlier one is leased or retried, and lets other chats go", async () => {
    const database = await open(engine);
    await enqueue(database, ["x", "y", "x", "y"]);
    // The limit cuts chat x between its pushes: x0 and y1 are claimed, x2 waits behind x0.
    expect(texts(await claim(database, 2))).toEqual(["x0", "y1"]);
    // x2 and y3 are due, but x0 and y1 are leased: neither may overtake.
    expect(await claim(database)).toEqual([]);
    await database.transactions.run(({ db }) =>
      db.outboxMessage.updateMany({ where: { chatId: "y", nextAttemptAt: LEASE }, data: { status: OUTBOX_STATUS.SENT } }),
    );
    // y1 went out, so y3 may go; x0 is still leased (a send under way, or a retry later): x2 waits.
    expect(texts(await claim(database))).toEqual(["y3"]);
    expect(await claim(database)).toEqual([]);
    // x0 due again (released after a failed send): both of chat x go, in order.
    await database.transactions.run(({ db }) =>
      db.outboxMessage.updateMany({ where: { chatId: "x" }, data: { nextAttemptAt: NOW } }),
    );
    expect(texts(await claim(database))).toEqual(["x0", "x2"]);
  });
});

describe("outbox claims by two dispatchers on PostgreSQL", () => {
  it("the second passes over rows the first holds, without waiting, and takes only whole chats", async () => {
    const database = await open("postgresql");
    await enqueue(database, ["x", "x", "y", "y", "x", "z"]);
    let secondDone!: (rows: string[]) => void;
    const second = new Promise<string[]>((resolve) => (secondDone = resolve));
    const first = database.transactions.run(async (tx) => {
      const rows = await claimDueOutboxRows(tx, { now: NOW, leaseUntil: LEASE, reachable: TELEGRAM, limit: 3 });
      // Still open and holding its rows: the other dispatcher claims now.
      void claim(database).then((claimed) => secondDone(texts(claimed)));
      const overtaken = await Promise.race([second.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      return { rows: texts(rows), overtaken };
    });
    const firstResult = await first;
    // x0, x1, y2 locked by the first; the second skipped them instead of waiting for their commit.
    expect(firstResult).toEqual({ rows: ["x0", "x1", "y2"], overtaken: true });
    // The second saw y3 and x4 behind rows the first holds, so it left them; z5 is a chat of its own.
    expect(await second).toEqual(["z5"]);
  });
});
