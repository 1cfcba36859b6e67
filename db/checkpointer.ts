// WAL checkpoints off the event loop. A checkpoint fsyncs, which on this machine takes 5-30 ms; on the
// main connection that would stall every chat. A worker thread with its own connection checkpoints
// passively every 100 ms, so the main thread never waits for an fsync of the WAL or the database.
//
// Under steady load a passive checkpoint never catches up: commits land while it runs, so the WAL is
// never fully backfilled and never restarts (840 MB in 27 s at 2,000 msg/s), until the main connection's
// own fallback checkpoint runs, fsyncs included, and stalls every chat for 20-90 ms.
// So once the WAL passes `restartFrames`, the worker closes a gate that the main writer checks before
// each group commit (db/group-commit.ts), finishes the few frames left while nobody writes, and opens
// it again; the next commit starts the WAL from the beginning. The gate is only a hint: if a write
// slips through, the checkpoint is merely incomplete and the next tick tries again.
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";

const GATE = 0;
const WRITING = 1;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.filePath, { timeout: 1000 });
const state = new Int32Array(workerData.shared);
const GATE = ${GATE}, WRITING = ${WRITING};
function checkpoint() {
  try { return db.pragma("wal_checkpoint(PASSIVE)")[0]; } catch { return undefined; /* busy: next tick */ }
}
function tick() {
  const done = checkpoint();
  if (!done || done.log < workerData.restartFrames) return;
  // Catch up while writers go on, so the pause below covers only the last few frames.
  for (let round = 0; round < 3; round += 1) {
    const started = Date.now();
    checkpoint();
    if (Date.now() - started <= 2) break;
  }
  Atomics.store(state, GATE, 1);
  try {
    const deadline = Date.now() + workerData.maxPauseMs;
    while (Atomics.load(state, WRITING) !== 0 && Date.now() < deadline) Atomics.wait(state, WRITING, 1, 5);
    if (Atomics.load(state, WRITING) === 0) checkpoint();
  } finally {
    Atomics.store(state, GATE, 0);
  }
}
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** Shared with the worker: the main writer marks its transactions and holds off while the gate is closed. */
export interface CheckpointGate {
  /** True while the checkpointer finishes a checkpoint so the WAL can restart (a few ms). */
  readonly closed: boolean;
  enterWrite(): void;
  leaveWrite(): void;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** WAL size (4 KB frames) at which writers are paused briefly so the WAL can restart. */
  restartFrames?: number;
  /** Longest the worker waits for a transaction in progress before giving up until the next tick. */
  maxPauseMs?: number;
}

export interface Checkpointer {
  gate: CheckpointGate;
  stop(): Promise<void>;
}

export function startCheckpointer(filePath: string, options: CheckpointerOptions = {}): Checkpointer {
  const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3");
  const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(shared);
  const workerData = {
    filePath,
    betterSqlite3,
    shared,
    intervalMs: options.intervalMs ?? 100,
    restartFrames: options.restartFrames ?? 16384,
    maxPauseMs: options.maxPauseMs ?? 50,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref();
  // A worker that dies mid-checkpoint must not leave writers paused.
  worker.on("exit", () => Atomics.store(state, GATE, 0));
  worker.on("error", () => Atomics.store(state, GATE, 0));
  return {
    gate: {
      get closed() {
        return Atomics.load(state, GATE) === 1;
      },
      enterWrite() {
        Atomics.store(state, WRITING, 1);
      },
      leaveWrite() {
        Atomics.store(state, WRITING, 0);
        Atomics.notify(state, WRITING);
      },
    },
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
