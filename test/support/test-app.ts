// The real application on a temporary SQLite file: what every integration test drives.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import type { ChannelSender, MessageHandler } from "../../bots/channel.js";
import type { PrismaClient } from "../../db/database.js";
import type { Transactions } from "../../db/transactions.js";
import type { Clock } from "../../complaints/clock.js";
import { createApp, type App } from "../../app/compose.js";
import { loadConfig, type AppConfig } from "../../app/config.js";
import { createDatabase, dropDatabase } from "./postgres-cluster.js";

export interface TestAppOptions {
  clock?: Clock;
  /** Environment-style overrides, validated like the real configuration. */
  env?: Record<string, string>;
  /** Reuse an existing database file (restart tests). */
  dbPath?: string;
}

export interface TestApp {
  handler: MessageHandler;
  prisma: PrismaClient;
  /** The one way to the database, as the bot runs units of work. */
  transactions: Transactions;
  app: App;
  config: AppConfig;
  dbPath: string;
  /** Senders the outbox dispatcher delivers through (one per channel). */
  attachSender(sender: ChannelSender): void;
  /** Delivers every due outbox row now; returns how many were sent. */
  dispatchOutbox(): Promise<number>;
  close(): Promise<void>;
}

/** TEST_ENGINE=postgresql runs every test app on its own database of the throw-away cluster. */
export const testEngine = (): "sqlite" | "postgresql" => (process.env.TEST_ENGINE === "postgresql" ? "postgresql" : "sqlite");

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dbPath ? null : mkdtempSync(path.join(tmpdir(), "lapor-test-"));
  const dbPath = options.dbPath ?? path.join(dir ?? tmpdir(), "test.db");
  const onPostgres = testEngine() === "postgresql" && !options.dbPath;
  const databaseUrl = onPostgres ? await createDatabase("app") : `file:${dbPath}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: path.dirname(dbPath), ...options.env });
  const app = await createApp({ config, clock: options.clock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) });
  return {
    handler: app.runner,
    prisma: app.database.prisma,
    transactions: app.transactions,
    app,
    config,
    dbPath,
    attachSender: (sender) => app.dispatcher.registerSender(sender),
    dispatchOutbox: () => app.dispatcher.drain(),
    close: async () => {
      await app.close();
      if (onPostgres) await dropDatabase(databaseUrl);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
