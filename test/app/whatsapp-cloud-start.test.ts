// The WhatsApp Cloud API settings, validated at start, and `npm start` (the real program as a child
// process) serving a citizen through the webhook with its API root pointed at the Graph API emulator.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";
import { decodeReplyId } from "../../bots/whatsapp-cloud-render.js";
import { findTrackingCode } from "../../complaints/tracking-code.js";
import { GraphApiEmulator, type SentCloudMessage } from "../support/graph-api-emulator.js";
import { ROOT } from "../support/chat-process.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { freePort } from "../support/free-port.js";

type Reply = { id: string; title: string };

const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const CLOUD = {
  WHATSAPP_CLOUD_TOKEN: "EAAGtoken",
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: "106540352242922",
  WHATSAPP_CLOUD_APP_SECRET: "app-secret",
  WHATSAPP_CLOUD_VERIFY_TOKEN: "verify-me-please",
};

describe("WhatsApp Cloud API configuration", () => {
  it("is off without a token and has Meta's defaults", () => {
    const config = loadConfig({});
    expect(config.WHATSAPP_CLOUD_TOKEN).toBeUndefined();
    const on = loadConfig(CLOUD);
    expect(on).toMatchObject({
      WHATSAPP_CLOUD_API_ROOT: "https://graph.facebook.com/v21.0",
      WHATSAPP_CLOUD_WEBHOOK_PORT: 8444,
      WHATSAPP_CLOUD_TEMPLATE_LANG: "id",
    });
  });

  it("names what is missing or wrong, and refuses both WhatsApp transports at once", () => {
    expect(() => loadConfig({ WHATSAPP_CLOUD_TOKEN: "x" })).toThrow(
      /WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN wajib diisi/,
    );
    expect(() => loadConfig({ ...CLOUD, WHATSAPP_CLOUD_PHONE_NUMBER_ID: "+62 811 1708" })).toThrow(
      /WHATSAPP_CLOUD_PHONE_NUMBER_ID/,
    );
    expect(() => loadConfig({ ...CLOUD, WHATSAPP_CLOUD_API_ROOT: "graph.facebook.com" })).toThrow(/WHATSAPP_CLOUD_API_ROOT/);
    expect(() => loadConfig({ ...CLOUD, WHATSAPP_CLOUD_TEMPLATE_STATUS: "Status Laporan" })).toThrow(
      /WHATSAPP_CLOUD_TEMPLATE_STATUS/,
    );
    expect(() => loadConfig({ ...CLOUD, WHATSAPP_ENABLED: "true" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...CLOUD, WHATSAPP_ENABLED: "true" })).toThrow(/pilih satu transport WhatsApp/);
  });
});

describe("npm start with the Cloud API", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase("wacloud");
  });
  afterEach(() => database.drop());

  it("stops with a clear message when both WhatsApp transports are enabled", async () => {
    const child = spawn(TSX, ["app/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...CLOUD, WHATSAPP_ENABLED: "true", DATABASE_URL: database.url, DATA_DIR: database.dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(err).toContain("pilih satu transport WhatsApp");
    expect(err).not.toMatch(/\n\s+at /); // no stack trace for an operator's mistake
  });

  it("serves a citizen through the webhook", async () => {
    const emulator = await GraphApiEmulator.start();
    const port = await freePort();
    const child = spawn(TSX, ["app/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        DATABASE_URL: database.url,
        DATA_DIR: database.dir,
        WHATSAPP_CLOUD_TOKEN: emulator.token,
        WHATSAPP_CLOUD_PHONE_NUMBER_ID: emulator.phoneNumberId,
        WHATSAPP_CLOUD_APP_SECRET: emulator.appSecret,
        WHATSAPP_CLOUD_VERIFY_TOKEN: "verify-me-please",
        WHATSAPP_CLOUD_API_ROOT: emulator.apiRoot,
        WHATSAPP_CLOUD_WEBHOOK_PORT: String(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      emulator.webhookUrl = `http://127.0.0.1:${port}/whatsapp/webhook`;
      const challenge = `${emulator.webhookUrl}?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=42`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const answer = await fetch(challenge)
          .then((r) => r.text())
          .catch(() => "");
        if (answer === "42") break;
        if (Date.now() > deadline) throw new Error(`webhook never came up; stderr:\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const ujang = { waId: "6285712345678", name: "Ujang" };
      /** Waits for the bot's replies to one message until one satisfies `done`; returns that one. */
      const awaitReply = async (send: () => Promise<string>, done: (message: SentCloudMessage) => boolean) => {
        const before = emulator.sentTo(ujang.waId).length;
        await send();
        for (let count = before + 1; ; count += 1) {
          const message = (await emulator.waitForSent(ujang.waId, count, 20_000)).at(count - 1);
          if (message && done(message)) return message;
        }
      };
      const ask = await awaitReply(
        () => emulator.text(ujang, "/lapor"),
        () => true,
      );
      expect(ask.text).toMatch(/Ceritakan masalahnya/);
      // The whole story in one message: the summary follows, with reply buttons.
      const summary = await awaitReply(
        () =>
          emulator.text(ujang, "punten pak, jalan di dpn SDN 3 Sukajadi bolong gede sejak 2 minggu, tiap hujan motor pada jatuh"),
        (message) => message.type === "interactive",
      );
      const buttons = (
        (summary.body.interactive as { action?: { buttons?: Array<{ reply: Reply }> } }).action?.buttons ?? []
      ).map((button) => button.reply);
      const send = buttons.find((reply) => {
        const decoded = decodeReplyId(reply.id, reply.title);
        return "choice" in decoded && decoded.choice.questionId === "summary" && decoded.choice.value === "kirim";
      });
      if (!send) throw new Error(`no Kirim button on: ${summary.text}`);
      const filed = await awaitReply(
        () => emulator.press(ujang, send.id, send.title),
        (message) => findTrackingCode(message.text) !== null,
      );
      expect(filed.text).toMatch(/Kode laporan/);
    } finally {
      child.kill("SIGTERM");
      await exited;
      await emulator.close();
    }
  }, 60_000);
});
