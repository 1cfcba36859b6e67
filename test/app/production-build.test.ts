// The compiled program as production runs it (`npm run build`, then `node dist/app/main.js`), in child
// processes: the terminal chat files a complaint, the health endpoint reports it, SIGTERM stops cleanly;
// and SIGTERM in the middle of a burst of Telegram messages loses nothing and answers nothing twice.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../app/build.js";
import { openDatabase } from "../../db/database.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { killProcessesMentioning, processesMentioning } from "../support/browser-processes.js";
import { TRACKING_CODE } from "../support/chat-driver.js";
import { startChatProcess } from "../support/chat-process.js";
import { watchDatabase } from "../support/database-watcher.js";
import { createTestDatabase, itOnSqlite, type TestDatabase } from "../support/test-database.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";
import { installWhatsAppWebStub, OFFLINE_CHROMIUM_ARGS } from "../support/whatsapp-web-stub/index.js";
import { freePort } from "../support/free-port.js";

const dir = mkdtempSync(path.join(tmpdir(), "lapor-prod-"));
/** The database the terminal chat files into, and the other programs then use. */
let built: TestDatabase;
// One build for the whole file (type checking is `npm run typecheck`'s job, so it is skipped here).
beforeAll(async () => {
  built = await createTestDatabase("built");
  await build({ check: false });
}, 240_000);
afterAll(async () => {
  await built.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("node dist/app/main.js", () => {
  it("files a complaint in the terminal chat, reports it on /readyz and /metrics, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const env = { DATABASE_URL: built.url, DATA_DIR: built.dir, HEALTH_PORT: String(port), LOG_LEVEL: "info" };
    const bot = startChatProcess(env, [], { from: "build" });
    // The whole story in one message, as citizens write it: the place and the time are read from it.
    const story =
      "Selamat siang pak, gorong2 di Jl. Cempaka RT 03 RW 07 mampet sejak kemarin, tiap ujan banjir smpe masuk rumah warga";
    const summary = await bot.sayAndWait(story, /Ringkasan[\s\S]*Kirim laporan ini/);
    expect(summary).toMatch(/Lokasi: Jl\. Cempaka RT 03 RW 07/);
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
      const rows = await db.prisma.complaint.findMany();
      expect(rows.map((row) => [row.trackingCode, row.locationText])).toEqual([[code, "Jl. Cempaka RT 03 RW 07"]]);
    } finally {
      await db.close();
    }
  });
});

/** One of the build's command-line programs, run to its end: its exit code and what it printed. */
function runProgram(name: string, args: string[], env: Record<string, string>): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [path.join("dist", "app", `${name}.js`), ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, out };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, out: `${failed.stdout}${failed.stderr}` };
  }
}

describe("the other programs and channels of the build", () => {
  // The backup program copies the SQLite file (PostgreSQL is backed up with pg_dump).
  itOnSqlite("backs up the database", () => {
    const backup = runProgram("backup", [path.join(dir, "copy.db")], { DATABASE_URL: built.url });
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/integrity_check: ok/);
    expect(backup.out).toMatch(/^\s+Complaint\s+1$/m);
    const copy = new Database(path.join(dir, "copy.db"), { readonly: true });
    try {
      expect(copy.prepare(`SELECT count(*) AS n FROM "Complaint"`).get()).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
  });

  it("registers staff, and serves the dashboard they log in to", async () => {
    const env = { DATABASE_URL: built.url, DATA_DIR: built.dir };
    const port = await freePort();
    const dashboardUrl = `http://127.0.0.1:${port}`;
    const staffEnv = { ...env, DASHBOARD_URL: dashboardUrl };
    expect(runProgram("staff", ["add", "telegram:4242", "KOORDINATOR", "--name", "Budi"], staffEnv).code).toBe(0);
    const link = /\/masuk\/[A-Za-z0-9_-]+/.exec(runProgram("staff", ["link", "telegram:4242"], staffEnv).out)?.[0];
    expect(link).toBeDefined();

    const bot = startChatProcess({ ...staffEnv, DASHBOARD_PORT: String(port), LOG_LEVEL: "info" }, [], { from: "build" });
    try {
      const login = await eventually(async () => fetch(`${dashboardUrl}${link}`, { method: "POST", redirect: "manual" }));
      expect(login.status).toBe(303);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const queue = await fetch(`${dashboardUrl}/`, { headers: { cookie } });
      expect(queue.status).toBe(200);
      // The complaint filed through the terminal chat above, in the coordinator's queue.
      expect(await queue.text()).toMatch(/LPR-/);
    } finally {
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
    }
  }, 60_000);

  it("starts WhatsApp Web in a real Chromium (offline stub page), shows the QR code, and stops it on SIGTERM", async () => {
    const dataDir = path.join(dir, "wa-data");
    installWhatsAppWebStub(dataDir);
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: built.url,
      WHATSAPP_ENABLED: "true",
      CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      CHROMIUM_EXTRA_ARGS: OFFLINE_CHROMIUM_ARGS.join(" "),
    };
    const bot = startChatProcess(env, [], { from: "build", chat: false });
    try {
      await bot.waitFor(/Perangkat tertaut/, 45_000);
      expect(readFileSync(path.join(dataDir, "whatsapp-qr.png")).subarray(1, 4).toString()).toBe("PNG");
      expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      await eventually(async () => (processesMentioning(dataDir).length === 0 ? true : undefined), 10_000);
    } finally {
      bot.child.kill("SIGKILL");
      killProcessesMentioning(dataDir);
    }
  }, 90_000);
});

