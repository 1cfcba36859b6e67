// Opens the SQLite file: pragmas and migrations first, then ONE connection shared by Prisma (for the
// lifecycle and reports) and the prepared-statement store of the hot path (db/sql-store.ts).
// Sharing matters: a second connection would wait on Prisma's open transactions with a blocking busy loop.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { migrateDatabase } from "./migrate.js";
import { GroupCommit } from "./group-commit.js";
import { SqlStore } from "./sql-store.js";
import { startCheckpointer, type CheckpointerOptions } from "./checkpointer.js";

export type { PrismaClient } from "@prisma/client";
/** The client or a unit of work's transaction (db/transactions.ts): repositories accept either. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface OpenedDatabase {
  prisma: PrismaClient;
  store: SqlStore;
  /** The one way to work on the database: `transactions.run(({ db, store }) => ...)`. */
  transactions: GroupCommit;
  filePath: string;
  close(): Promise<void>;
}

export const BUSY_TIMEOUT_MS = 5000;

/** Accepts `file:./data/lapor.db`, `file:/abs/path.db` or a plain path. */
export function databaseFilePath(url: string): string {
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path.resolve(raw.split("?")[0] ?? raw);
}

export async function openDatabase(
  url: string,
  options: { busyTimeoutMs?: number; checkpoints?: CheckpointerOptions } = {},
): Promise<OpenedDatabase> {
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
    prisma,
    store,
    transactions: new GroupCommit(prisma, store),
    filePath,
    close: async () => {
      await checkpointer.stop();
      await prisma.$disconnect();
    },
  };
}
