// Keeps the classifier's learned examples in step with the database: at start, after every committed
// step of the runner (a staff decision may have added one), and on a timer for changes made by other
// processes (`npm run routing -- import` while the bot runs). Only new rows are read, unless rows were
// removed, then everything is read again.
import { openDatabase } from "../db/database.js";
import { exampleSignature, examplesAfter, readAllExamplesAtStart } from "../db/routing-examples.js";
import type { Transactions } from "../db/transactions.js";
import type { SqlStore } from "../db/sql-store.js";
import { createLearnedModel, type LearnedModel } from "../nlp/learned-examples.js";
import type { NaiveBayesCounts } from "../nlp/naive-bayes.js";

/** How often the database is checked for examples written by another process. */
export const LEARNED_REFRESH_MS = 10_000;
const LEARN_SLICE = 250;

export interface LearnedRouting {
  model: LearnedModel;
  /** Reads what changed since the last refresh; concurrent calls share one read. */
  refresh(): Promise<void>;
  /** The first read at start-up, synchronous on the store's connection (no transaction is open yet). */
  prime(store: SqlStore): void;
  start(intervalMs?: number, onError?: (error: unknown) => void): void;
  /** Stops the timer and waits for a read in flight. */
  stop(): Promise<void>;
}

/** `corpus`: the built-in model's counts, the background learned evidence is measured against. */
export function createLearnedRouting(transactions: Transactions, codes: string[], corpus?: NaiveBayesCounts): LearnedRouting {
  const model = createLearnedModel(codes, corpus);
  let known = { count: 0, maxId: 0 };
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function readChanges(): Promise<void> {
    // One short transaction: the fingerprint and the rows come from the same snapshot. Features are
    // extracted after it, so the shared connection is not held while the model learns.
    const change = await transactions.run(async ({ db }) => {
      const now = await exampleSignature(db);
      if (now.count === known.count && now.maxId === known.maxId) return undefined;
      if (now.maxId > known.maxId && now.count > known.count) {
        const rows = await examplesAfter(db, known.maxId);
        if (known.count + rows.length === now.count) return { now, rows, full: false };
      }
      return { now, rows: await examplesAfter(db, 0), full: true };
    });
    if (!change) return;
    if (change.full) model.clear();
    // In slices, yielding between them: learning 10,000 examples takes about a second of CPU, and the
    // bot must keep answering meanwhile (during a full reload it briefly knows only part of them).
    for (let i = 0; i < change.rows.length; i += LEARN_SLICE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      model.add(change.rows.slice(i, i + LEARN_SLICE).map((row) => ({ text: row.text, agency: row.agencyCode })));
    }
    known = change.now;
  }

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await readChanges();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    model,
    refresh,
    prime(store) {
      const { rows, count, maxId } = readAllExamplesAtStart(store);
      model.clear();
      model.add(rows.map((row) => ({ text: row.text, agency: row.agencyCode })));
      known = { count, maxId };
    },
    start(intervalMs = LEARNED_REFRESH_MS, onError = () => {}) {
      timer = setInterval(() => void refresh().catch(onError), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      // A read in flight holds a connection: the database may close only after it.
      await running?.catch(() => undefined);
    },
  };
}

/** The examples of the database at `databaseUrl`, read once (CLIs: classify, eval). */
export async function readLearnedModel(
  databaseUrl: string,
  codes: string[],
  corpus: NaiveBayesCounts,
  busyTimeoutMs?: number,
): Promise<LearnedModel> {
  const database = await openDatabase(databaseUrl, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
  try {
    const routing = createLearnedRouting(database.transactions, codes, corpus);
    if (database.engine === "sqlite") routing.prime(database.store);
    else await routing.refresh();
    return routing.model;
  } finally {
    await database.close();
  }
}
