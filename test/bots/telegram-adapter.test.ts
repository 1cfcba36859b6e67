// The adapter's mechanics over real HTTP, with a small recording handler: what it hands the handler,
// handler errors, photo downloads, start-up calls, graceful stop, and clean logs; per-chat order (a slow
// photo download included) with the real runner.
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completeInbound } from "../../dialogs/inbound-message.js";
import { NOTICES } from "../../dialogs/complaint-copy.js";
import type { InboundMessage, MessageHandler, OutboundMessage } from "../../bots/channel.js";
import { CITIZEN_COMMANDS, startTelegram, type TelegramChannel, type TelegramOptions } from "../../bots/telegram-adapter.js";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { startTestTelegram } from "../support/telegram-test-channel.js";
import { createTestApp } from "../support/test-app.js";

const ANI: TgUser = { id: 501, first_name: "Ani" };
const BUDI: TgUser = { id: 502, first_name: "Budi", username: "budi_b" };

let emulator: BotApiEmulator;
let channel: TelegramChannel | undefined;

beforeEach(async () => {
  emulator = await BotApiEmulator.start();
});
afterEach(async () => {
  await channel?.stop();
  channel = undefined;
  await emulator.close();
});

/** Records what it is given (completed, as the runner does); answers "ok <text>" after an optional delay; throws on "boom". */
function recordingHandler(delayMs = 0) {
  const received: InboundMessage[] = [];
  const events: string[] = [];
  const handler: MessageHandler = {
    async handle(given: InboundMessage): Promise<OutboundMessage[]> {
      const message = await completeInbound(given);
      received.push(message);
      events.push(`start ${message.chatId} ${message.text ?? ""}`);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      events.push(`end ${message.chatId} ${message.text ?? ""}`);
      if (message.text === "boom") throw new Error("handler failed");
      return [{ text: `ok ${message.text ?? (message.photo ? "photo" : message.location ? "location" : "?")}` }];
    },
  };
  return { handler, received, events };
}

async function start(handler: MessageHandler, extra: Partial<TelegramOptions> = {}): Promise<TelegramChannel> {
  channel = await startTestTelegram(emulator, handler, extra);
  return channel;
}

