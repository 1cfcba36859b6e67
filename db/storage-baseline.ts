// The benchmark's storage limits (npm run bench): what plain prepared inserts into SQLite reach with
// our storage set-up (WAL, synchronous=NORMAL, checkpoints in the worker), to compare a filing with.
import { randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { startCheckpointer } from "./checkpointer.js";
import { migrateDatabase } from "./migrate.js";
import { sqlDate } from "./sql-store.js";

export interface StorageBaseline {
  /** The rows of one filing (citizen, complaint, event) into our schema, one transaction each. */
  sameRowsPerSecond: number;
  /** One small row per transaction. */
  rawInsertsPerSecond: number;
}

async function rawDatabase<T>(file: string, use: (db: Database.Database) => T): Promise<T> {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 32768");
  const checkpoints = startCheckpointer(file);
  try {
    return use(db);
  } finally {
    await checkpoints.stop();
    db.close();
  }
}

function perSecond(count: number, run: (i: number) => unknown): number {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) run(i);
  return count / ((performance.now() - started) / 1000);
}

/** Both limits, measured on fresh files in `dir` with `count` transactions each. */
export async function measureStorageBaseline(dir: string, count: number, description: string): Promise<StorageBaseline> {
  const sameRowsPerSecond = await rawDatabase(path.join(dir, "same.db"), (same) => {
    migrateDatabase(same);
    const at = sqlDate(new Date());
    const citizen = same.prepare(
      `INSERT INTO "Citizen" (id, channel, userId, chatId, createdAt, updatedAt) VALUES (?, 'terminal', ?, ?, ?, ?)`,
    );
    const complaint = same.prepare(
      `INSERT INTO "Complaint" (id, trackingCode, submissionId, citizenId, channel, chatId, reportType, description, suggestedAgency,
         suggestedConfidence, privacy, urgent, status, filedAt, routeDueAt, finishDueAt, updatedAt)
       VALUES (?, ?, ?, ?, 'terminal', 'x', 'pengaduan', ?, 'DPUPR', 0.9, 'biasa', 0, 'BARU', ?, ?, ?, ?)`,
    );
    const event = same.prepare(
      `INSERT INTO "ComplaintEvent" (complaintId, type, toStatus, actorType, visibleToCitizen, createdAt) VALUES (?, 'FILED', 'BARU', 'CITIZEN', 1, ?)`,
    );
    const sameRows = same.transaction((i: number) => {
      const citizenId = randomUUID();
      const complaintId = randomUUID();
      citizen.run(citizenId, `u${i}`, `u${i}`, at, at);
      complaint.run(complaintId, `LPR-S${i}`, randomUUID(), citizenId, description, at, at, at, at);
      event.run(complaintId, at);
    });
    return perSecond(count, sameRows);
  });
  const rawInsertsPerSecond = await rawDatabase(path.join(dir, "raw.db"), (raw) => {
    raw.exec("CREATE TABLE t (id TEXT PRIMARY KEY, code TEXT UNIQUE, description TEXT, status TEXT, filedAt INTEGER)");
    const insert = raw.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
    return perSecond(
      count,
      raw.transaction((i: number) => insert.run(randomUUID(), `LPR-${i}`, description, "BARU", Date.now())),
    );
  });
  return { sameRowsPerSecond, rawInsertsPerSecond };
}
