// Benchmark parts that run in-process: dialog throughput/latency, idle dialog memory, filing vs raw SQLite.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import type { InboundMessage, MessageHandler } from "../bots/channel.js";
import { fileComplaint } from "../complaints/complaint-filing.js";
import { measureStorageBaseline } from "../db/storage-baseline.js";
import { createApp, type App } from "../app/compose.js";
import { loadConfig } from "../app/config.js";

/** A story without place or date, so the place and date questions are asked and answered too. */
export const DESCRIPTION = "Jalan berlubang besar, sudah dua motor jatuh, mohon segera diperbaiki.";
/** One full complaint from /lapor, one thing per answer (the longest common path: 4 answers after /lapor). */
export const COMPLAINT_SCRIPT = ["/lapor", DESCRIPTION, "Jl. Merdeka No. 5", "kemarin", "kirim"];

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function withBenchApp<T>(run: (app: App, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "lapor-bench-"));
  const config = loadConfig({
    DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
    DATA_DIR: dir,
    RATE_LIMIT_PER_MINUTE: "1000000",
  });
  const app = await createApp({ config, logger: pino({ level: "silent" }) });
  try {
    // Warm-up: one complaint end to end, so lazy loads and JIT are not counted as citizen latency.
    for (const text of COMPLAINT_SCRIPT)
      await app.runner.handle({ channel: "terminal", chatId: "warm", userId: "warm", messageId: randomUUID(), text });
    return await run(app, dir);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ThroughputResult {
  citizens: number;
  messages: number;
  messagesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  filed: number;
}

/** Every citizen runs the script concurrently; each one's messages are sent in order, as a person would. */
export async function benchDialog(
  handler: MessageHandler,
  citizens: number,
  channel: InboundMessage["channel"] = "terminal",
  /** Distinct per process when several bench the same database. */
  idPrefix = "bench",
): Promise<ThroughputResult> {
  const latencies: number[] = [];
  let filed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: citizens }, async (_, index) => {
      const userId = `${idPrefix}-${index}`;
      for (const text of COMPLAINT_SCRIPT) {
        const t0 = performance.now();
        const replies = await handler.handle({ channel, chatId: userId, userId, messageId: randomUUID(), text });
        latencies.push(performance.now() - t0);
        if (replies.some((reply) => /LPR-[0-9A-Z]{8}/.test(reply.text))) filed += 1;
      }
    }),
  );
  return summarize(latencies, (performance.now() - started) / 1000, citizens, filed);
}

function summarize(latencies: number[], seconds: number, citizens: number, filed: number): ThroughputResult {
  latencies.sort((a, b) => a - b);
  return {
    citizens,
    messages: latencies.length,
    messagesPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    filed,
  };
}

/**
 * Latency under a steady arrival rate, with the steps mixed as in real traffic. Each citizen files two
 * complaints in a row, one message every `citizens / ratePerSecond` seconds (sooner never: the next
 * message waits for the reply, as people do); starts are spread over one complaint's length. In the
 * middle third every citizen is active, so the offered rate is exactly `ratePerSecond` with every step
 * of the form equally represented; only that window is measured. (An earlier version sent every citizen
 * through the form in lockstep, so its last second was 2,000 filings/s: a filing burst, not a message mix.)
 */
export async function benchLatencyAtRate(
  handler: MessageHandler,
  citizens: number,
  ratePerSecond: number,
): Promise<ThroughputResult> {
  const steps = COMPLAINT_SCRIPT.length;
  const gapMs = (citizens / ratePerSecond) * 1000;
  const schedule: { at: number; citizen: number; index: number }[] = [];
  for (let citizen = 0; citizen < citizens; citizen += 1) {
    const start = (citizen / citizens) * steps * gapMs;
    for (let index = 0; index < 2 * steps; index += 1) schedule.push({ at: start + index * gapMs, citizen, index });
  }
  schedule.sort((a, b) => a.at - b.at);
  const windowStart = steps * gapMs;
  const windowEnd = 2 * steps * gapMs;
  const latencies: number[] = [];
  let filed = 0;
  let answered = 0;
  const busy = new Array<boolean>(citizens).fill(false);
  // Messages that came due while the citizen still waited for a reply, in order.
  const held = Array.from({ length: citizens }, () => [] as number[]);
  const t0 = performance.now();
  const send = (citizen: number, index: number): void => {
    busy[citizen] = true;
    const sentAt = performance.now();
    const text = COMPLAINT_SCRIPT[index % steps] ?? "";
    void handler
      .handle({ channel: "terminal", chatId: `rate-${citizen}`, userId: `rate-${citizen}`, messageId: randomUUID(), text })
      .then((replies) => {
        answered += 1;
        const offset = sentAt - t0;
        if (offset >= windowStart && offset < windowEnd) {
          latencies.push(performance.now() - sentAt);
          if (replies.some((reply) => /LPR-[0-9A-Z]{8}/.test(reply.text))) filed += 1;
        }
        busy[citizen] = false;
        const next = held[citizen]?.shift();
        if (next !== undefined) send(citizen, next);
      });
  };
  let due = 0;
  while (answered < schedule.length) {
    const now = performance.now() - t0;
    for (; due < schedule.length && (schedule[due]?.at ?? Infinity) <= now; due += 1) {
      const { citizen, index } = schedule[due] as { citizen: number; index: number };
      if (busy[citizen]) held[citizen]?.push(index);
      else send(citizen, index);
    }
    // A 1 ms tick: a busy loop here would take CPU from the bot being measured.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return summarize(latencies, (windowEnd - windowStart) / 1000, citizens, filed);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Opens `count` dialogs (each mid-form) and reports the resident memory they cost per dialog. */
export async function benchIdleMemory(
  app: App,
  count: number,
): Promise<{ dialogs: number; bytesPerDialog: number; heapBytesPerDialog: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, i) => {
        const userId = `idle-${start + i}`;
        return app.runner.handle({ channel: "terminal", chatId: userId, userId, messageId: randomUUID(), text: "/lapor" });
      }),
    );
  }
  // Idle means idle: the per-minute flood windows of these senders have expired.
  app.runner.forgetIdleSenders(Date.now() + 60_000);
  globalThis.gc?.();
  const after = process.memoryUsage();
  return {
    dialogs: count,
    bytesPerDialog: Math.max(0, Math.round((after.rss - before.rss) / count)),
    heapBytesPerDialog: Math.max(0, Math.round((after.heapUsed - before.heapUsed) / count)),
  };
}

