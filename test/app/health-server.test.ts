// The operator's endpoint on the real app: a real database, our Telegram adapter polling the local
// Bot API emulator, HTTP on 127.0.0.1. /readyz must fail for each real cause and recover after it.
import { renameSync } from "node:fs";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageHandler } from "../../bots/channel.js";
import type { TelegramChannel } from "../../bots/telegram-adapter.js";
import { healthSourcesFor, startHealthServer, type HealthServer } from "../../app/health-server.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { chatDriver, fileComplaint } from "../support/chat-driver.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";
import { startTestTelegram } from "../support/telegram-test-channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { itOnSqlite } from "../support/test-database.js";

let emulator: BotApiEmulator;
let test: TestApp;
let telegram: TelegramChannel;
let server: HealthServer;

interface Ready {
  status: number;
  body: { status: string; checks: Record<string, { ok: boolean; detail?: string; error?: string }> };
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
  return { status: response.status, text: await response.text() };
}

async function readyz(): Promise<Ready> {
  const { status, text } = await get("/readyz");
  return { status, body: JSON.parse(text) as Ready["body"] };
}

/** Polls /readyz until it answers `status` (channels notice faults on their own schedule). */
async function readyzBecomes(status: number, timeoutMs = 15_000): Promise<Ready> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readyz();
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An undelivered notification, as the lifecycle would have queued it at `at`. */
function queueNotice(channel: string, chatId: string, at: Date) {
  const data = { channel, chatId, payload: JSON.stringify({ text: "Halo" }), nextAttemptAt: at, createdAt: at };
  return test.prisma.$transaction((tx) => tx.outboxMessage.create({ data }));
}

async function metrics() {
  const { status, text } = await get("/metrics");
  expect(status).toBe(200);
  return parsePrometheusText(text).samples;
}

beforeAll(async () => {
  emulator = await BotApiEmulator.start();
  test = await createTestApp({ env: { TELEGRAM_BOT_TOKEN: emulator.token, OUTBOX_STUCK_SECONDS: "600" } });
  telegram = await startTestTelegram(emulator, test.handler, { pollTimeoutSeconds: 1 });
  test.attachSender(telegram.sender);
  server = await startHealthServer({
    host: "127.0.0.1",
    port: 0,
    sources: healthSourcesFor(
      test.app,
      test.config,
      () => [telegram],
      () => false,
    ),
    logger: pino({ level: "silent" }),
  });
});

afterAll(async () => {
  await server?.close();
  await telegram?.stop();
  await test?.close();
  await emulator?.close();
});

describe("/healthz and /readyz", () => {
  it("answer 200 with every check passing when all is well", async () => {
    expect((await get("/healthz")).status).toBe(200);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ok");
    expect(Object.keys(ready.body.checks).sort()).toEqual(["channel:telegram", "database", "outbox"]);
    expect((await get("/nowhere")).status).toBe(404);
  });

  it("go 503 while Telegram's getUpdates fails, and back to 200 once it answers again", async () => {
    emulator.setFaultRule((method) => (method === "getUpdates" ? { status: 502 } : undefined));
    const down = await readyzBecomes(503);
    expect(down.status).toBe(503);
    expect(down.body.checks["channel:telegram"]?.ok).toBe(false);
    expect(down.body.checks.database?.ok).toBe(true);
    emulator.setFaultRule(undefined);
    expect((await readyzBecomes(200)).status).toBe(200);
    // The recovery is counted as a reconnect.
    expect(sampleValue(await metrics(), "lapor_channel_reconnects_total", { channel: "telegram" })).toBeGreaterThanOrEqual(1);
  });

  // SQLite only: a PostgreSQL database is not a file in the bot's volume.
  itOnSqlite("go 503 when the database file disappears from under the bot (a lost volume), 200 when it is back", async () => {
    renameSync(test.dbPath, `${test.dbPath}.moved`);
    try {
      const down = await readyz();
      expect(down.status).toBe(503);
      expect(down.body.checks.database?.ok).toBe(false);
      expect(down.body.checks.database?.error).toMatch(/missing/);
    } finally {
      renameSync(`${test.dbPath}.moved`, test.dbPath);
    }
    expect((await readyz()).status).toBe(200);
  });

  it("go 503 when a due outbox message has waited longer than OUTBOX_STUCK_SECONDS", async () => {
    await queueNotice("telegram", "424242", new Date(Date.now() - 3_600_000));
    const stuck = await readyz();
    expect(stuck.status).toBe(503);
    expect(stuck.body.checks.outbox).toMatchObject({ ok: false, pending: 1 });
    // Delivered: the outbox is healthy again.
    expect(await test.dispatchOutbox()).toBe(1);
    expect((await readyz()).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("parses as Prometheus text and counts messages, steps and a filed complaint", async () => {
    const before = await metrics();
    expect(sampleValue(before, "lapor_complaints_filed_total", { channel: "terminal" }) ?? 0).toBe(0);

    const stepsBefore = await test.prisma.processedMessage.count({ where: { channel: "terminal" } });
    const receivedBefore = sampleValue(before, "lapor_messages_received_total", { channel: "terminal" }) ?? 0;
    // Counts every message the citizen sends, whatever the dialog asks: the metrics must follow it.
    let sent = 0;
    const counting: MessageHandler = {
      handle: (message) => {
        sent += 1;
        return test.handler.handle(message);
      },
    };
    const chat = chatDriver(counting, { userId: "metrik-warga" });
    const { code } = await fileComplaint(chat, {
      description: "lampu jalan di gg melati mati udh 2 minggu, gelap bgt kalo malem",
    });
    expect(code).toBeDefined();
    // At least /lapor, the story and Kirim.
    expect(sent).toBeGreaterThanOrEqual(3);
    // One Telegram message as well, through the real adapter.
    emulator.text({ id: 5150, first_name: "Sari" }, "halo min");
    await emulator.waitForSent(5150, 1);

    let after = await metrics();
    expect(sampleValue(after, "lapor_complaints_filed_total", { channel: "terminal" })).toBe(1);
    const steps = (await test.prisma.processedMessage.count({ where: { channel: "terminal" } })) - stepsBefore;
    expect(steps).toBe(sent);
    expect(sampleValue(after, "lapor_messages_received_total", { channel: "terminal" })).toBe(receivedBefore + sent);
    expect(sampleValue(after, "lapor_step_duration_seconds_count", { channel: "terminal", result: "ok" }) ?? 0).toBe(
      (sampleValue(before, "lapor_step_duration_seconds_count", { channel: "terminal", result: "ok" }) ?? 0) + sent,
    );
    expect(sampleValue(after, "lapor_messages_sent_total", { channel: "terminal", kind: "reply" })).toBe(chat.transcript.length);
    expect(sampleValue(after, "lapor_messages_received_total", { channel: "telegram" })).toBe(1);
    // The outbox row delivered in the test before was counted as a push.
    expect(sampleValue(after, "lapor_messages_sent_total", { channel: "telegram", kind: "push" })).toBe(1);
    // A notice for WhatsApp, which this process does not run: counted as pending, yet not "stuck".
    await queueNotice("whatsapp", "6281234567890", new Date(0));
    const pending = await test.prisma.outboxMessage.count({ where: { status: "PENDING" } });
    expect(pending).toBeGreaterThan(0);
    expect((await readyz()).status).toBe(200);
    after = await metrics();
    expect(sampleValue(after, "lapor_outbox_messages", { status: "pending" })).toBe(pending);
    expect(sampleValue(after, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });
});
