// A look from outside at the database a child process writes, by plain SQL: better-sqlite3 read-only on
// the file (no migrations, no checkpointer of its own), or one pg connection. Write SQL both engines
// accept: quoted camelCase names ("messageId"), CAST(count(*) AS INTEGER) for a number on both.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFilePath, isPostgresUrl } from "../../db/database.js";

export interface DatabaseWatcher {
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function tryOpen(url: string, probe: string): Promise<DatabaseWatcher> {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(probe);
    } catch (error) {
      await client.end();
      throw error;
    }
    return { rows: async <T>(sql: string) => (await client.query(sql)).rows as T[], close: () => client.end() };
  }
  const db = new Database(databaseFilePath(url), { readonly: true, fileMustExist: true });
  try {
    db.prepare(probe).get();
  } catch (error) {
    db.close();
    throw error;
  }
  return { rows: async <T>(sql: string) => db.prepare(sql).all() as T[], close: async () => void db.close() };
}

/** Waits until the program has created and migrated the database (`probe` runs), then watches it. */
export async function watchDatabase(url: string, probe = `SELECT 1 FROM "ProcessedMessage" LIMIT 1`): Promise<DatabaseWatcher> {
  for (let i = 0; ; i += 1) {
    try {
      return await tryOpen(url, probe);
    } catch (error) {
      if (i > 3000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
