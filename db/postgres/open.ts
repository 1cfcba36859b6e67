// Opens a PostgreSQL database (DATABASE_URL postgresql://...): one pg pool, migrations applied first,
// then the PostgreSQL Prisma client over PrismaPg on that pool, typed as the SQLite client.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "@prisma/client";
import { PostgresPrismaClient } from "./client.js";
import { migratePostgres } from "./migrate.js";

/** A bot process runs a few transactions at once (one per busy chat, the dispatcher, housekeeping). */
export const DEFAULT_CONNECTION_LIMIT = 10;

export interface OpenedPostgresDatabase {
  prisma: PrismaClient;
  /** The pool Prisma runs on, for what Prisma cannot express (advisory locks on one session, LISTEN). */
  pool: pg.Pool;
  /** Migrations applied by this open. */
  migrated: string[];
  close(): Promise<void>;
}

export interface PostgresOpenOptions {
  /** Called with errors of idle pooled connections (server restart, network cut); the pool replaces them. */
  onPoolError?: (error: Error) => void;
}

export { isPostgresUrl } from "../engine-url.js";

/**
 * Reads Prisma's usual URL parameters (`connection_limit`, `pool_timeout` in seconds) into pool settings
 * and leaves the rest (sslmode, application_name, ...) to pg.
 */
export function postgresPoolConfig(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const take = (name: string): string | null => {
    const value = parsed.searchParams.get(name);
    parsed.searchParams.delete(name);
    return value;
  };
  const positive = (name: string, value: string | null): number | undefined => {
    if (value === null) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new Error(`DATABASE_URL: ${name} must be a whole number, got "${value}"`);
    return number;
  };
  const max = positive("connection_limit", take("connection_limit")) ?? DEFAULT_CONNECTION_LIMIT;
  if (max < 1) throw new Error("DATABASE_URL: connection_limit must be at least 1");
  const poolTimeout = positive("pool_timeout", take("pool_timeout"));
  const schema = take("schema");
  // Prisma's examples carry ?schema=public; another schema would need search_path here and in migrations.
  if (schema !== null && schema !== "public") {
    throw new Error(`DATABASE_URL: schema=${schema} is not supported; give each deployment its own database`);
  }
  return {
    connectionString: parsed.toString(),
    max,
    // Prisma's meaning of pool_timeout: how long a query waits for a free connection (0 = forever).
    connectionTimeoutMillis: poolTimeout === undefined ? 10_000 : poolTimeout * 1000,
    // Columns are TIMESTAMP without time zone holding UTC: defaults like CURRENT_TIMESTAMP must be UTC too.
    options: "-c TimeZone=UTC",
    application_name: parsed.searchParams.get("application_name") ?? "lapor-chat",
  };
}

export async function openPostgresDatabase(url: string, options: PostgresOpenOptions = {}): Promise<OpenedPostgresDatabase> {
  const pool = new pg.Pool(postgresPoolConfig(url));
  // Without a listener, an idle connection's error is an unhandled 'error' event that ends the process.
  pool.on("error", (error) => options.onPoolError?.(error));
  let migrated: string[];
  try {
    migrated = await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const adapter = new PrismaPg(pool, { onPoolError: options.onPoolError });
  // The one cast between engines: both clients come from the same datamodel (checked at compile time in
  // db/postgres/client.ts), but each generated client declares its own nominal types, so TypeScript
  // cannot see that they match. Callers keep the SQLite client's types for both engines.
  const prisma = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  let closed = false;
  return {
    prisma,
    pool,
    migrated,
    close: async () => {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
