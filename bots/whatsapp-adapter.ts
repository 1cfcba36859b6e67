// The WhatsApp channel: whatsapp-web.js messages in, the runner's replies out. The runner's queue keeps
// each chat in order (the phone lookup and the photo download run in the chat's turn there); replies go
// through a per-chat send queue with a small pause, and the bot only ever answers people who wrote to it
// (an unofficial client that broadcasts gets its number banned).
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { Call, Message } from "whatsapp-web.js";
import { CALL_REJECTED_TEXT } from "./channel-notices.js";
import { KeyedQueue } from "../dialogs/keyed-queue.js";
import { TaskTracker } from "./task-tracker.js";
import type { ChannelSender, MessageHandler, OutboundMessage, RunningChannel, SendResult } from "./channel.js";
import {
  createMessageMedia,
  createRealWhatsAppClient,
  type WhatsAppClientContext,
  type WhatsAppClientLike,
} from "./whatsapp-client.js";
import { createWhatsAppConnection, DEFAULT_RECONNECT_DELAYS_MS, type TerminalOutput } from "./whatsapp-connection.js";
import { createIdentityResolver, normalizeGroupId, routeMessage, toInboundMessage } from "./whatsapp-inbound.js";
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
  /** Waits before asking again after WhatsApp rejected a pairing-code request; the last value repeats. */
  pairingRetryDelaysMs?: number[];
  /** One message part may take this long before the send counts as failed (default 45 s; puppeteer waits 180 s). */
  sendTimeoutMs?: number;
  /** More Chromium flags (CHROMIUM_EXTRA_ARGS), e.g. a proxy. */
  extraChromiumArgs?: readonly string[];
  /** A reply that could not be sent (not a permanent refusal): hand it to the outbox to retry. */
  onUndelivered?: (chatId: string, message: OutboundMessage) => Promise<void>;
  /** Where the QR code and pairing code are printed (default stdout). */
  terminal?: TerminalOutput;
}

export const DEFAULT_SEND_DELAY_MS = 700;
export const DEFAULT_SEND_TIMEOUT_MS = 45_000;
/** This many timed-out sends in a row mean the browser is stuck: a new client is started. */
const STUCK_AFTER_TIMEOUTS = 3;
/** A caller who keeps ringing gets the text answer once in this window. */
const CALL_ANSWER_INTERVAL_MS = 10 * 60_000;

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

/** Outbox rows may address a citizen by bare phone number ("+62812...", "62812..."): its digits, else undefined. */
export function barePhoneNumber(chatId: string): string | undefined {
  const digits = chatId.replace(/^\+/, "");
  return /^\d{6,15}$/.test(digits) ? digits : undefined;
}

/** A send WhatsApp did not accept; `permanent` when retrying can never help. */
class NotDelivered extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

class SendTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeout(`no answer from the browser within ${ms} ms`)), ms);
  });
  // The stuck call may still settle later: its outcome is dropped (the outbox has the message).
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Errors WhatsApp gives for an address that will never work; everything else is worth a retry. */
function isPermanentSendError(error: unknown): boolean {
  if (error instanceof NotDelivered) return error.permanent;
  const text = error instanceof Error ? error.message : String(error);
  return /invalid wid|wid error|no lid for user|not a valid|chat not found/i.test(text);
}

