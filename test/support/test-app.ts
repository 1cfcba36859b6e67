// The real application on a temporary database of the engine under test (test/support/test-database.ts):
// what every integration test drives.
import path from "node:path";
import pino from "pino";
import type { ChannelSender, MessageHandler } from "../../bots/channel.js";
import type { PrismaClient } from "../../db/database.js";
import type { Transactions } from "../../db/transactions.js";
import type { Clock } from "../../complaints/clock.js";
import { createApp, type App } from "../../app/compose.js";
import { loadConfig, type AppConfig } from "../../app/config.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export { testEngine } from "./test-database.js";

export interface TestAppOptions {
  clock?: Clock;
  /** Environment-style overrides, validated like the real configuration. */
  env?: Record<string, string>;
  /** Run on this database, kept on close (restart tests: its owner drops it). */
  database?: TestDatabase;
  /** SQLite only: reuse this database file (tests of the file itself: backups, locks). */
  dbPath?: string;
}

export interface TestApp {
  handler: MessageHandler;
  prisma: PrismaClient;
  /** The one way to the database, as the bot runs units of work. */
  transactions: Transactions;
  app: App;
  config: AppConfig;
  /** The database this app runs on: its URL for a restart or a child process. */
  database: TestDatabase;
  /** DATA_DIR: a temp folder of the test's own. */
  dataDir: string;
  /** The SQLite file (SQLite only; on PostgreSQL a path in dataDir that nothing creates). */
  dbPath: string;
  /** Senders the outbox dispatcher delivers through (one per channel). */
  attachSender(sender: ChannelSender): void;
  /** Delivers every due outbox row now; returns how many were sent. */
  dispatchOutbox(): Promise<number>;
  close(): Promise<void>;
}

function sqliteFile(dbPath: string): TestDatabase {
  return { engine: "sqlite", url: `file:${dbPath}`, dir: path.dirname(dbPath), drop: async () => {} };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const kept = options.database ?? (options.dbPath ? sqliteFile(options.dbPath) : undefined);
  const database = kept ?? (await createTestDatabase("app"));
  const dbPath = database.url.startsWith("file:") ? database.url.slice("file:".length) : path.join(database.dir, "test.db");
  const config = loadConfig({ DATABASE_URL: database.url, DATA_DIR: database.dir, ...options.env });
  const app = await createApp({ config, clock: options.clock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) });
  return {
    handler: app.runner,
    prisma: app.database.prisma,
    transactions: app.transactions,
    app,
    config,
    database,
    dataDir: database.dir,
    dbPath,
    attachSender: (sender) => app.dispatcher.registerSender(sender),
    dispatchOutbox: () => app.dispatcher.drain(),
    close: async () => {
      await app.close();
      if (!kept) await database.drop();
    },
  };
}
