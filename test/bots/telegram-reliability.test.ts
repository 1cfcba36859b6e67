// What Telegram forces on us, on the real application: redelivered updates, a flaky Bot API (429 and
// 500), the webhook's secret token, and outbox deliveries to people who blocked the bot.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TelegramChannel, TelegramOptions } from "../../bots/telegram-adapter.js";
import { enqueueMessages } from "../../complaints/outbox.js";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { startTestTelegram } from "../support/telegram-test-channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const SECRET = "s3cret-token_for-webhook-1234";
const now = new Date("2026-11-16T03:00:00Z");

let app: TestApp;
let emulator: BotApiEmulator;
let channel: TelegramChannel | undefined;

beforeEach(async () => {
  emulator = await BotApiEmulator.start();
  app = await createTestApp({ clock: () => now });
});
afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await app.close();
  await emulator.close();
});

async function start(extra: Partial<TelegramOptions> = {}): Promise<TelegramChannel> {
  channel = await startTestTelegram(emulator, app.handler, extra);
  app.attachSender(channel.sender);
  return channel;
}

const user = (id: number): TgUser => ({ id, first_name: `Warga ${id}` });

async function handledCount(): Promise<number> {
  return app.prisma.processedMessage.count({ where: { channel: "telegram" } });
}

describe("redelivered updates", () => {
  it("processes the same update delivered twice in one polled batch once", async () => {
    const citizen = user(601);
    const first = emulator.text(citizen, "/start");
    emulator.pushUpdate({ message: first.message }, first.update_id); // Telegram sends it again
    const other = emulator.text(citizen, "/bantuan");
    await start();
    await vi.waitFor(async () => expect(await handledCount()).toBe(2));
    await emulator.waitForSent(citizen.id, 2);
    await channel?.sender.idle();
    expect(emulator.sentTo(citizen.id)).toHaveLength(2);
    const ids = (await app.prisma.processedMessage.findMany({ select: { messageId: true } })).map((row) => row.messageId).sort();
    expect(ids).toEqual([`${emulator.botId}:${first.update_id}`, `${emulator.botId}:${other.update_id}`].sort());
  });
});

