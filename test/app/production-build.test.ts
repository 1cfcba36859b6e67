// The compiled program as production runs it (`npm run build`, then `node dist/app/main.js`), in child
// processes: the terminal chat files a complaint, the health endpoint reports it, SIGTERM stops cleanly;
// and SIGTERM in the middle of a burst of Telegram messages loses nothing and answers nothing twice.
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../app/build.js";
import { openDatabase } from "../../db/database.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { TRACKING_CODE } from "../support/chat-driver.js";
import { startChatProcess } from "../support/chat-process.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";

const dir = mkdtempSync(path.join(tmpdir(), "lapor-prod-"));
// One build for the whole file (type checking is `npm run typecheck`'s job, so it is skipped here).
beforeAll(() => void build({ check: false }), 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("node dist/app/main.js", () => {
  it("files a complaint in the terminal chat, reports it on /readyz and /metrics, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const env = { DATABASE_URL: `file:${path.join(dir, "built.db")}`, HEALTH_PORT: String(port), LOG_LEVEL: "info" };
    const bot = startChatProcess(env, [], { from: "build" });
    for (const [line, expected] of [
      ["/lapor", /jenis laporan/i],
      ["1", /Ceritakan/],
      ["gorong2 di jl. cempaka mampet, tiap ujan banjir smpe masuk rumah warga", /ditangani oleh|Instansi mana/],
      ["1", /lokasi/i],
      ["Jl. Cempaka RT 03 RW 07", /Kapan/],
      ["kemarin", /foto/i],
      ["lewati", /kerahasiaan/i],
      ["1", /Ringkasan/],
    ] as const) {
      await bot.sayAndWait(line, expected);
    }
    const code = TRACKING_CODE.exec(await bot.sayAndWait("kirim", TRACKING_CODE))?.[0];

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(sampleValue(parsePrometheusText(text).samples, "lapor_complaints_filed_total", { channel: "terminal" })).toBe(1);

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.errors()).toMatch(/"msg":"stopped"/);
    const db = await openDatabase(env.DATABASE_URL);
    try {
      expect((await db.prisma.complaint.findMany()).map((row) => row.trackingCode)).toEqual([code]);
    } finally {
      await db.close();
    }
  });
});

// What each of the nine messages of a filing asks next (the reply that proves the step ran).
const STEPS: ReadonlyArray<readonly [string, RegExp]> = [
  ["/lapor", /jenis laporan/i],
  ["1", /Ceritakan masalahnya/],
  ["", /ditangani oleh|Instansi mana/],
  ["1", /Di mana lokasinya/],
  ["", /Kapan kejadiannya/],
  ["kemarin", /foto/i],
  ["lewati", /kerahasiaan/i],
  ["1", /Ringkasan/],
  ["kirim", TRACKING_CODE],
];
const STORIES = [
  "jalan depan sdn 2 rusak parah bolong2, kmrn ada yg jatuh",
  "sampah di tps pasar blm diangkut udh 5 hari",
  "lampu jalan gg mawar mati semua, gelap bgt",
  "air pdam ga ngalir dr tadi pagi di perum bumi asri",
];
const CHATS = 30;

