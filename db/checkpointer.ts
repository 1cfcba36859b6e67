// WAL checkpoints off the event loop: a checkpoint fsyncs the database file and can take tens of
// milliseconds, which on the main connection would stall every chat. A worker thread with its own
// connection checkpoints passively every second; the main connection only checkpoints by itself as a
// fallback when the WAL has grown large (the worker died or lags).
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.filePath, { timeout: 1000 });
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(filePath: string, intervalMs = 1000): Checkpointer {
  const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filePath, intervalMs, betterSqlite3 } });
  worker.unref();
  return {
    async stop() {
      // Referenced again while stopping, or an otherwise idle process would exit mid-await.
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage("stop");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
