// Every message to Telegram, replies and outbox pushes alike, goes through here: in order per chat,
// about 1 message/s per chat and 30/s overall, 429 answered by waiting retry_after, 5xx and network
// errors retried with backoff (bounded), 403 and 400 reported as permanent.
import type { Logger } from "pino";
import type { Telegram } from "telegraf";
import { KeyedQueue } from "../dialogs/keyed-queue.js";
import type { ChannelSender, OutboundMessage, SendResult } from "./channel.js";
import { CallbackCodec, leavesReplyKeyboard, renderTelegram, type TelegramCall } from "./telegram-render.js";
import { describeTelegramError, telegramErrorInfo } from "./telegram-errors.js";
import type { KeyboardTracker } from "./telegram-keyboards.js";

export interface SenderTuning {
  /** Minimum gap between two messages to one chat (default 1000 ms). */
  perChatIntervalMs: number;
  /** Messages per second over all chats (default 30). */
  globalPerSecond: number;
  /** Attempts for 5xx and network errors (default 5). */
  maxTransientAttempts: number;
  /** First backoff after a 5xx or network error, doubled each time (default 500 ms). */
  backoffBaseMs: number;
  /** 429s waited out per call (default 10); after that the caller gets the wait as retryAfterMs. */
  max429Waits: number;
  /** A retry_after longer than this is not waited out here but returned (default 60 s). */
  maxRetryAfterMs: number;
  /** One API call may take this long before it counts as a network error (default 30 s). */
  requestTimeoutMs: number;
}

export const DEFAULT_SENDER_TUNING: SenderTuning = {
  perChatIntervalMs: 1000,
  globalPerSecond: 30,
  maxTransientAttempts: 5,
  backoffBaseMs: 500,
  max429Waits: 10,
  maxRetryAfterMs: 60_000,
  requestTimeoutMs: 30_000,
};

export interface TelegramSenderOptions {
  telegram: Telegram;
  logger: Logger;
  codec: CallbackCodec;
  tuning?: Partial<SenderTuning>;
  /** Told which message carries each question's buttons, so an older keyboard can be told apart. */
  keyboards?: KeyboardTracker;
}

export interface TelegramSender extends ChannelSender {
  /** Resolves once every send started so far has finished (graceful stop). */
  idle(): Promise<void>;
}

type ApiSignal = NonNullable<Parameters<Telegram["callApi"]>[2]>["signal"];

/** telegraf types its signal with the abort-controller shim; node-fetch accepts Node's own AbortSignal. */
export function timeoutSignal(ms: number): ApiSignal {
  return AbortSignal.timeout(ms) as unknown as ApiSignal;
}

function messageIdOf(result: unknown): number | undefined {
  const id = (result as { message_id?: unknown } | undefined)?.message_id;
  return typeof id === "number" ? id : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Hands out send slots spaced evenly, so bursts from many chats stay under the overall limit. */
class Pacer {
  private nextFree = 0;

  constructor(private readonly gapMs: number) {}

  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextFree);
    this.nextFree = slot + this.gapMs;
    if (slot > now) await sleep(slot - now);
  }
}

type Attempt = { ok: true } | { ok: false; permanent: boolean; error: string; retryAfterMs?: number; migrateTo?: string };

