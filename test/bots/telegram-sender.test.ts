// The throttled sender over real HTTP against the Bot API emulator: retries, permanent failures, order.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Telegram } from "telegraf";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CallbackCodec } from "../../bots/telegram-render.js";
import { createTelegramSender, type SenderTuning, type TelegramSender } from "../../bots/telegram-sender.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";

let emulator: BotApiEmulator;

beforeEach(async () => {
  emulator = await BotApiEmulator.start();
});
afterEach(async () => {
  await emulator.close();
});

function sender(tuning: Partial<SenderTuning> = {}): TelegramSender {
  return createTelegramSender({
    telegram: new Telegram(emulator.token, { apiRoot: emulator.apiRoot }),
    logger: pino({ level: "silent" }),
    codec: new CallbackCodec(),
    tuning: { perChatIntervalMs: 5, backoffBaseMs: 10, ...tuning },
  });
}

describe("retries", () => {
  it("waits retry_after on 429 and sends the message exactly once", async () => {
    emulator.failNext("sendMessage", { status: 429, retryAfter: 1 });
    expect(await sender().send("10", { text: "Halo" })).toEqual({ ok: true });
    const calls = emulator.callsOf("sendMessage");
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(emulator.sentTo(10).map((m) => m.text)).toEqual(["Halo"]);
  });

  it("retries 5xx and dropped connections with backoff", async () => {
    emulator.failNext("sendMessage", { status: 500 }, 2);
    emulator.failNext("sendMessage", { drop: true });
    expect(await sender().send("10", { text: "Halo" })).toEqual({ ok: true });
    expect(emulator.callsOf("sendMessage").map((call) => call.status)).toEqual([500, 500, 0, 200]);
    expect(emulator.sentTo(10)).toHaveLength(1);
  });

  it("gives up after the bounded attempts and reports a transient failure", async () => {
    emulator.failNext("sendMessage", { status: 502 }, 10);
    const result = await sender({ maxTransientAttempts: 3 }).send("10", { text: "Halo" });
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(emulator.callsOf("sendMessage")).toHaveLength(3);
  });

  it("hands a long retry_after back to the caller instead of waiting it out", async () => {
    emulator.failNext("sendMessage", { status: 429, retryAfter: 120 });
    const result = await sender().send("10", { text: "Halo" });
    expect(result).toEqual({
      ok: false,
      permanent: false,
      error: "429: Too Many Requests: retry after 120",
      retryAfterMs: 120_000,
    });
  });
});

describe("permanent failures", () => {
  it("reports a blocked user (403) and a missing chat (400) as permanent after one attempt", async () => {
    emulator.blockChat(11);
    emulator.forgetChat(12);
    const s = sender();
    expect(await s.send("11", { text: "Halo" })).toEqual({
      ok: false,
      permanent: true,
      error: "403: Forbidden: bot was blocked by the user",
    });
    expect(await s.send("12", { text: "Halo" })).toEqual({
      ok: false,
      permanent: true,
      error: "400: Bad Request: chat not found",
    });
    expect(emulator.callsOf("sendMessage")).toHaveLength(2);
  });

  it("follows a group that became a supergroup", async () => {
    emulator.failNext("sendMessage", {
      status: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: -1009 },
    });
    const s = sender();
    expect(await s.send("-5", { text: "Untuk staf" })).toEqual({ ok: true });
    expect(await s.send("-5", { text: "Berikutnya" })).toEqual({ ok: true });
    expect(emulator.sentTo(-1009).map((m) => m.text)).toEqual(["Untuk staf", "Berikutnya"]);
    expect(emulator.callsOf("sendMessage").map((call) => call.payload.chat_id)).toEqual(["-5", "-1009", "-1009"]);
  });
});

describe("order and pacing", () => {
  it("delivers every message of every chat once and in order while the server fails now and then", async () => {
    emulator.setFaultRule((method, count) => {
      if (method !== "sendMessage") return undefined;
      if (count % 11 === 4) return { status: 429, retryAfter: 1 };
      if (count % 3 === 1) return { status: 500 };
      return undefined;
    });
    const s = sender();
    const chats = ["21", "22", "23", "24"];
    const results = await Promise.all(
      chats.flatMap((chat) => Array.from({ length: 8 }, (_, i) => s.send(chat, { text: `pesan ${i}` }))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    for (const chat of chats) {
      expect(emulator.sentTo(chat).map((m) => m.text)).toEqual(Array.from({ length: 8 }, (_, i) => `pesan ${i}`));
    }
    expect(emulator.callsOf("sendMessage").some((call) => call.status === 429)).toBe(true);
    expect(emulator.callsOf("sendMessage").some((call) => call.status === 500)).toBe(true);
  });

  it("keeps about the per-chat gap between two messages to one chat", async () => {
    const s = sender({ perChatIntervalMs: 200 });
    await Promise.all([s.send("30", { text: "satu" }), s.send("30", { text: "dua" }), s.send("31", { text: "lain" })]);
    const [first, second] = emulator.callsOf("sendMessage").filter((call) => call.payload.chat_id === "30");
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(190);
  });

  it("splits a text longer than 4096 characters at line breaks, buttons under the last part", async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${i}. Laporan warga tentang jalan rusak`);
    const result = await sender().send("40", {
      text: lines.join("\n"),
      questionId: "q",
      options: [{ value: "ok", label: "OK" }],
    });
    expect(result).toEqual({ ok: true });
    const sent = emulator.sentTo(40);
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.map((m) => m.text).join("\n")).toBe(lines.join("\n"));
    expect(sent.every((m) => (m.text ?? "").length <= 4096 && m.parseMode === undefined)).toBe(true);
    expect(sent.slice(0, -1).every((m) => m.replyMarkup === undefined)).toBe(true);
    expect(sent.at(-1)?.replyMarkup).toEqual({ inline_keyboard: [[{ text: "OK", callback_data: "q|ok" }]] });
  });

  it("uploads photos and documents as multipart", async () => {
    const result = await sender().send("50", {
      text: "Rekap bulanan",
      photo: { data: Buffer.alloc(2048, 1), fileName: "grafik.png", mimeType: "image/png" },
      documents: [{ data: Buffer.from("kode,status\n"), fileName: "rekap.csv", mimeType: "text/csv" }],
    });
    expect(result).toEqual({ ok: true });
    expect(emulator.sentTo(50)).toMatchObject([
      { method: "sendPhoto", caption: "Rekap bulanan", fileName: "grafik.png", fileSize: 2048 },
      { method: "sendDocument", fileName: "rekap.csv", fileSize: 12 },
    ]);
  });
});

describe("request timeout", () => {
  it("gives up on a Bot API server that never answers, as a transient failure", async () => {
    // A real server that accepts the request and never responds.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const hanging = createTelegramSender({
        telegram: new Telegram("1:TEST", { apiRoot: `http://127.0.0.1:${port}` }),
        logger: pino({ level: "silent" }),
        codec: new CallbackCodec(),
        tuning: { perChatIntervalMs: 0, backoffBaseMs: 10, maxTransientAttempts: 2, requestTimeoutMs: 200 },
      });
      const started = performance.now();
      const result = await hanging.send("10", { text: "Halo" });
      expect(result).toMatchObject({ ok: false, permanent: false });
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
