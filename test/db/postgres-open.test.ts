// openPostgresDatabase on the throw-away cluster: migrations first, then the lifecycle's kind of calls
// through the PostgreSQL client typed as the SQLite client, and a close that leaves no connection open.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPostgresMigrations } from "../../db/postgres/migrate.js";
import { openPostgresDatabase, postgresPoolConfig, type OpenedPostgresDatabase } from "../../db/postgres/open.js";
import { createDatabase, dropDatabase } from "../support/postgres-cluster.js";

let url: string;
let db: OpenedPostgresDatabase;

beforeAll(async () => {
  url = await createDatabase("open");
  db = await openPostgresDatabase(`${url}?connection_limit=4`);
});
afterAll(async () => {
  await db?.close();
  await dropDatabase(url);
});

const DAY = 24 * 60 * 60 * 1000;

async function fileComplaint(code: string, status = "MENUNGGU_VERIFIKASI") {
  const filedAt = new Date("2026-11-30T03:04:05.678Z");
  const citizen = await db.prisma.citizen.upsert({
    where: { channel_userId: { channel: "telegram", userId: "u1" } },
    create: { channel: "telegram", userId: "u1", chatId: "c1", displayName: "Budi" },
    update: {},
  });
  return db.prisma.complaint.create({
    data: {
      trackingCode: code,
      submissionId: `sub-${code}`,
      citizenId: citizen.id,
      channel: "telegram",
      chatId: "c1",
      reportType: "PENGADUAN",
      description: "Jalan berlubang di depan sekolah",
      suggestedAgency: "DPUPR",
      suggestedConfidence: 0.82,
      privacy: "PUBLIC",
      status,
      filedAt,
      routeDueAt: new Date(filedAt.getTime() + 3 * DAY),
      finishDueAt: new Date(filedAt.getTime() + 14 * DAY),
      events: { create: { type: "FILED", toStatus: status, actorType: "CITIZEN", createdAt: filedAt } },
    },
    include: { events: true },
  });
}

