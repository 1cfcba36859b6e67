// A throw-away local PostgreSQL cluster, for the tests and the bench: initdb + pg_ctl from Debian's
// postgresql package in a temporary directory, on 127.0.0.1 and a free port, durability off (fsync and
// synchronous commit), removed on stop or when the process exits. Never for production data.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

export interface PostgresCluster {
  adminUrl: string;
  dataDir: string;
  /** Milliseconds from initdb to accepting connections. */
  startMs: number;
  stop(): void;
}

/** Debian puts the binaries under /usr/lib/postgresql/<version>/bin, off PATH: take the newest. */
export function findPostgresBinDir(): string | undefined {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  return undefined;
}

/** PostgreSQL refuses to run as root: then every server command runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number; prefix: string[] } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid, prefix: ["runuser", "-u", "postgres", "--"] };
  } catch {
    throw new Error("running as root, but there is no `postgres` user to run the test cluster (install Debian's postgresql)");
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error(
      "PostgreSQL not found: install Debian's `postgresql` (.ci/run does), set POSTGRES_BIN_DIR, or give " +
        "a postgresql:// URL of a server of your own (TEST_DATABASE_URL_ADMIN for the tests, BENCH_POSTGRES_URL for the bench)",
    );
  }
  const started = performance.now();
  const user = serverUser();
  const dataDir = mkdtempSync(path.join(tmpdir(), "lapor-pg-"));
  if (user) chownSync(dataDir, user.uid, user.gid);
  // The tmp directory as working directory: the postgres user may not be allowed into ours.
  const run = (binary: string, args: string[]): string => {
    const [command, ...rest] = [...(user?.prefix ?? []), path.join(binDir, binary), ...args];
    return execFileSync(command!, rest, { cwd: tmpdir(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  };
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    run("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  } catch (error) {
    remove();
    throw error;
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    // Durability is pointless for a throw-away cluster: fsync and friends off make it several times faster.
    const settings = [
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${dataDir}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=300",
    ].join(" ");
    try {
      run("pg_ctl", ["-D", dataDir, "-l", path.join(dataDir, "server.log"), "-o", settings, "-w", "-t", "60", "start"]);
    } catch (error) {
      // Most likely the port was taken between freePort() and the bind: try another one.
      lastError = error;
      continue;
    }
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      process.off("exit", stop);
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        remove();
      }
    };
    // A run that ends without teardown (an interrupted vitest) must not leave a server behind.
    process.on("exit", stop);
    return { adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`, dataDir, startMs: performance.now() - started, stop };
  }
  const log = existsSync(path.join(dataDir, "server.log")) ? readFileSync(path.join(dataDir, "server.log"), "utf8") : "";
  remove();
  throw new Error(`the test PostgreSQL cluster did not start: ${String(lastError)}\n${log}`);
}

/** A new, empty database on the server behind adminUrl (a throw-away cluster's); returns its URL. */
export async function createDatabase(adminUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