describe("a flaky Bot API", () => {
  it("loses and duplicates no reply while sends get 429 with retry_after and 500 now and then", async () => {
    emulator.setFaultRule((method, count) => {
      if (method === "sendMessage" && count % 9 === 3) return { status: 429, retryAfter: 1 };
      if (method === "sendMessage" && count % 4 === 1) return { status: 500 };
      if (method === "getUpdates" && count === 1) return { status: 502 };
      return undefined;
    });
    await start();
    const citizens = [611, 612, 613, 614].map(user);
    const script = ["/start", "/bantuan", "/start", "/bantuan"];
    for (const text of script) for (const citizen of citizens) emulator.text(citizen, text);
    for (const citizen of citizens) await emulator.waitForSent(citizen.id, script.length, 20_000);
    await channel?.sender.idle();
    for (const citizen of citizens) {
      const texts = emulator.sentTo(citizen.id).map((m) => m.text);
      expect(texts).toHaveLength(script.length);
      // Same command, same answer; the two commands answer differently: the order held.
      expect(texts[0]).toBe(texts[2]);
      expect(texts[1]).toBe(texts[3]);
      expect(texts[0]).not.toBe(texts[1]);
    }
    expect(await handledCount()).toBe(citizens.length * script.length);
    const statuses = emulator.callsOf("sendMessage").map((call) => call.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(500);
    expect(emulator.callsOf("getUpdates").map((call) => call.status)).toContain(502);
  }, 30_000);
});

describe("webhook mode", () => {
  it("sets the webhook with its secret, answers 403 to a wrong or missing secret and handles the right one", async () => {
    const started = await start({
      webhook: { url: "https://lapor.example.go.id/tg/hook", secret: SECRET, port: 0, host: "127.0.0.1" },
    });
    expect(emulator.webhook).toEqual({ url: "https://lapor.example.go.id/tg/hook", secretToken: SECRET });
    const local = `http://127.0.0.1:${started.webhookPort}/tg/hook`;
    const citizen = user(621);
    const update = emulator.makeUpdate(emulator.message(citizen, { text: "/start" }));

    expect((await emulator.postUpdate(local, update)).status).toBe(403);
    expect((await emulator.postUpdate(local, update, "wrong-secret")).status).toBe(403);
    expect((await emulator.postUpdate(local, update, `${SECRET}x`)).status).toBe(403);
    expect((await emulator.postUpdate(`http://127.0.0.1:${started.webhookPort}/other`, update, SECRET)).status).toBe(404);
    expect(await handledCount()).toBe(0);

    // Telegram resends when our answer is slow: both posts, even concurrent, handle the update once.
    const [a, b] = await Promise.all([emulator.postUpdate(local, update, SECRET), emulator.postUpdate(local, update, SECRET)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await handledCount()).toBe(1);
    await emulator.waitForSent(citizen.id, 1);
    await channel?.sender.idle();
    expect(emulator.sentTo(citizen.id)).toHaveLength(1);
    expect(emulator.callsOf("getUpdates")).toHaveLength(0);

    await channel?.stop();
    channel = undefined;
    const after = await emulator
      .postUpdate(local, emulator.makeUpdate(emulator.message(citizen, { text: "/bantuan" })), SECRET)
      .catch(() => ({ status: 0 }));
    expect(after.status).not.toBe(200);
  });
});

describe("outbox deliveries", () => {
  it("records a blocked user as failed at once and retries a server error later", async () => {
    await start();
    emulator.blockChat(631);
    emulator.setFaultRule((method, _count, payload) =>
      method === "sendMessage" && payload.chat_id === "632" ? { status: 500 } : undefined,
    );
    await enqueueMessages(
      app.prisma,
      [
        { channel: "telegram", chatId: "631", message: { text: "Laporan Anda sedang diproses." } },
        { channel: "telegram", chatId: "632", message: { text: "Laporan Anda sedang diproses." } },
      ],
      now,
    );
    await app.dispatchOutbox();
    const rows = await app.prisma.outboxMessage.findMany({ orderBy: { chatId: "asc" } });
    expect(rows.map((row) => [row.chatId, row.status])).toEqual([
      ["631", "FAILED"],
      ["632", "PENDING"],
    ]);
    expect(rows[0]?.lastError).toContain("403");
    expect(rows[1]?.lastError).toContain("500");
  });
});

describe("a Bot API down for longer than the sender retries", () => {
  it("keeps the reply in the outbox and delivers it when Telegram is back", async () => {
    let down = true;
    emulator.setFaultRule((method) => (method === "sendMessage" && down ? { status: 502 } : undefined));
    await start({
      sender: { perChatIntervalMs: 5, backoffBaseMs: 5, maxTransientAttempts: 2 },
      onUndelivered: (chatId, message) => app.app.deferReply("telegram", chatId, message),
    });
    const citizen = user(651);
    emulator.text(citizen, "/lapor");
    await vi.waitFor(async () => expect(await app.prisma.outboxMessage.count({ where: { status: "PENDING" } })).toBe(1), {
      timeout: 10_000,
    });
    expect(emulator.sentTo(citizen.id)).toHaveLength(0);
    down = false;
    // Time passes: the backoff of the outbox's own attempts while Telegram was down is over.
    await app.prisma.outboxMessage.updateMany({ data: { nextAttemptAt: now } });
    await app.dispatchOutbox();
    await channel?.sender.idle();
    expect(await app.prisma.outboxMessage.findMany({ select: { status: true } })).toEqual([{ status: "SENT" }]);
    const sent = emulator.sentTo(citizen.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/Ceritakan masalahnya/);
  });
});
