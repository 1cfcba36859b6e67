// The PostgreSQL migration runner on the throw-away cluster: a fresh database gets every migration once,
// a second start nothing, two processes starting together apply each migration once, and the
// migrations build exactly the schema that db/postgres/schema.prisma describes.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { migratePostgres, readPostgresMigrations } from "../../db/postgres/migrate.js";
import { ROOT } from "../support/cli-process.js";
import { createDatabase, dropDatabase } from "../support/postgres-cluster.js";

const ALL = readPostgresMigrations().map((migration) => migration.name);
const databases: string[] = [];
const pools: pg.Pool[] = [];

async function freshPool(): Promise<{ url: string; pool: pg.Pool }> {
  const url = await createDatabase("migrate");
  databases.push(url);
  return { url, pool: newPool(url) };
}

function newPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pools.push(pool);
  return pool;
}

async function recorded(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.migration_name);
}

/** Tables, columns, indexes and constraints of the public schema, in a stable order. */
async function catalog(pool: pg.Pool): Promise<unknown[]> {
  const queries = [
    `SELECT table_name, column_name, data_type, is_nullable, column_default, datetime_precision
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`,
    `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
       ORDER BY 1, 2`,
  ];
  const results = [];
  for (const query of queries) results.push(...(await pool.query(query)).rows);
  return results;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});
afterAll(async () => {
  for (const url of databases) await dropDatabase(url);
});

describe("migratePostgres", () => {
  it("applies every migration to a fresh database, in order, and nothing on the next start", async () => {
    const { pool } = await freshPool();
    expect(await migratePostgres(pool)).toEqual(ALL);
    expect(await recorded(pool)).toEqual(ALL);
    expect(await migratePostgres(pool)).toEqual([]);
    expect(await recorded(pool)).toEqual(ALL);
    const { rows } = await pool.query(
      `SELECT to_regclass('"Complaint"') AS complaint, to_regclass('"RoutingExample"') AS routing`,
    );
    expect(rows[0]).toEqual({ complaint: '"Complaint"', routing: '"RoutingExample"' });
  });

  it("applies each migration once when two processes start together on one database", async () => {
    const { url } = await freshPool();
    // Two pools are two sets of sessions, exactly as two bot processes would have.
    const results = await Promise.all([
      migratePostgres(newPool(url)),
      migratePostgres(newPool(url)),
      migratePostgres(newPool(url)),
    ]);
    expect(results.flat().sort()).toEqual(ALL);
    expect(results.filter((names) => names.length > 0)).toHaveLength(1);
    expect(await recorded(newPool(url))).toEqual(ALL);
  });

  it("applies only what is new, and rolls a failing migration back whole so the next start tries it again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lapor-pg-migrations-"));
    try {
      const write = (name: string, sql: string) => {
        mkdirSync(path.join(dir, name));
        writeFileSync(path.join(dir, name, "migration.sql"), sql);
      };
      write("20260101000000_first", `CREATE TABLE "First" ("id" INTEGER PRIMARY KEY);`);
      const { pool } = await freshPool();
      expect(await migratePostgres(pool, dir)).toEqual(["20260101000000_first"]);

      write("20260102000000_broken", `CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);\nSELECT no_such_function();`);
      await expect(migratePostgres(pool, dir)).rejects.toThrow(/20260102000000_broken failed: .*no_such_function/);
      expect(await recorded(pool)).toEqual(["20260101000000_first"]);
      expect((await pool.query(`SELECT to_regclass('"Second"') AS second`)).rows[0]).toEqual({ second: null });

      writeFileSync(
        path.join(dir, "20260102000000_broken", "migration.sql"),
        `CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);`,
      );
      expect(await migratePostgres(pool, dir)).toEqual(["20260102000000_broken"]);
      // The lock is released after a failure too: a later run does not wait.
      expect((await pool.query(`SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory'`)).rows[0]).toEqual({
        held: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds exactly the schema of db/postgres/schema.prisma (a model change without a migration fails here)", async () => {
    const migrated = await freshPool();
    await migratePostgres(migrated.pool);
    // prisma.config.ts opens its SQLite adapter even for a diff of two datamodels: give it a scratch file.
    const scratch = mkdtempSync(path.join(tmpdir(), "lapor-pg-diff-"));
    const { stdout } = await promisify(execFile)(
      path.join(ROOT, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", path.join("db", "postgres", "schema.prisma"), "--script"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "unused.db")}` } },
    ).finally(() => rmSync(scratch, { recursive: true, force: true }));
    expect(stdout).toMatch(/CREATE TABLE "Complaint"/);
    const direct = await freshPool();
    await direct.pool.query(stdout);
    const expected = await catalog(direct.pool);
    expect(expected.length).toBeGreaterThan(100);
    expect(await catalog(migrated.pool)).toEqual(expected);
  });
});