describe("openPostgresDatabase", () => {
  it("applies the migrations before the client is handed out, and none on the next open", async () => {
    expect(db.migrated).toEqual(readPostgresMigrations().map((migration) => migration.name));
    const again = await openPostgresDatabase(url);
    try {
      expect(again.migrated).toEqual([]);
      expect(await again.prisma.complaint.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await again.close();
    }
  });

  it("runs create, findMany and updateMany with the SQLite client's types, dates and floats intact", async () => {
    const filed = await fileComplaint("LPR-OPEN-1");
    expect(filed.events).toHaveLength(1);
    expect(filed.filedAt.toISOString()).toBe("2026-11-30T03:04:05.678Z");
    expect(filed.suggestedConfidence).toBe(0.82);
    await fileComplaint("LPR-OPEN-2", "DIPROSES");

    const open = await db.prisma.complaint.findMany({
      where: { status: { in: ["MENUNGGU_VERIFIKASI", "DIPROSES"] }, trackingCode: { startsWith: "LPR-OPEN-" } },
      orderBy: { trackingCode: "asc" },
      select: { trackingCode: true, status: true, citizen: { select: { displayName: true } } },
    });
    expect(open).toEqual([
      { trackingCode: "LPR-OPEN-1", status: "MENUNGGU_VERIFIKASI", citizen: { displayName: "Budi" } },
      { trackingCode: "LPR-OPEN-2", status: "DIPROSES", citizen: { displayName: "Budi" } },
    ]);
    const moved = await db.prisma.complaint.updateMany({
      where: { trackingCode: { startsWith: "LPR-OPEN-" }, status: "DIPROSES" },
      data: { status: "SELESAI", finishedAt: new Date("2026-12-01T00:00:00.000Z"), reopenCount: { increment: 1 } },
    });
    expect(moved.count).toBe(1);
    const done = await db.prisma.complaint.findUniqueOrThrow({ where: { trackingCode: "LPR-OPEN-2" } });
    expect([done.status, done.reopenCount, done.finishedAt?.toISOString()]).toEqual(["SELESAI", 1, "2026-12-01T00:00:00.000Z"]);
  });

  it("commits an interactive transaction as a whole, or nothing of it when the work throws", async () => {
    const filed = await fileComplaint("LPR-OPEN-3");
    const outboxId = await db.prisma.$transaction(async (tx) => {
      await tx.complaint.update({ where: { id: filed.id }, data: { status: "DITERUSKAN", assignedAgency: "DPUPR" } });
      await tx.complaintEvent.create({
        data: { complaintId: filed.id, type: "FORWARDED", actorType: "STAFF", agencyCode: "DPUPR", createdAt: new Date() },
      });
      const row = await tx.outboxMessage.create({
        data: {
          channel: "telegram",
          chatId: "c1",
          payload: '{"text":"Diteruskan"}',
          nextAttemptAt: new Date(),
          complaintId: filed.id,
        },
      });
      return row.id;
    });
    expect(typeof outboxId).toBe("number");
    expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("DITERUSKAN");

    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.complaint.update({ where: { id: filed.id }, data: { status: "DITOLAK" } });
        await tx.outboxMessage.create({ data: { channel: "telegram", chatId: "c1", payload: "{}", nextAttemptAt: new Date() } });
        throw new Error("the step failed");
      }),
    ).rejects.toThrow("the step failed");
    expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("DITERUSKAN");
    expect(await db.prisma.outboxMessage.count({ where: { complaintId: null } })).toBe(0);
  });

  it("answers $queryRawUnsafe with PostgreSQL's types: count(*) is a BigInt, booleans are booleans", async () => {
    await fileComplaint("LPR-OPEN-4");
    const rows = await db.prisma.$queryRawUnsafe<{ n: bigint; urgent: boolean }[]>(
      `SELECT count(*) AS n, bool_or("urgent") AS urgent FROM "Complaint" WHERE "trackingCode" LIKE $1`,
      "LPR-OPEN-%",
    );
    expect(rows).toEqual([{ n: 4n, urgent: false }]);
    expect(
      await db.prisma.$executeRawUnsafe(`UPDATE "Complaint" SET "urgent" = true WHERE "trackingCode" = $1`, "LPR-OPEN-4"),
    ).toBe(1);
  });

  it("keeps Bytes and the database's own defaults in UTC, whatever the server's time zone", async () => {
    const photo = Uint8Array.from([0xff, 0xd8, 0x00, 0x01, 0xfe]);
    const attachment = await db.prisma.attachment.create({
      data: { draftKey: "d1", mimeType: "image/jpeg", sizeBytes: photo.length, sha256: "x", data: photo, source: "telegram" },
    });
    expect(Array.from((await db.prisma.attachment.findUniqueOrThrow({ where: { id: attachment.id } })).data)).toEqual(
      Array.from(photo),
    );

    // A server in Jakarta time: CURRENT_TIMESTAMP defaults must still be written in UTC (the pool sets it).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET timezone TO 'Asia/Jakarta'`);
    await admin.end();
    const jakarta = await openPostgresDatabase(url);
    try {
      await jakarta.prisma.$executeRawUnsafe(
        `INSERT INTO "ProcessedMessage" ("channel", "messageId") VALUES ('telegram', 'tz-1')`,
      );
      const row = await jakarta.prisma.processedMessage.findUniqueOrThrow({
        where: { channel_messageId: { channel: "telegram", messageId: "tz-1" } },
      });
      expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      await jakarta.close();
    }
  });

  it("closes every connection it opened", async () => {
    const other = await openPostgresDatabase(`${url}?application_name=close-check`);
    await other.prisma.staff.count();
    await Promise.all([other.prisma.staff.count(), other.prisma.citizen.count(), other.prisma.complaint.count()]);
    const sessions = async () =>
      Number(
        (
          await db.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'close-check'`,
          )
        ).rows[0]?.n,
      );
    expect(await sessions()).toBeGreaterThan(0);
    await other.close();
    await other.close();
    await expect.poll(sessions).toBe(0);
  });
});

describe("postgresPoolConfig", () => {
  it("reads Prisma's connection_limit and pool_timeout and keeps them out of pg's connection string", () => {
    const config = postgresPoolConfig(
      "postgresql://bot:pw@db.example:5432/lapor?connection_limit=25&pool_timeout=3&sslmode=require",
    );
    expect(config.max).toBe(25);
    expect(config.connectionTimeoutMillis).toBe(3000);
    expect(config.connectionString).toBe("postgresql://bot:pw@db.example:5432/lapor?sslmode=require");
    expect(postgresPoolConfig("postgresql://db.example/lapor?schema=public").max).toBe(10);
    expect(() => postgresPoolConfig("postgresql://db.example/lapor?connection_limit=0")).toThrow(/at least 1/);
    expect(() => postgresPoolConfig("postgresql://db.example/lapor?schema=pemda_a")).toThrow(/own database/);
  });

  it("caps the pool at connection_limit", async () => {
    const small = await openPostgresDatabase(`${url}?connection_limit=2`);
    try {
      await Promise.all(Array.from({ length: 8 }, () => small.prisma.$queryRawUnsafe("SELECT pg_sleep(0.05)::text")));
      expect(small.pool.totalCount).toBeLessThanOrEqual(2);
    } finally {
      await small.close();
    }
  });
});
