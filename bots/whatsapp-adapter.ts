// The WhatsApp channel: whatsapp-web.js messages in, the runner's replies out. Each chat is handled
// serially; replies go through a per-chat send queue with a small pause, and the bot only ever answers
// people who wrote to it (an unofficial client that broadcasts gets its number banned).
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { Message } from "whatsapp-web.js";
import { KeyedQueue } from "../dialogs/keyed-queue.js";
import type { ChannelSender, MessageHandler, OutboundMessage, RunningChannel, SendResult } from "./channel.js";
import {
  createMessageMedia,
  createRealWhatsAppClient,
  type WhatsAppClientContext,
  type WhatsAppClientLike,
} from "./whatsapp-client.js";
import { createWhatsAppConnection, DEFAULT_RECONNECT_DELAYS_MS, type TerminalOutput } from "./whatsapp-connection.js";
import {
  createIdentityResolver,
  normalizeGroupId,
  routeMessage,
  toInboundMessage,
  type WhatsAppRoute,
} from "./whatsapp-inbound.js";
import { renderWhatsApp, type WhatsAppPart } from "./whatsapp-render.js";

export interface WhatsAppOptions {
  dataDir: string;
  chromiumPath: string;
  /** Digits only (6281234567890): log in with a pairing code instead of a QR code. */
  pairingNumber?: string;
  /** A staff group (id "...@g.us" or the bare number) whose messages are handled; other groups are ignored. */
  staffGroupId?: string;
  handler: MessageHandler;
  logger: Logger;
  /** Tests pass a factory returning the fake; production uses createRealWhatsAppClient. */
  createClient?: (context: WhatsAppClientContext) => WhatsAppClientLike | Promise<WhatsAppClientLike>;
  /** Waits before each new client after a disconnect; the last value repeats. */
  reconnectDelaysMs?: number[];
  /** Minimum pause between two messages to one chat (default 700 ms); tests pass 0. */
  sendDelayMs?: number;
  /** Where the QR code and pairing code are printed (default stdout). */
  terminal?: TerminalOutput;
}

export const DEFAULT_SEND_DELAY_MS = 700;

import { APOLOGY_TEXT } from "./apology.js";

export { APOLOGY_TEXT };

const DISCONNECTED: SendResult = { ok: false, permanent: false, error: "disconnected" };

/** A setup problem the operator must fix; main prints the message without a stack trace. */
export class WhatsAppSetupError extends Error {
  override name = "WhatsAppSetupError";
}