export async function startWhatsApp(options: WhatsAppOptions): Promise<RunningChannel> {
  assertChromium(options.chromiumPath);
  const { logger, handler } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const sendDelayMs = options.sendDelayMs ?? DEFAULT_SEND_DELAY_MS;
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  let timeoutsInARow = 0;
  const callsAnswered = new Map<string, number>();
  const staffGroupId = normalizeGroupId(options.staffGroupId);
  // Messages in the runner (a graceful stop waits for them); sends are a per-chat queue so outbox pushes
  // and replies to one chat never interleave their parts.
  const inFlight = new TaskTracker();
  const sends = new KeyedQueue();
  const lastSentAt = new Map<string, number>();
  let stopping = false;

  const context: WhatsAppClientContext = {
    dataDir: options.dataDir,
    chromiumPath: options.chromiumPath,
    sessionDir: path.join(options.dataDir, "whatsapp-session"),
    logger,
    ...(options.pairingNumber ? { pairingNumber: options.pairingNumber } : {}),
    ...(options.extraChromiumArgs?.length ? { extraChromiumArgs: options.extraChromiumArgs } : {}),
  };
  const connection = createWhatsAppConnection({
    context,
    createClient: options.createClient ?? createRealWhatsAppClient,
    reconnectDelaysMs: options.reconnectDelaysMs?.length ? options.reconnectDelaysMs : DEFAULT_RECONNECT_DELAYS_MS,
    ...(options.pairingRetryDelaysMs?.length ? { pairingRetryDelaysMs: options.pairingRetryDelaysMs } : {}),
    logger,
    terminal: options.terminal ?? process.stdout,
    onMessage: (message) => onMessage(message),
    onCall: (call) => void onCall(call),
  });
  const identity = createIdentityResolver(() => connection.readyClient(), logger);

  /** A bare number becomes the chat id WhatsApp knows for it; a number not on WhatsApp is a permanent failure. */
  async function resolveChat(client: WhatsAppClientLike, chatId: string): Promise<string> {
    const phone = barePhoneNumber(chatId);
    if (!phone) return chatId;
    const id = await withTimeout(client.getNumberId(phone), sendTimeoutMs);
    if (!id) throw new NotDelivered("this number is not on WhatsApp", true);
    return id._serialized;
  }

  async function sendPart(client: WhatsAppClientLike, chatId: string, part: WhatsAppPart): Promise<void> {
    const sending =
      part.kind === "text"
        ? client.sendMessage(chatId, part.text)
        : createMessageMedia(part.file.mimeType, part.file.data, part.file.fileName).then((media) =>
            client.sendMessage(chatId, media, {
              ...(part.caption ? { caption: part.caption } : {}),
              ...(part.asDocument ? { sendMediaAsDocument: true } : {}),
            }),
          );
    // The library answers undefined instead of throwing when it could not resolve the chat.
    const sent = await withTimeout(sending, sendTimeoutMs);
    if (!sent) throw new NotDelivered("WhatsApp did not accept the message (the chat could not be resolved)", false);
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

  /** Sends one message's parts; the caller holds the chat's turn in the send queue. */
  async function sendNow(chatId: string, message: OutboundMessage): Promise<SendResult> {
    const client = connection.readyClient();
    if (!client) return DISCONNECTED;
    try {
      const target = await resolveChat(client, chatId);
      for (const part of renderWhatsApp(message)) {
        if (sendDelayMs > 0) await waitTurn(chatId);
        await sendPart(client, target, part);
        if (sendDelayMs > 0) markSent(chatId);
      }
      timeoutsInARow = 0;
      return { ok: true };
    } catch (error) {
      const permanent = isPermanentSendError(error);
      logger.warn({ err: error, permanent }, "whatsapp: sending failed");
      if (error instanceof SendTimeout) {
        timeoutsInARow += 1;
        if (timeoutsInARow >= STUCK_AFTER_TIMEOUTS) {
          timeoutsInARow = 0;
          connection.restart(`${STUCK_AFTER_TIMEOUTS} sends in a row got no answer from the browser`);
        }
      }
      return { ok: false, permanent, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Sends one OutboundMessage as one task of the chat's send queue, so its parts stay together. */
  function deliver(chatId: string, message: OutboundMessage): Promise<SendResult> {
    if (!connection.readyClient()) return Promise.resolve(DISCONNECTED);
    return sends.run(chatId, () => sendNow(chatId, message));
  }

  /** One message's replies as one task of the chat's send queue: queued at once, so in the chat's order. */
  function deliverReplies(chatId: string, replies: OutboundMessage[]): Promise<void> {
    if (replies.length === 0) return Promise.resolve();
    return sends.run(chatId, async () => {
      for (const [index, reply] of replies.entries()) {
        const result = await sendNow(chatId, reply);
        if (result.ok) continue;
        logger.warn({ error: result.error, permanent: result.permanent }, "whatsapp: a reply could not be sent");
        // The rest goes to the outbox in order, which retries until WhatsApp takes it.
        if (!result.permanent && options.onUndelivered) {
          for (const rest of replies.slice(index)) {
            await options
              .onUndelivered(chatId, rest)
              .catch((error: unknown) => logger.error({ err: error }, "whatsapp: could not queue an undelivered reply"));
          }
        }
        return;
      }
    });
  }

  /** A bot cannot take calls: reject, and say once (per caller, per 10 minutes) how to report in text. */
  async function onCall(call: Call): Promise<void> {
    if (stopping || call.fromMe) return;
    await call.reject().catch((error: unknown) => logger.warn({ err: error }, "whatsapp: rejecting a call failed"));
    const from = call.from;
    if (!from || call.isGroup || !(from.endsWith("@c.us") || from.endsWith("@lid"))) return;
    const now = Date.now();
    const last = callsAnswered.get(from);
    if (last !== undefined && now - last < CALL_ANSWER_INTERVAL_MS) return;
    if (callsAnswered.size > 1_000) {
      for (const [caller, at] of callsAnswered) if (now - at >= CALL_ANSWER_INTERVAL_MS) callsAnswered.delete(caller);
    }
    callsAnswered.set(from, now);
    logger.info({ video: call.isVideo }, "whatsapp: rejected a call and answered in text");
    const result = await deliver(from, { text: CALL_REJECTED_TEXT });
    if (!result.ok) logger.warn({ error: result.error }, "whatsapp: the answer to a call could not be sent");
  }

  function onMessage(message: Message): void {
    if (stopping) return;
    const route = routeMessage(message, staffGroupId);
    if (!route.accept) {
      logger.debug({ reason: route.reason }, "whatsapp: message ignored");
      return;
    }
    // Replies handed over as soon as the runner resolves (nothing awaited in between): in the chat's order.
    const handled = handler.handle(toInboundMessage(message, route, identity)).then(
      (replies) => deliverReplies(route.chatId, replies),
      (error: unknown) => {
        logger.error({ err: error }, "whatsapp: handling a message failed; the citizen is asked to try again");
        return deliverReplies(route.chatId, [{ text: APOLOGY_TEXT }]);
      },
    );
    inFlight.track(handled);
  }

  const sender: ChannelSender = {
    channel: "whatsapp",
    send: (chatId, message) => deliver(chatId, message),
  };

  await connection.start();
  logger.info({ pairing: Boolean(options.pairingNumber) }, "whatsapp: channel started");

  return {
    sender,
    health: () => (connection.readyClient() ? { connected: true } : { connected: false, detail: "not connected to WhatsApp" }),
    async stop() {
      stopping = true;
      await inFlight.idle();
      await sends.idle();
      await connection.stop();
      logger.info("whatsapp: channel stopped");
    },
  };
}
