// Opens the SQLite file: pragmas and migrations through better-sqlite3, then one Prisma client over it.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { migrateDatabase } from "./migrate.js";

export type { PrismaClient } from "@prisma/client";
/** The client or an interactive transaction: stores accept either. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface OpenedDatabase {
  prisma: PrismaClient;
  filePath: string;
  close(): Promise<void>;
}

export const BUSY_TIMEOUT_MS = 5000;

/** Accepts `file:./data/lapor.db`, `file:/abs/path.db` or a plain path. */
export function databaseFilePath(url: string): string {
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path.resolve(raw.split("?")[0] ?? raw);
}

export async function openDatabase(url: string): Promise<OpenedDatabase> {
  const filePath = databaseFilePath(url);
  mkdirSync(path.dirname(filePath), { recursive: true });
  const raw = new Database(filePath);
  try {
    raw.pragma("journal_mode = WAL");
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrateDatabase(raw);
  } finally {
    raw.close();
  }
  const adapter = new PrismaBetterSQLite3({ url: `file:${filePath}`, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  // Per-connection settings: NORMAL is durable in WAL mode across process crashes (not power loss).
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  return {
    prisma,
    filePath,
    close: () => prisma.$disconnect(),
  };
}
