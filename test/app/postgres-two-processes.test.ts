// Two `npm start` processes on one PostgreSQL database, as a province would run them behind a load
// balancer: Telegram in webhook mode, each update posted to either process, some to both at once
// (Telegram resends when an answer is slow). Every update is handled exactly once (one filing per
// citizen, one dedup row per update), a chat's messages one at a time and in order (per-chat advisory
// lock), and each staff notice is sent once although both processes run a dispatcher (claimed rows).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { openDatabase } from "../../db/database.js";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { ROOT } from "../support/chat-process.js";
import { createDatabase, dropDatabase } from "../support/postgres-cluster.js";
import { freePort } from "../support/free-port.js";

const SECRET = "two-processes-secret-0123456789";
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const COORDINATOR: TgUser = { id: 9001, first_name: "Koordinator" };
const CITIZENS: TgUser[] = Array.from({ length: 6 }, (_, i) => ({ id: 7100 + i, first_name: `Warga ${i}` }));

let dir: string;
let url: string;
let emulator: BotApiEmulator;
const children: Array<ReturnType<typeof spawn>> = [];

async function startProcess(port: number): Promise<string> {
  const child = spawn(TSX, ["app/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: url,
      LOG_LEVEL: "warn",
      OUTBOX_POLL_MS: "200",
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_WEBHOOK_URL: "https://lapor.example.go.id/tg/hook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_WEBHOOK_PORT: String(port),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  const hook = `http://127.0.0.1:${port}/tg/hook`;
  // Up when it refuses a wrong secret.
  await vi.waitFor(
    async () =>
      expect((await emulator.postUpdate(hook, {}, "wrong-secret-000000").catch(() => ({ status: 0 }))).status).toBe(403),
    { timeout: 60_000, interval: 200 },
  );
  return hook;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "two-processes-"));
  url = await createDatabase("two");
  emulator = await BotApiEmulator.start();
  const db = await openDatabase(url);
  await db.prisma.staff.create({
    data: { identity: `telegram:${COORDINATOR.id}`, agencyCode: "KOORDINATOR", name: "Koordinator" },
  });
  await db.close();
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.on("exit", resolve) : resolve(null)))),
  );
  await emulator.close();
  await dropDatabase(url);
  rmSync(dir, { recursive: true, force: true });
});

it("two processes on one PostgreSQL handle each update once, each chat in order, each notice once", async () => {
  const hooks = await Promise.all([startProcess(await freePort()), startProcess(await freePort())]);
  const updateIds: number[] = [];
  await Promise.all(
    CITIZENS.map(async (citizen, i) => {
      const story = `Selamat pagi pak, lampu jalan di Jl. Kenanga No. ${i + 1} RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu, gelap sekali`;
      for (const [step, text] of [story, "kirim"].entries()) {
        const update = emulator.makeUpdate(emulator.message(citizen, { text }));
        updateIds.push(update.update_id);
        const first = hooks[(i + step) % 2] as string;
        const other = hooks[(i + step + 1) % 2] as string;
        // Every other citizen's first message reaches both processes at the same moment.
        const posts = [emulator.postUpdate(first, update, SECRET)];
        if (step === 0 && i % 2 === 0) posts.push(emulator.postUpdate(other, update, SECRET));
        for (const answer of await Promise.all(posts)) expect(answer.status).toBe(200);
      }
    }),
  );

  const db = await openDatabase(url);
  try {
    // Effects exactly once: one complaint per citizen, one dedup row per distinct update.
    expect(await db.prisma.complaint.count()).toBe(CITIZENS.length);
    expect(await db.prisma.processedMessage.count()).toBe(updateIds.length);
    // Each citizen saw the summary, then the tracking code (a resent update may repeat a reply, never reorder).
    for (const citizen of CITIZENS) {
      await emulator.waitFor(
        () => emulator.sentTo(citizen.id).some((message) => /Kode laporan: LPR-/.test(message.text ?? "")),
        20_000,
      );
      const texts = emulator.sentTo(citizen.id).map((message) => message.text ?? "");
      const kinds = texts.map((text) =>
        /Kode laporan: LPR-/.test(text) ? "code" : /Ringkasan/.test(text) ? "summary" : "other",
      );
      expect(kinds.filter((kind, k) => kind !== kinds[k - 1])).toEqual(["summary", "code"]);
    }
    // Both dispatchers run; each filing's notice and Monday's weekly digest reach the coordinator once.
    const codes = (await db.prisma.complaint.findMany({ select: { trackingCode: true } })).map((row) => row.trackingCode);
    const notices = () => emulator.sentTo(COORDINATOR.id).map((message) => message.text ?? "");
    await vi.waitFor(() => expect(codes.every((code) => notices().some((text) => text.includes(code)))).toBe(true), {
      timeout: 30_000,
      interval: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const code of codes) expect(notices().filter((text) => text.includes(code))).toHaveLength(1);
    expect(notices().filter((text) => text.startsWith("Ringkasan mingguan"))).toHaveLength(1);
    expect(notices()).toHaveLength(CITIZENS.length + 1);
  } finally {
    await db.close();
  }
}, 180_000);