/** Retries `attempt` (an error or undefined means "not yet") until it gives a value. */
async function eventually<T>(attempt: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

/** One citizen's messages, each with the reply that proves its step ran (one reply per step). */
type Script = ReadonlyArray<readonly [message: string, reply: RegExp]>;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const summaryWith = (place: string, privacy: "Biasa" | "Rahasia" | "Anonim") =>
  new RegExp(`Ringkasan laporan Anda:[\\s\\S]*Lokasi: ${escaped(place)}[\\s\\S]*Kerahasiaan: ${privacy}`);

const GREETINGS = ["assalamualaikum min", "halo min", "pagi pak", "permisi kak", "punten min", "sore pak"];
const INTENTS = [
  "mau lapor min",
  "saya mau ngadu pak",
  "min mau lapor nih",
  "izin lapor min",
  "bade lapor min",
  "pak saya mau lapor",
];
// Whole stories: problem, place and time in one message (place as the dialog reads it back).
const WHOLE_STORIES: ReadonlyArray<(n: number) => readonly [story: string, place: string]> = [
  (n) => [`jalan di depan SDN ${n} Sukajadi rusak parah bolong2 sejak 2 minggu, kmrn ada motor jatuh`, `depan SDN ${n} Sukajadi`],
  (n) => [`sampah di TPS pasar Kosambi blok ${n} blm diangkut udh 5 hari, baunya nyengat bgt`, `TPS pasar Kosambi blok ${n}`],
  (n) => [`lampu jalan di gg mawar rt ${n} rw 02 mati semua dr 3 hari lalu, gelap bgt kalo malem`, `gg mawar rt ${n} rw 02`],
  (n) => [`gorong2 di jl. cempaka no ${n} mampet sejak seminggu, tiap ujan banjir smpe masuk rumah warga`, `jl. cempaka no ${n}`],
];
// Stories without a place: the dialog asks for it, and the citizen answers with it.
const PLACELESS_STORIES: ReadonlyArray<(n: number) => readonly [story: string, place: string]> = [
  (n) => ["air pdam mati udh 3 hari min, warga ga bisa mandi", `perum bumi asri blok c no ${n}`],
  (n) => ["sampah ga diangkut udh seminggu, bau bgt sampe ke rumah", `depan pasar kliwon gg ${n}, deket masjid al ikhlas`],
  (n) => ["lampu jalan mati semua sejak kemarin, gelap bgt kalo malem", `gg melati no ${n} rt 04 rw 02 kel. sukamaju`],
];
const PRIVACY: ReadonlyArray<readonly [answer: string, privacy: "Rahasia" | "Anonim"]> = [
  ["rahasia aja", "Rahasia"],
  ["2", "Rahasia"],
  ["rahasia ya pak", "Rahasia"],
  ["anonim aja min", "Anonim"],
  ["Rahasia", "Rahasia"],
];

/**
 * Chat c's conversation: a greeting, then either "mau lapor" and the whole story, or a story without
 * a place and the place; then Ubah to make it confidential, Kirim, and /status. Eight messages each.
 */
function scriptFor(c: number): { script: Script; place: string; privacy: string } {
  const n = c + 1;
  const [privacyAnswer, privacy] = pick(PRIVACY, c);
  const whole = c % 2 === 0;
  const [story, place] = pick(whole ? WHOLE_STORIES : PLACELESS_STORIES, Math.floor(c / 2))(n);
  const opening: Script = whole
    ? [
        [pick(INTENTS, c / 2), /^Ceritakan masalahnya/],
        [story, summaryWith(place, "Biasa")],
      ]
    : [
        [story, /cerita Anda sudah kami catat[\s\S]*Di mana lokasinya/],
        [place, summaryWith(place, "Biasa")],
      ];
  const script: Script = [
    [pick(GREETINGS, c), /Apa yang ingin Anda lakukan/],
    ...opening,
    ["ubah", /^Bagian mana yang ingin diubah/],
    ["kerahasiaan", /^Pilih kerahasiaan/],
    [privacyAnswer, summaryWith(place, privacy)],
    ["kirim", /sudah kami terima[\s\S]*Kode laporan: LPR-/],
    ["/status", /^Laporan Anda \(1\):/],
  ];
  return { script, place, privacy: privacy.toLowerCase() };
}

const CHATS = 40;
// The adapter fetches up to 100 updates per getUpdates and handles a batch in parallel.
const BATCH = 100;

describe("SIGTERM in the middle of a burst", () => {
  it("finishes the steps in hand with their replies, starts no other, and the next start does the rest once", async () => {
    const emulator = await BotApiEmulator.start();
    const database = await createTestDatabase("burst");
    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: database.dir,
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
    };
    try {
      const chats = new Map<number, { updates: number[]; script: Script; place: string; privacy: string }>();
      for (let c = 0; c < CHATS; c += 1) chats.set(810_000 + c, { updates: [], ...scriptFor(c) });
      const steps = Math.max(...[...chats.values()].map((chat) => chat.script.length));
      // Round-robin, as a busy hour looks: every chat's first message, then every chat's second, ...
      for (let step = 0; step < steps; step += 1) {
        for (const [chatId, chat] of chats) {
          const line = chat.script[step];
          if (!line) continue;
          const update = emulator.text({ id: chatId, first_name: `Warga${chatId - 810_000}` }, line[0]);
          chat.updates.push(update.update_id);
        }
      }
      const total = [...chats.values()].reduce((sum, chat) => sum + chat.updates.length, 0);
      // A burst of several batches, so that a kill in any batch but the last leaves steps unstarted.
      expect(total).toBeGreaterThan(3 * BATCH);
      const first = startChatProcess(env, [], { from: "build", chat: false });
      // Watch the commits from outside, and send SIGTERM while the second batch of updates is being handled.
      const watcher = await watchDatabase(database.url);
      const processed = async () =>
        (await watcher.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "ProcessedMessage"`))[0]?.n ?? 0;
      try {
        await until(async () => (await processed()) > BATCH + 10, 60_000, "the second batch");
        const atKill = await processed();
        first.child.kill("SIGTERM");
        expect(await first.exited).toBe(0);

        const done = new Set(
          (await watcher.rows<{ messageId: string }>(`SELECT "messageId" FROM "ProcessedMessage"`)).map((row) => row.messageId),
        );
        // The stop really came mid-burst, with steps in hand: some committed after SIGTERM, others had not started.
        expect(done.size).toBeGreaterThan(atKill);
        expect(done.size).toBeLessThan(total);
        // Every committed step's reply went out, once; no step that did not commit was answered.
        for (const [chatId, chat] of chats) {
          const committed = chat.updates.filter((id) => done.has(`${emulator.botId}:${id}`)).length;
          expectReplies(chatId, emulator, chat.script, committed);
        }

        const second = startChatProcess(env, [], { from: "build", chat: false });
        await until(async () => (await processed()) === total, 60_000, `all ${total} messages processed (lost updates?)`);
        await emulator.waitFor(
          () => [...chats].every(([chatId, chat]) => emulator.sentTo(chatId).length >= chat.script.length),
          30_000,
          "every chat's last reply",
        );
        second.child.kill("SIGTERM");
        expect(await second.exited).toBe(0);

        // Across both processes: each chat saw every reply exactly once, in order, and filed once, as it chose.
        const rows = await watcher.rows<{ chatId: string; trackingCode: string; locationText: string; privacy: string }>(
          `SELECT "chatId", "trackingCode", "locationText", "privacy" FROM "Complaint"`,
        );
        expect(rows).toHaveLength(CHATS);
        for (const [chatId, chat] of chats) {
          expectReplies(chatId, emulator, chat.script, chat.script.length);
          const filed = rows.filter((row) => row.chatId === String(chatId));
          const told = emulator.sentTo(chatId).map((sent) => TRACKING_CODE.exec(sent.text ?? "")?.[0]);
          expect(
            filed.map((row) => [row.trackingCode, row.locationText, row.privacy]),
            `chat ${chatId}`,
          ).toEqual([[told.at(-2), chat.place, chat.privacy]]);
          // /status lists the same complaint the filing reply named.
          expect(told.at(-1)).toBe(told.at(-2));
        }
      } finally {
        first.child.kill("SIGKILL");
        await watcher.close();
      }
    } finally {
      await emulator.close();
      await database.drop();
    }
  }, 180_000);
});

/** The chat's replies are the script's first `count` replies, one per step, in order: none missing, none twice. */
function expectReplies(chatId: number, emulator: BotApiEmulator, script: Script, count: number): void {
  const texts = emulator.sentTo(chatId).map((sent) => sent.text ?? sent.caption ?? "");
  const firstWrong = texts.findIndex((text, i) => !script[i]?.[1].test(text));
  expect({ replies: texts.length, firstWrong }, `chat ${chatId}: ${texts.join(" | ")}`).toEqual({
    replies: count,
    firstWrong: -1,
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