export interface FilingResult {
  complaintsPerSecond: number;
  /** Raw prepared inserts of the same rows into the same schema, one transaction each. */
  sameRowsPerSecond: number;
  ratio: number;
  /** Raw insert of one small row per transaction. */
  rawInsertsPerSecond: number;
  ratioToSingleRow: number;
}

/** Filing as the dialog does it (citizen, complaint, event, photos, staff notices) vs plain inserts (db/storage-baseline.ts). */
export async function benchFiling(app: App, dir: string, count: number): Promise<FilingResult> {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    await app.transactions.run(({ store }) =>
      fileComplaint(
        store,
        {
          submissionId: randomUUID(),
          trackingCode: `LPR-${String(i).padStart(8, "0")}`,
          reportType: "pengaduan",
          description: DESCRIPTION,
          agency: "DPUPR",
          photoIds: [],
          privacy: "biasa",
        },
        { channel: "terminal", userId: `filer-${i % 100}`, chatId: `filer-${i % 100}` },
        { now: new Date(), sla: app.sla, agencyName: () => "Dinas" },
      ),
    );
  }
  const complaintsPerSecond = count / ((performance.now() - started) / 1000);
  const { sameRowsPerSecond, rawInsertsPerSecond } = await measureStorageBaseline(dir, count, DESCRIPTION);
  return {
    complaintsPerSecond: Math.round(complaintsPerSecond),
    sameRowsPerSecond: Math.round(sameRowsPerSecond),
    ratio: Math.round((complaintsPerSecond / sameRowsPerSecond) * 1000) / 1000,
    rawInsertsPerSecond: Math.round(rawInsertsPerSecond),
    ratioToSingleRow: Math.round((complaintsPerSecond / rawInsertsPerSecond) * 1000) / 1000,
  };
}

/** Whole stories as citizens send them (our own phrasings: a regression figure, not evidence of accuracy). */
export const WHOLE_STORIES = [
  "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali",
  "Assalamualaikum min, sampah di pasar kliwon udah seminggu gak diangkut, baunya nyengat bgt",
  "Punten, jalan di depan SDN 2 Cibiru berlubang gede pisan sejak 2 minggu, tos aya motor nu labuh",
  "min air pdam mati total dr kemarin sore di perumahan griya asri blok c, warga gak bisa mandi",
  "Usul pak, mohon dibangun lampu penerangan di gang mawar rt 5 rw 2, gelap kalau malam",
];

export interface AnswerCounts {
  /** Answers after a whole story until the tracking code, per story. */
  wholeStory: number[];
  /** Answers after /lapor for a citizen who answers one thing at a time. */
  oneAtATime: number;
}

/** Counts the citizen's answers to a tracking code: what the dialog asks of people, per scenario. */
export async function benchAnswerCounts(handler: MessageHandler): Promise<AnswerCounts> {
  const answersUntilFiled = async (chatId: string, first: string[], answer: (reply: string) => string): Promise<number> => {
    const send = async (text: string) =>
      (await handler.handle({ channel: "terminal", chatId, userId: chatId, messageId: randomUUID(), text }))
        .map((r) => r.text)
        .join("\n");
    let reply = "";
    for (const text of first) reply = await send(text);
    for (let count = 1; count <= 12; count += 1) {
      reply = await send(answer(reply));
      if (/LPR-[0-9A-Z]{8}/.test(reply)) return count;
    }
    return Number.NaN;
  };
  // The place and date questions are answered when asked; an unsure agency gets "tidak tahu".
  const answer = (reply: string) =>
    /Ringkasan/.test(reply)
      ? "kirim"
      : /Instansi mana/.test(reply)
        ? "tidak tahu"
        : /Di mana/.test(reply)
          ? "Jl. Merdeka No. 5"
          : "kemarin";
  const wholeStory: number[] = [];
  for (const [index, story] of WHOLE_STORIES.entries())
    wholeStory.push(await answersUntilFiled(`story-${index}`, [story], answer));
  const oneAtATime = await answersUntilFiled("one-at-a-time", ["/lapor"], (reply) =>
    /Ceritakan masalahnya/.test(reply) ? DESCRIPTION : answer(reply),
  );
  return { wholeStory, oneAtATime };
}
