// The PostgreSQL building blocks for several bot processes on one database, through the Prisma client:
// a savepoint that survives a unique violation and a per-chat advisory lock held for one transaction.
// The outbox's FOR UPDATE SKIP LOCKED claims are tested through the data layer in outbox-claims.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresDatabase, type OpenedPostgresDatabase } from "../../db/postgres/open.js";
import { createDatabase, dropDatabase } from "../support/postgres-cluster.js";

let url: string;
let db: OpenedPostgresDatabase;

beforeAll(async () => {
  url = await createDatabase("locking");
  db = await openPostgresDatabase(url);
});
afterAll(async () => {
  await db?.close();
  await dropDatabase(url);
});

type Tx = Parameters<Parameters<OpenedPostgresDatabase["prisma"]["$transaction"]>[0]>[0];

const waitingAdvisoryLocks = async () =>
  Number(
    (await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0]
      ?.n,
  );

describe("a savepoint inside a Prisma transaction", () => {
  it("rolls back a unique violation and the transaction still commits the rest", async () => {
    await db.prisma.$transaction(async (tx) => {
      await tx.staff.create({ data: { identity: "telegram:sp1", agencyCode: "DPUPR" } });
      await tx.$executeRawUnsafe("SAVEPOINT step");
      await expect(tx.staff.create({ data: { identity: "telegram:sp1", agencyCode: "DINKES" } })).rejects.toMatchObject({
        code: "P2002",
      });
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT step");
      await tx.staff.create({ data: { identity: "telegram:sp2", agencyCode: "DINKES" } });
    });
    const staff = await db.prisma.staff.findMany({
      where: { identity: { startsWith: "telegram:sp" } },
      orderBy: { identity: "asc" },
    });
    expect(staff.map((row) => [row.identity, row.agencyCode])).toEqual([
      ["telegram:sp1", "DPUPR"],
      ["telegram:sp2", "DINKES"],
    ]);
  });

  it("is needed: without it the violation aborts the whole transaction (unlike SQLite)", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.staff.create({ data: { identity: "telegram:nosp1", agencyCode: "DPUPR" } });
        await tx.staff.create({ data: { identity: "telegram:nosp1", agencyCode: "DINKES" } }).catch(() => undefined);
        await tx.staff.create({ data: { identity: "telegram:nosp2", agencyCode: "DINKES" } });
      }),
    ).rejects.toThrow(/aborted/);
    expect(await db.prisma.staff.count({ where: { identity: { startsWith: "telegram:nosp" } } })).toBe(0);
  });
});

describe("pg_advisory_xact_lock per chat", () => {
  const lockChat = (tx: Tx, chat: string) => tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", chat);

  it("runs two transactions of one chat one after the other, and another chat's meanwhile", async () => {
    const log: string[] = [];
    let release!: () => void;
    const mayFinish = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const firstHolds = new Promise<void>((resolve) => (holding = resolve));

    const first = db.prisma.$transaction(
      async (tx) => {
        await lockChat(tx, "telegram:chat-1");
        log.push("first locked");
        holding();
        await mayFinish;
        await tx.conversation.create({ data: { channel: "telegram", chatId: "chat-1", machineVersion: 1, snapshot: "{}" } });
        log.push("first done");
      },
      { timeout: 15_000 },
    );
    await firstHolds;
    const second = db.prisma.$transaction(
      async (tx) => {
        await lockChat(tx, "telegram:chat-1");
        // The first transaction committed before this one got the lock: its row is visible here.
        const seen = await tx.conversation.findUnique({ where: { channel_chatId: { channel: "telegram", chatId: "chat-1" } } });
        log.push(seen ? "second locked, sees first" : "second locked, sees nothing");
      },
      { timeout: 15_000 },
    );
    await expect.poll(waitingAdvisoryLocks, { timeout: 5_000 }).toBe(1);
    await db.prisma.$transaction(async (tx) => {
      await lockChat(tx, "telegram:chat-2");
      log.push("other chat locked");
    });
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(["first locked", "other chat locked", "first done", "second locked, sees first"]);
    // Released at commit: nothing is held or waiting afterwards.
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)).rows[0]).toEqual({
      n: 0,
    });
  });
});
