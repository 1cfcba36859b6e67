// PostgreSQL figures of `npm run bench`: the dialog rate of one bot process alone, and of two processes
// on the same database at once (scaling out). Each process is a real child (bench/postgres-worker.ts)
// with its own citizens; all start together. The server is BENCH_POSTGRES_URL (a database the bench may
// create databases beside), else a throw-away local cluster like the tests' (Debian's postgresql).
// With the local cluster the bench also says where the CPU goes: milliseconds per message in the bot
// process and in the server. Both share this machine's cores, which bounds what a second process adds.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createDatabase, startPostgresCluster } from "../db/postgres/local-cluster.js";
import type { ThroughputResult } from "./dialog.js";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A worker's result: the dialog figures and the CPU time its process spent on them. */
type WorkerResult = ThroughputResult & { cpuMs: number };

export interface CpuSplit {
  /** CPU milliseconds per message in the bot process. */
  botMs: number;
  /** CPU milliseconds per message in the PostgreSQL server (its processes on this machine). */
  serverMs: number;
  cores: number;
  /** The most two processes can give over one here: the cores divided by the CPU one process's rate takes. */
  ceilingRatio: number;
}

export interface PostgresBench {
  oneProcess: ThroughputResult;
  twoProcesses: { messagesPerSecond: number; p99Ms: number; filed: number };
  ratio: number;
  /** Of the one-process run; null when the server is not a local cluster (BENCH_POSTGRES_URL). */
  cpu: CpuSplit | null;
}

/** CPU milliseconds all postgres processes on this machine have used (Linux /proc; clock ticks of 10 ms). */
function serverCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks * 10;
}

interface Worker {
  ready: Promise<void>;
  go(): void;
  stop(): void;
  result: Promise<WorkerResult>;
}

function startWorker(url: string, prefix: string, citizens: number): Worker {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["bench/postgres-worker.ts"], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: url, BENCH_PREFIX: prefix, BENCH_CITIZENS: String(citizens), LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const result = new Promise<WorkerResult>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line === "ready") markReady();
      else if (line.startsWith("{")) resolve(JSON.parse(line) as WorkerResult);
    });
    child.on("exit", (code) => reject(new Error(`bench worker ${prefix} exited with ${code}`)));
  });
  return { ready, go: () => child.stdin.write("go\n"), stop: () => child.stdin.write("stop\n"), result };
}

async function run(
  adminUrl: string,
  processes: number,
  citizens: number,
): Promise<{ results: WorkerResult[]; serverMs: number }> {
  const url = await createDatabase(adminUrl, "bench");
  const workers = Array.from({ length: processes }, (_, i) => startWorker(url, `p${i}`, citizens));
  await Promise.all(workers.map((worker) => worker.ready));
  const serverBefore = serverCpuMs();
  for (const worker of workers) worker.go();
  const results = await Promise.all(workers.map((worker) => worker.result));
  const serverMs = serverCpuMs() - serverBefore;
  for (const worker of workers) worker.stop();
  return { results, serverMs };
}

export async function benchPostgres(citizens = 200): Promise<PostgresBench> {
  const cluster = process.env.BENCH_POSTGRES_URL ? null : await startPostgresCluster();
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? cluster?.adminUrl ?? "";
  try {
    const single = await run(adminUrl, 1, citizens);
    const two = (await run(adminUrl, 2, citizens)).results;
    const one = single.results[0];
    if (!one) throw new Error("the one-process run gave no result");
    // Both start together: their rate is all messages over the slower one's time.
    const seconds = Math.max(...two.map((result) => result.messages / result.messagesPerSecond));
    const messages = two.reduce((sum, result) => sum + result.messages, 0);
    const twoProcesses = {
      messagesPerSecond: Math.round(messages / seconds),
      p99Ms: Math.max(...two.map((result) => result.p99Ms)),
      filed: two.reduce((sum, result) => sum + result.filed, 0),
    };
    const { cpuMs, ...oneProcess } = one;
    const botMs = cpuMs / one.messages;
    const serverMs = single.serverMs / one.messages;
    const cores = availableParallelism();
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      oneProcess,
      twoProcesses,
      ratio: round(twoProcesses.messagesPerSecond / one.messagesPerSecond),
      cpu: cluster
        ? {
            botMs: round(botMs),
            serverMs: round(serverMs),
            cores,
            // Messages per second the cores could carry at this CPU cost, over the rate one process reached.
            ceilingRatio: round(Math.min(2, (cores * 1000) / (botMs + serverMs) / one.messagesPerSecond)),
          }
        : null,
    };
  } finally {
    cluster?.stop();
  }
}