export function assertChromium(chromiumPath: string): void {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new WhatsAppSetupError(
      `Chromium tidak ditemukan di ${chromiumPath}: pasang dengan "apt-get install chromium" atau isi CHROMIUM_PATH. ` +
        `/ Chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
}

/** Outbox rows may address a citizen by bare phone number; WhatsApp wants a chat id. */
export function toChatId(chatId: string): string {
  const digits = chatId.replace(/^\+/, "");
  return /^\d{6,15}$/.test(digits) ? `${digits}@c.us` : chatId;
}

/** Errors WhatsApp gives for an address that will never work; everything else is worth a retry. */
function isPermanentSendError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /invalid wid|wid error|no lid for user|not a valid|chat not found/i.test(text);
}

export async function startWhatsApp(options: WhatsAppOptions): Promise<RunningChannel> {
  assertChromium(options.chromiumPath);
  const { logger, handler } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const sendDelayMs = options.sendDelayMs ?? DEFAULT_SEND_DELAY_MS;
  const staffGroupId = normalizeGroupId(options.staffGroupId);
  // Inbound handling is serial per chat; sends are a separate per-chat queue so outbox pushes and
  // replies to one chat never interleave their parts.
  const chats = new KeyedQueue();
  const sends = new KeyedQueue();
  const lastSentAt = new Map<string, number>();
  let stopping = false;

  const context: WhatsAppClientContext = {
    dataDir: options.dataDir,
    chromiumPath: options.chromiumPath,
    sessionDir: path.join(options.dataDir, "whatsapp-session"),
    logger,
    ...(options.pairingNumber ? { pairingNumber: options.pairingNumber } : {}),
  };
  const connection = createWhatsAppConnection({
    context,
    createClient: options.createClient ?? createRealWhatsAppClient,
    reconnectDelaysMs: options.reconnectDelaysMs?.length ? options.reconnectDelaysMs : DEFAULT_RECONNECT_DELAYS_MS,
    logger,
    terminal: options.terminal ?? process.stdout,
    onMessage: (message) => onMessage(message),
  });
  const identity = createIdentityResolver(() => connection.readyClient(), logger);

  async function sendPart(client: WhatsAppClientLike, chatId: string, part: WhatsAppPart): Promise<void> {
    if (part.kind === "text") {
      await client.sendMessage(chatId, part.text);
      return;
    }
    const media = await createMessageMedia(part.file.mimeType, part.file.data, part.file.fileName);
    await client.sendMessage(chatId, media, {
      ...(part.caption ? { caption: part.caption } : {}),
      ...(part.asDocument ? { sendMediaAsDocument: true } : {}),
    });
  }

  /** Keeps sendDelayMs between two messages to one chat; the first answer goes out at once. */
  async function waitTurn(chatId: string): Promise<void> {
    const last = lastSentAt.get(chatId);
    const wait = last === undefined ? 0 : last + sendDelayMs - Date.now();
    if (wait > 0) await sleep(wait);
  }

  function markSent(chatId: string): void {
    const now = Date.now();
    if (lastSentAt.size > 1_000) {
      for (const [chat, at] of lastSentAt) if (at + sendDelayMs < now) lastSentAt.delete(chat);
    }
    lastSentAt.set(chatId, now);
  }

  /** Sends one OutboundMessage as one task of the chat's send queue, so its parts stay together. */
  function deliver(chatId: string, message: OutboundMessage): Promise<SendResult> {
    if (!connection.readyClient()) return Promise.resolve(DISCONNECTED);
    return sends.run(chatId, async () => {
      const client = connection.readyClient();
      if (!client) return DISCONNECTED;
      try {
        for (const part of renderWhatsApp(message)) {
          if (sendDelayMs > 0) await waitTurn(chatId);
          await sendPart(client, chatId, part);
          if (sendDelayMs > 0) markSent(chatId);
        }
        return { ok: true };
      } catch (error) {
        const permanent = isPermanentSendError(error);
        logger.warn({ err: error, permanent }, "whatsapp: sending failed");
        return { ok: false, permanent, error: error instanceof Error ? error.message : String(error) };
      }
    });
  }

  async function handleInbound(message: Message, route: Extract<WhatsAppRoute, { accept: true }>): Promise<void> {
    let replies: OutboundMessage[];
    try {
      const inbound = await toInboundMessage(message, route, identity);
      replies = await handler.handle(inbound);
    } catch (error) {
      logger.error({ err: error }, "whatsapp: handling a message failed; the citizen is asked to try again");
      replies = [{ text: APOLOGY_TEXT }];
    }
    for (const reply of replies) {
      const result = await deliver(route.chatId, reply);
      if (!result.ok) {
        logger.warn({ error: result.error }, "whatsapp: a reply could not be sent");
        return;
      }
    }
  }

  function onMessage(message: Message): void {
    if (stopping) return;
    const route = routeMessage(message, staffGroupId);
    if (!route.accept) {
      logger.debug({ reason: route.reason }, "whatsapp: message ignored");
      return;
    }
    chats
      .run(route.chatId, () => handleInbound(message, route))
      .catch((error: unknown) => logger.error({ err: error }, "whatsapp: unexpected error in the chat queue"));
  }

  const sender: ChannelSender = {
    channel: "whatsapp",
    send: (chatId, message) => deliver(toChatId(chatId), message),
  };

  await connection.start();
  logger.info({ pairing: Boolean(options.pairingNumber) }, "whatsapp: channel started");

  return {
    sender,
    health: () => (connection.readyClient() ? { connected: true } : { connected: false, detail: "not connected to WhatsApp" }),
    async stop() {
      stopping = true;
      await chats.idle();
      await sends.idle();
      await connection.stop();
      logger.info("whatsapp: channel stopped");
    },
  };
}
