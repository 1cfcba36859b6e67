// Our WhatsApp Cloud API channel on the real application, wired like app/main.ts, against the Graph
// API emulator over real HTTP both ways; retries shortened for tests.
import pino from "pino";
import { startWhatsAppCloud, type WhatsAppCloudChannel, type WhatsAppCloudOptions } from "../../bots/whatsapp-cloud-adapter.js";
import { GraphApiEmulator } from "./graph-api-emulator.js";
import { createTestApp, type TestApp } from "./test-app.js";

export const TEMPLATE = { name: "lapor_status_update", language: "id", parameters: 2 };

export async function startTestCloud(
  emulator: GraphApiEmulator,
  app: TestApp,
  extra: Partial<WhatsAppCloudOptions> = {},
): Promise<WhatsAppCloudChannel> {
  const channel = await startWhatsAppCloud({
    token: emulator.token,
    phoneNumberId: emulator.phoneNumberId,
    appSecret: emulator.appSecret,
    verifyToken: "verify-me-please",
    apiRoot: emulator.apiRoot,
    webhook: { port: 0, host: "127.0.0.1" },
    template: { name: TEMPLATE.name, language: TEMPLATE.language },
    handler: app.handler,
    logger: pino({ level: "silent" }),
    clock: app.app.clock,
    sender: { backoffBaseMs: 5 },
    onUndelivered: (chatId, message, retryAfterMs) => app.app.deferReply("whatsapp", chatId, message, retryAfterMs),
    onInbound: (chatId, at) => app.app.noteInbound("whatsapp", chatId, at),
    onReceipt: (receipt) => app.app.noteReceipt(receipt),
    ...extra,
  });
  emulator.webhookUrl = `http://127.0.0.1:${channel.webhookPort}/whatsapp/webhook`;
  app.attachSender(channel.sender);
  return channel;
}

export interface CloudTestBed {
  app: TestApp;
  emulator: GraphApiEmulator;
  channel: WhatsAppCloudChannel;
}

/** The emulator (with the status template approved), the application and the channel, on one clock. */
export async function startCloudTestBed(now: () => Date): Promise<CloudTestBed> {
  const emulator = await GraphApiEmulator.start({ now });
  emulator.approveTemplate(TEMPLATE);
  const app = await createTestApp({ clock: now });
  const channel = await startTestCloud(emulator, app);
  return { app, emulator, channel };
}