describe("start-up", () => {
  it("registers the citizen commands in Indonesian and polls without a webhook", async () => {
    await start(recordingHandler().handler);
    expect(emulator.commands).toEqual(CITIZEN_COMMANDS);
    expect((emulator.commands as Array<{ command: string }>).map((c) => c.command)).toEqual([
      "lapor",
      "status",
      "batal",
      "bantuan",
    ]);
    expect(emulator.callsOf("deleteWebhook")).toHaveLength(1);
    expect(channel?.bot.id).toBe(emulator.botId);
  });

  it("starts even when setMyCommands fails", async () => {
    emulator.failNext("setMyCommands", { status: 500 });
    const { handler } = recordingHandler();
    await start(handler);
    emulator.text(ANI, "/start");
    const [reply] = await emulator.waitForSent(ANI.id, 1);
    expect(reply?.text).toBe("ok /start");
  });

  it("refuses a token the server rejects with a clear error", async () => {
    await expect(
      startTelegram({
        token: "1:wrong",
        apiRoot: emulator.apiRoot,
        handler: recordingHandler().handler,
        logger: pino({ level: "silent" }),
      }),
    ).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});

describe("updates to InboundMessages", () => {
  it("hands the handler texts, pins and downloaded photos with stable ids", async () => {
    const { handler, received } = recordingHandler();
    await start(handler);
    const text = emulator.text(BUDI, "halo");
    emulator.location(BUDI, -6.2, 106.8);
    const photoBytes = Buffer.from("jpeg bytes of the largest allowed size");
    emulator.photo(BUDI, [
      { width: 90, height: 90, data: Buffer.from("thumb") },
      { width: 800, height: 600, data: photoBytes },
    ]);
    await emulator.waitForSent(BUDI.id, 3);
    expect(received[0]).toEqual({
      channel: "telegram",
      chatId: "502",
      userId: "502",
      messageId: `${emulator.botId}:${text.update_id}`,
      displayName: "Budi",
      text: "halo",
    });
    expect(received[1]?.location).toEqual({ latitude: -6.2, longitude: 106.8 });
    expect(received[2]?.photo).toEqual({ ok: true, data: photoBytes, mimeType: "image/jpeg" });
    expect(emulator.sentTo(BUDI.id).map((m) => m.text)).toEqual(["ok halo", "ok location", "ok photo"]);
  });

  it("reports a failed download as download_failed and the handler still answers", async () => {
    const { handler, received } = recordingHandler();
    await start(handler);
    emulator.failNext("file", { status: 500 });
    emulator.photo(ANI, [{ width: 800, height: 600, data: Buffer.from("x") }]);
    await emulator.waitForSent(ANI.id, 1);
    expect(received[0]?.photo).toEqual({ ok: false, reason: "download_failed" });
  });

  it("keeps one chat's updates in order through the runner, a slow photo download included, while other chats go on", async () => {
    const test = await createTestApp();
    const release = emulator.holdDownloads();
    try {
      // One polled batch: Ani's photo (its download held), then at once her /lapor; Budi meanwhile.
      emulator.photo(ANI, [{ width: 800, height: 600, data: Buffer.from("jpeg") }]);
      emulator.text(ANI, "/lapor");
      emulator.text(BUDI, "halo");
      await start(test.handler);
      await emulator.waitFor(() => emulator.callsOf("file").length === 1, 5000, "the held download");
      await emulator.waitForSent(BUDI.id, 1);
      // Time enough for /lapor to overtake the photo, were it handled outside the chat's turn.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(emulator.sentTo(ANI.id)).toEqual([]);
      release();
      const sent = await emulator.waitForSent(ANI.id, 2);
      // The photo's step came first (it starts the report and is kept), then /lapor found the form open.
      expect(sent[0]?.text?.startsWith(NOTICES.photoStartsReport)).toBe(true);
      expect(sent[1]?.text).toMatch(/sedang membuat laporan/);
      expect(await test.prisma.attachment.count()).toBe(1);
    } finally {
      release();
      await channel?.stop();
      channel = undefined;
      await test.close();
    }
  });

  it("answers a button press at once and keeps polling after a handler error", async () => {
    const { handler, received } = recordingHandler();
    await start(handler);
    const press = emulator.callback(ANI, "type|aspirasi");
    emulator.text(ANI, "boom");
    emulator.text(ANI, "lagi");
    const sent = await emulator.waitForSent(ANI.id, 3);
    expect(emulator.callsOf("answerCallbackQuery").map((call) => call.payload.callback_query_id)).toEqual([
      (press.callback_query as { id: string }).id,
    ]);
    expect(received[0]?.choice).toEqual({ questionId: "type", value: "aspirasi" });
    expect(sent[1]?.text).toMatch(/^Maaf/);
    expect(sent[2]?.text).toBe("ok lagi");
  });
});

describe("stop", () => {
  it("lets the message in progress finish and its reply go out, then stops polling and confirms the offset", async () => {
    const { handler, events } = recordingHandler(300);
    await start(handler);
    emulator.text(ANI, "pelan");
    await emulator.waitFor(() => events.includes("start 501 pelan"), 5000, "handler start");
    await channel?.stop();
    expect(events).toContain("end 501 pelan");
    expect(emulator.sentTo(ANI.id).map((m) => m.text)).toEqual(["ok pelan"]);
    expect(emulator.pendingUpdates).toBe(0);
    const polls = emulator.callsOf("getUpdates").length;
    emulator.text(ANI, "setelah berhenti");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.callsOf("getUpdates")).toHaveLength(polls);
    expect(events).not.toContain("start 501 setelah berhenti");
  });
});

describe("logs", () => {
  it("never contain the token or what citizens wrote, even when calls fail", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const secretText = "rumah saya di gang mawar nomor tujuh";
    emulator.failNext("sendMessage", { drop: true });
    emulator.failNext("sendMessage", { status: 500 });
    emulator.failNext("file", { drop: true });
    emulator.blockChat(BUDI.id);
    const { handler } = recordingHandler();
    await start(handler, { logger: pino({ level: "trace" }, sink) });
    emulator.text(ANI, secretText);
    emulator.photo(ANI, [{ width: 10, height: 10, data: Buffer.from("x") }]);
    emulator.text(BUDI, secretText);
    await emulator.waitForSent(ANI.id, 2);
    await emulator.waitFor(() => emulator.callsOf("sendMessage").some((call) => call.status === 403), 5000, "blocked send");
    await channel?.stop();
    channel = undefined;
    const log = lines.join("");
    expect(log).toContain("telegram send failed, retrying");
    expect(log).toContain("telegram photo download failed");
    expect(log).not.toContain(emulator.token);
    expect(log).not.toContain(emulator.token.split(":")[1]);
    expect(log).not.toContain(secretText);
  });
});