export function createTelegramSender(options: TelegramSenderOptions): TelegramSender {
  const tuning = { ...DEFAULT_SENDER_TUNING, ...options.tuning };
  const { telegram, logger, codec } = options;
  const queue = new KeyedQueue();
  const overall = new Pacer(1000 / tuning.globalPerSecond);
  const lastSentAt = new Map<string, number>();
  const replyKeyboardOpen = new Set<string>();
  /** Groups that became supergroups: outbox rows and staff records may still name the old id. */
  const migrated = new Map<string, string>();

  async function chatSlot(chatId: string): Promise<void> {
    const last = lastSentAt.get(chatId);
    if (last !== undefined) {
      const wait = last + tuning.perChatIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
    }
    await overall.take();
  }

  function markSent(chatId: string): void {
    lastSentAt.set(chatId, Date.now());
    // Chats quiet for longer than the interval need no entry; sweep now and then to bound memory.
    if (lastSentAt.size > 10_000) {
      const cutoff = Date.now() - tuning.perChatIntervalMs;
      for (const [id, at] of lastSentAt) if (at < cutoff) lastSentAt.delete(id);
    }
  }

  async function perform(chatId: string, call: TelegramCall): Promise<number | undefined> {
    // A plain controller and timer, cleared after the call: AbortSignal.timeout() costs ~12 µs to make and
    // keeps a timer alive for the whole 30 s, on every message sent.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), tuning.requestTimeoutMs);
    try {
      return await callMethod(chatId, call, controller.signal as unknown as ApiSignal);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The sent message's id. */
  async function callMethod(chatId: string, call: TelegramCall, signal: ApiSignal): Promise<number | undefined> {
    const chat_id = chatId;
    switch (call.method) {
      case "sendMessage":
        return messageIdOf(
          await telegram.callApi(
            "sendMessage",
            {
              chat_id,
              text: call.text,
              link_preview_options: { is_disabled: true },
              ...(call.reply_markup ? { reply_markup: call.reply_markup } : {}),
            },
            { signal },
          ),
        );
      case "sendPhoto":
        return messageIdOf(
          await telegram.callApi(
            "sendPhoto",
            {
              chat_id,
              photo: { source: call.photo.data, filename: call.photo.fileName },
              ...(call.caption ? { caption: call.caption } : {}),
              ...(call.reply_markup ? { reply_markup: call.reply_markup } : {}),
            },
            { signal },
          ),
        );
      case "sendDocument":
        return messageIdOf(
          await telegram.callApi(
            "sendDocument",
            {
              chat_id,
              document: { source: call.document.data, filename: call.document.fileName },
              ...(call.reply_markup ? { reply_markup: call.reply_markup } : {}),
            },
            { signal },
          ),
        );
    }
  }

  /** One API call with its retries; the chat's queue waits meanwhile, which keeps the chat's order. */
  async function deliver(chatId: string, call: TelegramCall, questionId?: string): Promise<Attempt> {
    let transientFailures = 0;
    let waited429 = 0;
    for (;;) {
      await chatSlot(chatId);
      try {
        const messageId = await perform(chatId, call);
        markSent(chatId);
        if (questionId && messageId !== undefined && call.reply_markup && "inline_keyboard" in call.reply_markup) {
          options.keyboards?.record(chatId, questionId, messageId);
        }
        return { ok: true };
      } catch (error) {
        markSent(chatId);
        const info = telegramErrorInfo(error);
        const description = describeTelegramError(error, telegram.token);
        if (info.migrateTo) return { ok: false, permanent: false, error: description, migrateTo: info.migrateTo };
        if (info.kind === "permanent") return { ok: false, permanent: true, error: description };
        if (info.kind === "rate_limited") {
          const retryAfterMs = (info.retryAfterSeconds ?? 1) * 1000;
          if (waited429 >= tuning.max429Waits || retryAfterMs > tuning.maxRetryAfterMs) {
            return { ok: false, permanent: false, error: description, retryAfterMs };
          }
          waited429 += 1;
          logger.warn({ chatId, method: call.method, retryAfterMs }, "telegram rate limit, waiting");
          await sleep(retryAfterMs);
          continue;
        }
        transientFailures += 1;
        if (transientFailures >= tuning.maxTransientAttempts) return { ok: false, permanent: false, error: description };
        const backoff = Math.min(30_000, tuning.backoffBaseMs * 2 ** (transientFailures - 1));
        logger.warn(
          { chatId, method: call.method, attempt: transientFailures, backoffMs: backoff, error: description },
          "telegram send failed, retrying",
        );
        await sleep(backoff);
      }
    }
  }

  async function sendNow(chatId: string, message: OutboundMessage): Promise<SendResult> {
    let target = migrated.get(chatId) ?? chatId;
    const calls = renderTelegram(message, codec, { replyKeyboardOpen: replyKeyboardOpen.has(chatId) });
    for (const call of calls) {
      let result = await deliver(target, call, message.questionId);
      if (!result.ok && result.migrateTo) {
        // A group became a supergroup: Telegram names the new chat once; later messages use it too.
        logger.warn({ chatId: target, migratedTo: result.migrateTo }, "telegram chat migrated");
        target = result.migrateTo;
        if (migrated.size < 10_000) migrated.set(chatId, target);
        result = await deliver(target, call, message.questionId);
      }
      if (!result.ok) {
        logger.warn(
          { chatId: target, method: call.method, permanent: result.permanent, error: result.error },
          "telegram send gave up",
        );
        const { migrateTo: _ignored, ...failure } = result;
        return failure;
      }
    }
    if (leavesReplyKeyboard(calls, replyKeyboardOpen.has(chatId))) {
      // Losing this hint only leaves a keyboard on screen a little longer; bound the memory instead.
      if (replyKeyboardOpen.size > 50_000) replyKeyboardOpen.clear();
      replyKeyboardOpen.add(chatId);
    } else {
      replyKeyboardOpen.delete(chatId);
    }
    logger.debug({ chatId: target, calls: calls.length }, "telegram message sent");
    return { ok: true };
  }

  return {
    channel: "telegram",
    send(chatId, message) {
      return queue.run(`send:${chatId}`, () =>
        sendNow(chatId, message).catch((error: unknown): SendResult => {
          // Only a bug in rendering gets here; the outbox treats it as transient and tries later.
          const description = describeTelegramError(error, telegram.token);
          logger.error({ chatId, error: description }, "telegram send crashed");
          return { ok: false, permanent: false, error: description };
        }),
      );
    },
    idle: () => queue.idle(),
  };
}
