// The tests' PostgreSQL: vitest's globalSetup (setup/teardown below) starts one throw-away cluster per
// run (db/postgres/local-cluster.ts) and hands its admin URL to test files in TEST_DATABASE_URL_ADMIN;
// each test file takes a fresh database with createDatabase(). A TEST_DATABASE_URL_ADMIN given from
// outside (a server of your own) is used as it is, and no cluster is started.
import pg from "pg";
import {
  createDatabase as createDatabaseOn,
  findPostgresBinDir,
  startPostgresCluster,
  type PostgresCluster,
} from "../../db/postgres/local-cluster.js";

export const ADMIN_URL_ENV = "TEST_DATABASE_URL_ADMIN";

export function adminUrl(): string {
  const url = process.env[ADMIN_URL_ENV];
  if (!url) {
    const why = findPostgresBinDir()
      ? "TEST_POSTGRES=0 was set, or this did not run under vitest (its globalSetup starts the cluster)"
      : "PostgreSQL is not installed (.ci/run installs Debian's postgresql; POSTGRES_BIN_DIR points elsewhere)";
    throw new Error(`${ADMIN_URL_ENV} is not set: ${why}`);
  }
  return url;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server; returns its URL. */
export async function createDatabase(prefix = "test"): Promise<string> {
  return createDatabaseOn(adminUrl(), prefix);
}

/** Drops a database made by createDatabase, closing what is still connected to it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`));
}

let cluster: PostgresCluster | undefined;

/** Vitest globalSetup: one cluster for the whole run, unless an admin URL was given from outside. */
export async function setup(): Promise<void> {
  if (process.env[ADMIN_URL_ENV]) return;
  if (process.env.TEST_POSTGRES === "0") return;
  if (!findPostgresBinDir() && process.env.TEST_POSTGRES !== "1") return; // the PostgreSQL tests then fail and say why
  cluster = await startPostgresCluster();
  process.env[ADMIN_URL_ENV] = cluster.adminUrl;
}

export async function teardown(): Promise<void> {
  cluster?.stop();
  if (cluster) delete process.env[ADMIN_URL_ENV];
  cluster = undefined;
}
