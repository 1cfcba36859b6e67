// Applies db/postgres/migrations in name order at start, recording them in Prisma's `_prisma_migrations`
// table like db/migrate.ts does for SQLite. Both engines' folders carry the same migration names.
// To add a migration for both engines: edit db/schema.prisma, then
//   npx tsx db/postgres/sync-schema.ts
//   git show HEAD:db/schema.prisma > /tmp/old.prisma            # the SQLite datamodel before the change
//   git show HEAD:db/postgres/schema.prisma > /tmp/old-pg.prisma  # the PostgreSQL one
//   npx prisma migrate diff --from-schema-datamodel /tmp/old.prisma --to-schema-datamodel db/schema.prisma \
//     --script -o db/migrations/<stamp>_<name>/migration.sql
//   npx prisma migrate diff --from-schema-datamodel /tmp/old-pg.prisma \
//     --to-schema-datamodel db/postgres/schema.prisma --script -o db/postgres/migrations/<stamp>_<name>/migration.sql
// test/db/postgres-migrate.test.ts fails when the names differ or the migrations do not build the schema.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { readMigrations, type MigrationFile } from "../migrate.js";

export const POSTGRES_MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** The key `prisma migrate` itself locks, so this runner and `prisma migrate deploy` exclude each other too. */
export const MIGRATION_LOCK_KEY = 72707369;

export function readPostgresMigrations(dir: string = POSTGRES_MIGRATIONS_DIR): MigrationFile[] {
  return readMigrations(dir);
}

/**
 * Returns the names of the migrations applied by this call. Holds a session advisory lock for the whole
 * run, so of several processes starting together one migrates and the others then find nothing to do.
 * Each migration and its record commit in one transaction (PostgreSQL's DDL is transactional): a
 * failing migration leaves no trace and is tried again at the next start.
 */
export async function migratePostgres(pool: pg.Pool, dir: string = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readPostgresMigrations(dir);
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      // Prisma's own definition of the table, so `prisma migrate status` reads it as its own.
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Set(rows.map((row) => row.migration_name));
      const done: string[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        await client.query("BEGIN");
        try {
          // No parameters: the simple query protocol runs the file's many statements in one call.
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(`PostgreSQL migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch((error: unknown) => {
        broken = error;
      });
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: destroy it rather than pool it.
    client.release(broken instanceof Error ? broken : undefined);
  }
}