describe("SIGTERM in the middle of a burst", () => {
  it("finishes the steps in hand with their replies, starts no other, and the next start does the rest once", async () => {
    const emulator = await BotApiEmulator.start();
    const dbFile = path.join(dir, "burst.db");
    const env = { DATABASE_URL: `file:${dbFile}`, TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot };
    try {
      // Round-robin, as a busy hour looks: every chat's first message, then every chat's second, ...
      const updatesOf = new Map<number, number[]>();
      for (const [step, [text]] of STEPS.entries()) {
        for (let c = 0; c < CHATS; c += 1) {
          const user = { id: 810_000 + c, first_name: `Warga${c}` };
          const line = text || (step === 2 ? `${STORIES[c % STORIES.length]} (${c})` : `Jl. Kenanga no ${c}, RT 0${c % 9}`);
          const update = emulator.text(user, line);
          updatesOf.set(user.id, [...(updatesOf.get(user.id) ?? []), update.update_id]);
        }
      }
      const total = CHATS * STEPS.length;
      const first = startChatProcess(env, [], { from: "build", chat: false });
      // Watch the commits from outside, and send SIGTERM while the second batch of updates is being handled.
      const watcher = await waitForDatabase(dbFile);
      const processed = () => (watcher.prepare(`SELECT count(*) AS n FROM "ProcessedMessage"`).get() as { n: number }).n;
      try {
        await until(() => processed() > 110, 60_000, "the second batch");
        first.child.kill("SIGTERM");
        expect(await first.exited).toBe(0);

        const done = new Set(
          (watcher.prepare(`SELECT messageId FROM "ProcessedMessage"`).all() as Array<{ messageId: string }>).map(
            (row) => row.messageId,
          ),
        );
        // The stop really came mid-burst: some steps ran, others had not started.
        expect(done.size).toBeGreaterThan(110);
        expect(done.size).toBeLessThan(total);
        // Every committed step's reply went out; no step that did not commit was answered.
        for (const [chatId, updates] of updatesOf) {
          const committed = updates.filter((id) => done.has(`${emulator.botId}:${id}`)).length;
          const texts = emulator.sentTo(chatId).map((sent) => sent.text ?? sent.caption ?? "");
          expect(questionsIn(texts), `chat ${chatId}: ${texts.join(" | ")}`).toBe(committed);
        }

        const second = startChatProcess(env, [], { from: "build", chat: false });
        await until(() => processed() === total, 60_000, `all ${total} messages processed (lost updates?)`);
        await emulator.waitFor(
          () => [...updatesOf.keys()].every((chatId) => emulator.sentTo(chatId).some((m) => TRACKING_CODE.test(m.text ?? ""))),
          30_000,
          "every chat's tracking code",
        );
        second.child.kill("SIGTERM");
        expect(await second.exited).toBe(0);
      } finally {
        watcher.close();
        first.child.kill("SIGKILL");
      }

      // Across both processes: each chat filed once and saw every question exactly once, in order.
      const db = new Database(dbFile, { readonly: true });
      try {
        const perChat = db.prepare(`SELECT chatId, count(*) AS n FROM "Complaint" GROUP BY chatId`).all() as Array<{ n: number }>;
        expect(perChat).toHaveLength(CHATS);
        expect(perChat.every((row) => row.n === 1)).toBe(true);
      } finally {
        db.close();
      }
      for (const chatId of updatesOf.keys()) {
        const texts = emulator.sentTo(chatId).map((sent) => sent.text ?? sent.caption ?? "");
        expect(questionsIn(texts), `chat ${chatId}: ${texts.join(" | ")}`).toBe(STEPS.length);
        expect(texts.filter((text) => TRACKING_CODE.test(text))).toHaveLength(1);
        expect(texts.filter((text) => /Ceritakan masalahnya/.test(text))).toHaveLength(1);
      }
    } finally {
      await emulator.close();
    }
  }, 180_000);
});

/** How many of the steps' questions appear in order, each in its own message, none repeated. */
function questionsIn(texts: string[]): number {
  let index = 0;
  let found = 0;
  for (const [, expected] of STEPS) {
    const at = texts.findIndex((text, i) => i >= index && expected.test(text));
    if (at < 0) break;
    index = at + 1;
    found += 1;
  }
  // A repeated answer (a step run twice) shows up as two messages asking the same first question.
  const firsts = texts.filter((text) => /jenis laporan/i.test(text)).length;
  return firsts > 1 ? -firsts : found;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A read-only view of the bot's database once the bot has created and migrated it. */
async function waitForDatabase(file: string): Promise<Database.Database> {
  for (let i = 0; ; i += 1) {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      db.prepare(`SELECT 1 FROM "ProcessedMessage" LIMIT 1`).get();
      return db;
    } catch (error) {
      if (i > 3000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
