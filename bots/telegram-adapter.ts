// The Telegram channel: updates in (long polling, or a webhook), the runner's replies out through the
// throttled sender. The runner's queue keeps each chat in order (the photo is downloaded in the chat's
// turn there) while chats run in parallel; it dedups by `${botId}:${update_id}`, so a redelivered update
// is harmless.
import type { Logger } from "pino";
import { Telegraf } from "telegraf";
import type { Update, UserFromGetMe } from "telegraf/types";
import { APOLOGY_TEXT } from "./apology.js";
import { groupPrivateText } from "./channel-notices.js";
import {
  CITIZEN_COMMANDS,
  COORDINATOR_COMMANDS,
  STAFF_COMMANDS,
  type MenuCommand,
  type TelegramStaffMember,
} from "./telegram-commands.js";
import { KeyboardTracker } from "./telegram-keyboards.js";
import type { InboundMessage, MessageHandler, OutboundMessage, RunningChannel } from "./channel.js";
import { describeTelegramError, telegramErrorInfo } from "./telegram-errors.js";
import { downloadPhoto } from "./telegram-files.js";
import { MAX_DOWNLOAD_BYTES, readUpdate } from "./telegram-inbound.js";
import { ALLOWED_UPDATES, startPolling, type Polling } from "./telegram-polling.js";
import { CallbackCodec } from "./telegram-render.js";
import { createTelegramSender, timeoutSignal, type SenderTuning, type TelegramSender } from "./telegram-sender.js";
import { startWebhookServer, type WebhookServer } from "./telegram-webhook.js";
import { TaskTracker } from "./task-tracker.js";

export interface TelegramOptions {
  token: string;
  /** Another Bot API server (self-hosted, or the emulator in tests); default https://api.telegram.org. */
  apiRoot?: string;
  webhook?: { url: string; secret: string; port: number; host?: string; path?: string };
  handler: MessageHandler;
  logger: Logger;
  /** A reply that still failed after the sender's retries (not a permanent refusal): hand it to the outbox. */
  onUndelivered?: (chatId: string, message: OutboundMessage) => Promise<void>;
  /** Send pacing and retries; tests shorten them. */
  sender?: Partial<SenderTuning>;
  /** Largest photo fetched (default 20 MB, the Bot API's getFile limit). */
  maxPhotoBytes?: number;
  /** getUpdates long-poll seconds (default 50). */
  pollTimeoutSeconds?: number;
  /** How long stop() waits for queued replies to go out (default 15 s). */
  stopTimeoutMs?: number;
  /** The staff group (chat id, e.g. -1001234567890) whose messages are handled; other groups are asked to chat privately. */
  staffGroupId?: string;
  /** Registered staff on Telegram: each gets the staff command menu in their private chat. */
  staffMembers?: () => Promise<TelegramStaffMember[]>;
}

export interface TelegramChannel extends RunningChannel {
  readonly sender: TelegramSender;
  readonly bot: { id: number; username: string };
  /** The bound webhook port in webhook mode (tests listen on port 0). */
  readonly webhookPort?: number;
}

/** Start-up problems the operator must fix; main prints the message without a stack trace. */
export class TelegramStartupError extends Error {
  override name = "TelegramStartupError";
}

export { CITIZEN_COMMANDS };

/** The toast on a button of a question that has moved on. */
export const STALE_BUTTON_TOAST = "Pilihan ini sudah tidak berlaku. Silakan jawab pertanyaan terakhir.";

/** Groups already told to chat privately (one message per group per run; bounded). */
const MAX_GROUPS_REMEMBERED = 10_000;

