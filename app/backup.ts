// `npm run backup -- FILE|DIR` (or `node dist/app/backup.js FILE|DIR`): a consistent copy of the SQLite
// database while the bot keeps running, checked with integrity_check, with row counts printed.
// A directory gets a dated file name (lapor-YYYYMMDD-HHMMSS.db). The source is never migrated or changed.
import "dotenv/config";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { isEntryPoint } from "./cli-entry.js";
import { installProcessGuards } from "./process-guards.js";
import { BackupError, backupDatabase, type BackupReport } from "../db/backup.js";
import { databaseFilePath } from "../db/database.js";
import { ConfigError, loadConfig } from "./config.js";

const USAGE = [
  "Pemakaian: npm run backup -- BERKAS_TUJUAN.db   (atau folder: nama berkas diberi tanggal)",
  "Contoh:    npm run backup -- /var/backups/lapor/",
].join("\n");

function stamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

/** A directory (existing, or written with a trailing slash) gets a dated file inside it. */
export function backupTarget(argument: string, now: Date): string {
  const isDir = /[\\/]$/.test(argument) || statSync(argument, { throwIfNoEntry: false })?.isDirectory() === true;
  return isDir ? path.join(argument, `lapor-${stamp(now)}.db`) : argument;
}

export function formatReport(report: BackupReport): string[] {
  const width = Math.max(...Object.keys(report.rowCounts).map((name) => name.length));
  return [
    `Cadangan selesai: ${report.destination} (${(report.bytes / 1e6).toFixed(1)} MB, ${report.ms} ms)`,
    `integrity_check: ${report.integrity}`,
    "Jumlah baris per tabel:",
    ...Object.entries(report.rowCounts).map(([table, rows]) => `  ${table.padEnd(width)}  ${rows}`),
  ];
}

export async function runBackupCli(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const argument = args.find((arg) => !arg.startsWith("-"));
  if (!argument || args.includes("--help")) {
    console.error(USAGE);
    return argument ? 0 : 2;
  }
  try {
    const config = loadConfig(env);
    const target = backupTarget(argument, new Date());
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const report = await backupDatabase(databaseFilePath(config.DATABASE_URL), target, config.SQLITE_BUSY_TIMEOUT_MS);
    for (const line of formatReport(report)) console.log(line);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BackupError) console.error(`Pencadangan gagal: ${error.message}`);
    else console.error(`Pencadangan gagal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  installProcessGuards({ entry: "backup" });
  process.exitCode = await runBackupCli(process.argv.slice(2), process.env);
}
