// The database a test runs on, for the engine under test: TEST_ENGINE=postgresql gives a fresh database
// of the throw-away cluster (test/support/postgres-cluster.ts), otherwise a `file:` in a temp folder.
// Fixtures, test apps and child processes (DATABASE_URL in their env) all take their URL from here.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "vitest";
import { createDatabase, dropDatabase } from "./postgres-cluster.js";

export type TestEngine = "sqlite" | "postgresql";

export const testEngine = (): TestEngine => (process.env.TEST_ENGINE === "postgresql" ? "postgresql" : "sqlite");

export const onSqlite = (): boolean => testEngine() === "sqlite";

/**
 * A case about what only SQLite has (its file, its busy lock): registered in the SQLite run only, so the
 * PostgreSQL run neither runs nor skips it; there is nothing of it to test there.
 */
export function itOnSqlite(name: string, test: () => unknown, timeout?: number): void {
  if (onSqlite()) it(name, async () => void (await test()), timeout);
}

/** A group of such cases (see itOnSqlite). */
export function describeOnSqlite(name: string, cases: () => void): void {
  if (onSqlite()) describe(name, cases);
}

export interface TestDatabase {
  engine: TestEngine;
  /** The DATABASE_URL to open or hand to a child process. */
  url: string;
  /** A temp folder of its own (the SQLite file, DATA_DIR, files the test writes), removed by drop(). */
  dir: string;
  /** Drops the PostgreSQL database (closing what is still connected) and removes the folder. */
  drop(): Promise<void>;
}

/** A new, empty database (migrations are applied by whoever opens it first). */
export async function createTestDatabase(name = "test"): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), `lapor-${name}-`));
  const engine = testEngine();
  const url = engine === "postgresql" ? await createDatabase(name) : `file:${path.join(dir, `${name}.db`)}`;
  return {
    engine,
    url,
    dir,
    drop: async () => {
      try {
        if (engine === "postgresql") await dropDatabase(url);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