async function getMeWithRetry(bot: Telegraf, logger: Logger): Promise<UserFromGetMe> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await bot.telegram.callApi("getMe", {}, { signal: timeoutSignal(15_000) });
    } catch (error) {
      const info = telegramErrorInfo(error);
      const description = describeTelegramError(error, bot.telegram.token);
      if (info.code === 401 || info.code === 404) {
        throw new TelegramStartupError(
          `Token Telegram ditolak (${description}): periksa TELEGRAM_BOT_TOKEN dari @BotFather. / Telegram rejected the bot token.`,
        );
      }
      if (attempt >= 3) {
        throw new TelegramStartupError(
          `Server Bot API Telegram tidak dapat dihubungi (${description}): periksa jaringan atau TELEGRAM_API_ROOT. / Cannot reach the Bot API server.`,
        );
      }
      logger.warn({ attempt, error: description }, "telegram getMe failed, retrying");
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

export async function startTelegram(options: TelegramOptions): Promise<TelegramChannel> {
  const { logger, handler } = options;
  const apiRoot = options.apiRoot ?? "https://api.telegram.org";
  // webhookReply off: every call is a real request whose result we see (telegraf's default answers
  // inside the webhook response, which cannot report errors).
  const bot = new Telegraf(options.token, { telegram: { apiRoot, webhookReply: false } });
  const me = await getMeWithRetry(bot, logger);
  bot.botInfo = me;
  const botId = String(me.id);
  const codec = new CallbackCodec();
  const keyboards = new KeyboardTracker();
  const groupsTold = new Set<string>();
  const sender = createTelegramSender({
    telegram: bot.telegram,
    logger,
    codec,
    keyboards,
    ...(options.sender ? { tuning: options.sender } : {}),
  });
  // Messages in the runner, and sends and side calls: a graceful stop waits for both.
  const inFlight = new TaskTracker();
  const sideTasks = new TaskTracker();
  const track = (task: Promise<unknown>) => sideTasks.track(task);
  const maxPhotoBytes = options.maxPhotoBytes ?? MAX_DOWNLOAD_BYTES;
  let stopping = false;

  /** Best effort: a failed toast or keyboard edit changes nothing for the conversation. */
  function sideCall(method: "answerCallbackQuery" | "editMessageReplyMarkup", payload: Record<string, unknown>): void {
    track(
      bot.telegram
        .callApi(method, payload as never, { signal: timeoutSignal(10_000) })
        .catch((error: unknown) => logger.debug({ error: describeTelegramError(error, options.token) }, `${method} failed`)),
    );
  }

  /** A form in a group would be shared with every member: one short message asks them to chat privately. */
  function answerGroup(chatId: string): void {
    if (groupsTold.has(chatId)) return;
    if (groupsTold.size >= MAX_GROUPS_REMEMBERED) groupsTold.clear();
    groupsTold.add(chatId);
    track(sender.send(chatId, { text: groupPrivateText(me.username) }));
  }

  async function processUpdate(update: Update): Promise<void> {
    const read = readUpdate(update, botId, codec, maxPhotoBytes);
    if (!read) return;
    const inbound = read.message;
    const isGroup = read.chatType === "group" || read.chatType === "supergroup";
    const served = !isGroup || (inbound !== null && inbound.chatId === options.staffGroupId);
    if (read.callbackQueryId) {
      // At once, outside the chat's queue: the button stops spinning even while earlier messages run.
      const pressed = read.pressed;
      const stale =
        served &&
        inbound !== null &&
        pressed !== undefined &&
        (pressed.questionId === null || keyboards.isStale(inbound.chatId, pressed.questionId, pressed.messageId));
      sideCall("answerCallbackQuery", {
        callback_query_id: read.callbackQueryId,
        ...(stale ? { text: STALE_BUTTON_TOAST } : {}),
      });
      // The pressed question is answered (or was already): its buttons go, so it cannot be pressed twice.
      if (served && inbound && pressed) {
        sideCall("editMessageReplyMarkup", {
          chat_id: inbound.chatId,
          message_id: pressed.messageId,
          reply_markup: { inline_keyboard: [] },
        });
      }
    }
    if (!inbound) return;
    if (!served) {
      answerGroup(inbound.chatId);
      return;
    }
    const chatId = inbound.chatId;
    const photo = read.photo;
    const download = { telegram: bot.telegram, apiRoot, logger, maxBytes: maxPhotoBytes };
    const message: InboundMessage = photo
      ? { ...inbound, complete: async () => ({ photo: await downloadPhoto(photo, download, chatId) }) }
      : inbound;
    const handled = handleMessage(message, update.update_id);
    inFlight.track(handled);
    await handled;
  }

  async function handleMessage(message: InboundMessage, updateId: number): Promise<void> {
    const { chatId } = message;
    const started = performance.now();
    try {
      const replies = await handler.handle(message);
      // Handed over at once, nothing awaited in between: the runner resolves one chat's messages in order.
      for (const reply of replies) {
        track(
          sender.send(chatId, reply).then(async (result) => {
            if (!result.ok && !result.permanent) await options.onUndelivered?.(chatId, reply);
          }),
        );
      }
      logger.debug(
        { chatId, updateId, replies: replies.length, ms: Math.round(performance.now() - started) },
        "telegram update handled",
      );
    } catch (error) {
      logger.error({ chatId, updateId, error: describeTelegramError(error, options.token) }, "telegram update failed");
      track(sender.send(chatId, { text: APOLOGY_TEXT }));
    }
  }

  // One handler error never stops updates: it is logged and the next update goes on.
  bot.catch((error, ctx) => {
    logger.error(
      { updateId: ctx.update.update_id, error: describeTelegramError(error, options.token) },
      "telegram handler error",
    );
  });
  bot.use((ctx) => processUpdate(ctx.update));

  const setCommands = async (commands: readonly MenuCommand[], scope?: Record<string, unknown>) => {
    try {
      await bot.telegram.callApi("setMyCommands", { commands: [...commands], ...(scope ? { scope } : {}) } as never, {
        signal: timeoutSignal(15_000),
      });
    } catch (error) {
      logger.warn(
        { error: describeTelegramError(error, options.token), scope: scope?.type ?? "default" },
        "telegram setMyCommands failed (commands menu not updated)",
      );
    }
  };
  await setCommands(CITIZEN_COMMANDS);
  // Staff menus in the background: many staff must not hold up the start.
  if (options.staffMembers) {
    const staffMembers = options.staffMembers;
    track(
      (async () => {
        for (const member of await staffMembers()) {
          if (stopping) return;
          await setCommands(member.coordinator ? COORDINATOR_COMMANDS : STAFF_COMMANDS, {
            type: "chat",
            chat_id: member.chatId,
          });
        }
      })().catch((error: unknown) => logger.warn({ err: error }, "telegram: listing staff for their command menus failed")),
    );
  }

  let polling: Polling | undefined;
  let webhook: WebhookServer | undefined;
  const onUpdate = (update: Update) => bot.handleUpdate(update);
  if (options.webhook) {
    const path = options.webhook.path ?? (new URL(options.webhook.url).pathname || "/");
    webhook = await startWebhookServer({
      port: options.webhook.port,
      ...(options.webhook.host ? { host: options.webhook.host } : {}),
      path,
      secret: options.webhook.secret,
      logger,
      onUpdate,
    });
    try {
      await bot.telegram.callApi(
        "setWebhook",
        { url: options.webhook.url, secret_token: options.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] },
        { signal: timeoutSignal(15_000) },
      );
    } catch (error) {
      await webhook.close();
      throw new TelegramStartupError(
        `setWebhook gagal (${describeTelegramError(error, options.token)}): periksa TELEGRAM_WEBHOOK_URL. / setWebhook failed.`,
      );
    }
    logger.info({ bot: me.username, port: webhook.port, path }, "telegram webhook started");
  } else {
    // A webhook left from an earlier run makes getUpdates answer 409.
    await bot.telegram
      .callApi("deleteWebhook", { drop_pending_updates: false }, { signal: timeoutSignal(15_000) })
      .catch((error: unknown) =>
        logger.warn({ error: describeTelegramError(error, options.token) }, "telegram deleteWebhook failed"),
      );
    polling = startPolling({
      telegram: bot.telegram,
      logger,
      onUpdate,
      ...(options.pollTimeoutSeconds !== undefined ? { timeoutSeconds: options.pollTimeoutSeconds } : {}),
    });
    logger.info({ bot: me.username }, "telegram polling started");
  }

  return {
    sender,
    bot: { id: me.id, username: me.username },
    ...(webhook ? { webhookPort: webhook.port } : {}),
    health() {
      if (stopping) return { connected: false, detail: "stopping" };
      // A webhook's health shows in Telegram's getWebhookInfo, not here: listening is all we know.
      if (!polling) return { connected: true };
      const { reconnects } = polling;
      return polling.connected
        ? { connected: true, reconnects }
        : { connected: false, detail: polling.lastError ?? "getUpdates failed", reconnects };
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      await polling?.stop();
      await webhook?.close();
      // Messages already taken finish in the runner (a webhook request whose connection dropped, too).
      await inFlight.idle();
      // Replies already queued go out; a stuck chat (long retry_after) does not hold the stop forever.
      await sideTasks.settle(options.stopTimeoutMs ?? 15_000);
      logger.info({ pendingSends: sideTasks.size }, "telegram stopped");
    },
  };
}
