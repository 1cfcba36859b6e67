// PostgreSQL figures of `npm run bench`: the dialog rate of one bot process alone, and of two processes
// on the same database at once (scaling out). Each process is a real child (app/bench-postgres-worker.ts)
// with its own citizens; all start together. The server is BENCH_POSTGRES_URL (a database the bench may
// create databases beside), else a throw-away local cluster like the tests' (Debian's postgresql).
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { startPostgresCluster } from "../test/support/postgres-cluster.js";
import type { ThroughputResult } from "./bench-dialog.js";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface PostgresBench {
  oneProcess: ThroughputResult;
  twoProcesses: { messagesPerSecond: number; p99Ms: number; filed: number };
  ratio: number;
}

async function freshDatabase(adminUrl: string): Promise<string> {
  const name = `bench_${randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Worker {
  ready: Promise<void>;
  go(): void;
  result: Promise<ThroughputResult>;
}

function startWorker(url: string, prefix: string, citizens: number): Worker {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["app/bench-postgres-worker.ts"], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: url, BENCH_PREFIX: prefix, BENCH_CITIZENS: String(citizens), LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<ThroughputResult>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line === "ready") markReady();
      else if (line.startsWith("{")) resolve(JSON.parse(line) as ThroughputResult);
    });
    child.on("exit", (code) => reject(new Error(`bench worker ${prefix} exited with ${code}`)));
  });
  return { ready, go: () => child.stdin.write("go\n"), result };
}

async function run(adminUrl: string, processes: number, citizens: number): Promise<ThroughputResult[]> {
  const url = await freshDatabase(adminUrl);
  const workers = Array.from({ length: processes }, (_, i) => startWorker(url, `p${i}`, citizens));
  await Promise.all(workers.map((worker) => worker.ready));
  for (const worker of workers) worker.go();
  return Promise.all(workers.map((worker) => worker.result));
}

export async function benchPostgres(citizens = 200): Promise<PostgresBench> {
  const cluster = process.env.BENCH_POSTGRES_URL ? null : await startPostgresCluster();
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? cluster?.adminUrl ?? "";
  try {
    const [one] = await run(adminUrl, 1, citizens);
    const two = await run(adminUrl, 2, citizens);
    if (!one) throw new Error("the one-process run gave no result");
    // Both start together: their rate is all messages over the slower one's time.
    const seconds = Math.max(...two.map((result) => result.messages / result.messagesPerSecond));
    const messages = two.reduce((sum, result) => sum + result.messages, 0);
    const twoProcesses = {
      messagesPerSecond: Math.round(messages / seconds),
      p99Ms: Math.max(...two.map((result) => result.p99Ms)),
      filed: two.reduce((sum, result) => sum + result.filed, 0),
    };
    return {
      oneProcess: one,
      twoProcesses,
      ratio: Math.round((twoProcesses.messagesPerSecond / one.messagesPerSecond) * 100) / 100,
    };
  } finally {
    cluster?.stop();
  }
}
