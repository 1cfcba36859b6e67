// Our Telegram adapter on the local Bot API emulator, with the sender's pacing and backoff shortened for tests.
import pino from "pino";
import type { MessageHandler } from "../../bots/channel.js";
import { startTelegram, type TelegramChannel, type TelegramOptions } from "../../bots/telegram-adapter.js";
import type { BotApiEmulator } from "./bot-api-emulator.js";

export function startTestTelegram(
  emulator: BotApiEmulator,
  handler: MessageHandler,
  extra: Partial<TelegramOptions> = {},
): Promise<TelegramChannel> {
  return startTelegram({
    token: emulator.token,
    apiRoot: emulator.apiRoot,
    handler,
    logger: pino({ level: "silent" }),
    sender: { perChatIntervalMs: 5, backoffBaseMs: 10 },
    ...extra,
  });
}
