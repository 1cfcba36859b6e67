// Opens the database DATABASE_URL names: a `file:` SQLite database (the embedded default) or a
// `postgresql://` server (db/postgres/, loaded only then). Both come with their migrations applied and
// their way to run units of work (db/transactions.ts). SQLite has ONE connection shared by Prisma and
// the prepared-statement store of the hot path (db/sql-store.ts): a second connection would wait on
// Prisma's open transactions with a blocking busy loop.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { migrateDatabase } from "./migrate.js";
import { SqlStore } from "./sql-store.js";
import { startCheckpointer, type CheckpointerOptions } from "./checkpointer.js";
import { GroupCommit } from "./group-commit.js";
import { SeparateTransactions } from "./separate-transactions.js";
import type { Transactions } from "./transactions.js";
import { isPostgresUrl } from "./engine-url.js";

export { isPostgresUrl } from "./engine-url.js";

export type { Db, PrismaClient } from "./client.js";

/** A SQLite file; its store and path serve the hot path, the health check, backups and the bench. */
export interface SqliteDatabase {
  engine: "sqlite";
  prisma: PrismaClient;
  store: SqlStore;
  filePath: string;
  /** Every unit of work runs here: group-committed on the one connection. */
  transactions: Transactions;
  close(): Promise<void>;
}

/** A PostgreSQL server several processes may share. */
export interface PostgresDatabase {
  engine: "postgresql";
  prisma: PrismaClient;
  /** Every unit of work runs here: its own transaction, chats serialized by advisory locks. */
  transactions: Transactions;
  close(): Promise<void>;
}

export type OpenedDatabase = SqliteDatabase | PostgresDatabase;

export interface OpenOptions {
  busyTimeoutMs?: number;
  checkpoints?: CheckpointerOptions;
  /** PostgreSQL: errors of idle pooled connections (the pool replaces them). */
  onPoolError?: (error: Error) => void;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if (!isPostgresUrl(url)) return openSqliteDatabase(url, options);
  // Loaded only here: a SQLite deployment never pays for pg and the second client.
  const { openPostgresDatabase } = await import("./postgres/open.js");
  const opened = await openPostgresDatabase(url, options.onPoolError ? { onPoolError: options.onPoolError } : {});
  return {
    engine: "postgresql",
    prisma: opened.prisma,
    transactions: new SeparateTransactions(opened.prisma),
    close: () => opened.close(),
  };
}

export const BUSY_TIMEOUT_MS = 5000;

/** Accepts `file:./data/lapor.db`, `file:/abs/path.db` or a plain path. */
export function databaseFilePath(url: string): string {
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path.resolve(raw.split("?")[0] ?? raw);
}

export async function openSqliteDatabase(url: string, options: OpenOptions = {}): Promise<SqliteDatabase> {
  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  const filePath = databaseFilePath(url);
  mkdirSync(path.dirname(filePath), { recursive: true });
  const setup = new Database(filePath, { timeout: Math.max(busyTimeoutMs, BUSY_TIMEOUT_MS) });
  try {
    setup.pragma("journal_mode = WAL");
    migrateDatabase(setup);
  } finally {
    setup.close();
  }

  const factory = new PrismaBetterSQLite3({ url: `file:${filePath}`, timeout: busyTimeoutMs });
  const adapter = await factory.connect();
  // The adapter keeps its better-sqlite3 handle in a public field; pinned 6.19.3 is checked here.
  const connection = (adapter as unknown as { client?: unknown }).client;
  if (!(connection instanceof Database)) {
    throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection; check the pinned version (6.19.3)");
  }
  factory.connect = async () => adapter;
  // NORMAL is durable across process crashes in WAL mode (a power cut may lose the last commits).
  connection.pragma("synchronous = NORMAL");
  connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // Checkpoints run in a worker (db/checkpointer.ts), which restarts the WAL at 64 MB; this is only
  // the fallback at 128 MB if the worker is gone or starved.
  connection.pragma("wal_autocheckpoint = 32768");
  const checkpointer = startCheckpointer(filePath, options.checkpoints);
  // Connected lazily by the first query: the hot path does not need Prisma, and start-up stays short.
  const prisma = new PrismaClient({ adapter: factory });
  const store = new SqlStore(connection, checkpointer.gate);
  return {
    engine: "sqlite",
    prisma,
    store,
    filePath,
    transactions: new GroupCommit(prisma, store),
    close: async () => {
      await checkpointer.stop();
      await prisma.$disconnect();
    },
  };
}
