// Online backup of the SQLite file with SQLite's backup API (never a file copy, which can catch the
// database between a WAL commit and its checkpoint), verified before it takes the destination's name.
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export interface BackupReport {
  destination: string;
  bytes: number;
  ms: number;
  /** "ok", or the first problems PRAGMA integrity_check found. */
  integrity: string;
  /** Rows per table in the copy, for the operator to compare with what they expect. */
  rowCounts: Record<string, number>;
}

/** A backup that could not be made or did not verify: the destination is left untouched. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** Opens a copy read-only and checks it: integrity_check, then the rows of every table. */
export function verifyDatabaseFile(file: string): Pick<BackupReport, "integrity" | "rowCounts"> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = db.pragma("integrity_check", { simple: false }) as Array<{ integrity_check: string }>;
    const integrity = problems
      .map((row) => row.integrity_check)
      .slice(0, 10)
      .join("; ");
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as Array<{ name: string }>;
    const rowCounts: Record<string, number> = {};
    for (const { name } of tables) {
      const row = db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number };
      rowCounts[name] = row.n;
    }
    return { integrity, rowCounts };
  } finally {
    db.close();
  }
}

/**
 * Copies the live database at `source` (other processes may keep writing) to `destination`.
 * The whole file is copied in one backup step: a read transaction in WAL mode sees one consistent
 * snapshot and never blocks the bot's writers, while a copy in small steps would restart after every
 * commit of the running bot and might never finish under load.
 */
export async function backupDatabase(source: string, destination: string, busyTimeoutMs = 5000): Promise<BackupReport> {
  const started = performance.now();
  const target = path.resolve(destination);
  if (!existsSync(source)) throw new BackupError(`database file not found: ${source}`);
  if (path.resolve(source) === target) throw new BackupError("the backup file must differ from the database file");
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true, timeout: busyTimeoutMs });
  try {
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
  // The copy keeps the WAL flag of its source; one self-contained file is easier to ship and restore.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const verified = verifyDatabaseFile(partial);
  if (verified.integrity !== "ok") {
    rmSync(partial, { force: true });
    throw new BackupError(`the copy failed integrity_check: ${verified.integrity}`);
  }
  renameSync(partial, target);
  return { destination: target, bytes: statSync(target).size, ms: Math.round(performance.now() - started), ...verified };
}
