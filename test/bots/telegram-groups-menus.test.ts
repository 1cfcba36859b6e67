// Telegram beyond the private chat: groups, command menus per scope, and buttons of questions that
// have moved on. Over real HTTP against the local Bot API emulator.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage, MessageHandler, OutboundMessage } from "../../bots/channel.js";
import { STALE_BUTTON_TOAST, type TelegramChannel, type TelegramOptions } from "../../bots/telegram-adapter.js";
import { CITIZEN_COMMANDS, COORDINATOR_COMMANDS, STAFF_COMMANDS } from "../../bots/telegram-commands.js";
import { CallbackCodec } from "../../bots/telegram-render.js";
import { BotApiEmulator, type SentMessage, type TgUser } from "../support/bot-api-emulator.js";
import { recordingHandler } from "../support/recording-handler.js";
import { startTestTelegram } from "../support/telegram-test-channel.js";

const ANI: TgUser = { id: 601, first_name: "Ani" };
const BUDI: TgUser = { id: 602, first_name: "Budi" };
const GROUP = -100555;
const STAFF_GROUP = -100777;

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

const echo = (message: InboundMessage): OutboundMessage[] => [{ text: `ok ${message.text ?? ""}` }];

async function start(handler: MessageHandler, extra: Partial<TelegramOptions> = {}): Promise<TelegramChannel> {
  channel = await startTestTelegram(emulator, handler, extra);
  return channel;
}

describe("group chats", () => {
  it("a group gets one short message asking to chat privately; nothing reaches the dialog", async () => {
    const { handler, received } = recordingHandler(echo);
    await start(handler);
    emulator.text(ANI, "/lapor", GROUP);
    emulator.text(BUDI, "mau lapor jalan rusak di rt 3", GROUP);
    const [notice] = await emulator.waitForSent(GROUP, 1);
    expect(notice?.text).toContain("chat pribadi");
    expect(notice?.text).toContain(`https://t.me/${channel?.bot.username}`);
    // A private message after both group messages: once it is answered, the group messages were handled.
    emulator.text(ANI, "halo");
    await emulator.waitForSent(ANI.id, 1);
    expect(emulator.sentTo(GROUP)).toHaveLength(1);
    expect(received.map((message) => message.chatId)).toEqual([String(ANI.id)]);
  });

  it("the configured staff group is served like a chat", async () => {
    const { handler, received } = recordingHandler(echo);
    await start(handler, { staffGroupId: String(STAFF_GROUP) });
    emulator.text(ANI, "/antrian", STAFF_GROUP);
    const [reply] = await emulator.waitForSent(STAFF_GROUP, 1);
    expect(reply?.text).toBe("ok /antrian");
    expect(received[0]).toMatchObject({ chatId: String(STAFF_GROUP), userId: String(ANI.id) });
  });
});

describe("command menus", () => {
  it("citizens get the default menu; each registered staff member gets the staff menu in their own chat", async () => {
    await start(recordingHandler(echo).handler, {
      staffMembers: async () => [
        { chatId: "7001", coordinator: false },
        { chatId: "7002", coordinator: true },
      ],
    });
    await emulator.waitFor(() => emulator.callsOf("setMyCommands").length >= 3, 10_000, "three setMyCommands");
    const calls = emulator.callsOf("setMyCommands").map((call) => call.payload);
    expect(calls[0]).toEqual({ commands: CITIZEN_COMMANDS });
    expect(calls[1]).toEqual({ commands: STAFF_COMMANDS, scope: { type: "chat", chat_id: "7001" } });
    expect(calls[2]).toEqual({ commands: COORDINATOR_COMMANDS, scope: { type: "chat", chat_id: "7002" } });
    const coordinatorWords = COORDINATOR_COMMANDS.map((command) => command.command);
    expect(coordinatorWords).toEqual(expect.arrayContaining(["antrian", "laporan", "staf", "bantuan"]));
    expect(STAFF_COMMANDS.map((command) => command.command)).not.toContain("staf");
    // Telegram's own rules for a menu entry.
    for (const { command, description } of COORDINATOR_COMMANDS) {
      expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(description.length).toBeLessThanOrEqual(256);
    }
  });
});

describe("buttons of an earlier question", () => {
  const question = (text: string): OutboundMessage => ({
    text,
    questionId: "type",
    options: [
      { value: "pengaduan", label: "Pengaduan" },
      { value: "aspirasi", label: "Aspirasi" },
    ],
  });
  const dataOf = (message: SentMessage | undefined, index: number): string => {
    const keyboard = message?.replyMarkup?.inline_keyboard as Array<Array<{ callback_data: string }>> | undefined;
    const data = keyboard?.[index]?.[0]?.callback_data;
    if (!data) throw new Error("no button");
    return data;
  };

  it("a press on a superseded keyboard gets a toast; every pressed keyboard is removed", async () => {
    const { handler, received } = recordingHandler((message) =>
      message.choice ? [{ text: "Terima kasih." }] : [question(`Jenis laporan? (${message.text ?? ""})`)],
    );
    await start(handler);
    emulator.text(ANI, "satu");
    const [first] = await emulator.waitForSent(ANI.id, 1);
    emulator.text(ANI, "dua"); // the question is asked again: the first keyboard is now an old one
    const [, second] = await emulator.waitForSent(ANI.id, 2);

    emulator.callback(ANI, dataOf(first, 0), first?.messageId);
    await emulator.waitForSent(ANI.id, 3);
    emulator.callback(ANI, dataOf(second, 1), second?.messageId);
    await emulator.waitForSent(ANI.id, 4);
    await emulator.waitFor(() => emulator.callsOf("editMessageReplyMarkup").length >= 2, 10_000, "two keyboard edits");

    const answers = emulator.callsOf("answerCallbackQuery").map((call) => call.payload);
    expect(answers[0]?.text).toBe(STALE_BUTTON_TOAST);
    expect(answers[1]?.text).toBeUndefined();
    const edits = emulator.callsOf("editMessageReplyMarkup").map((call) => call.payload);
    expect(edits).toEqual([
      { chat_id: String(ANI.id), message_id: first?.messageId, reply_markup: { inline_keyboard: [] } },
      { chat_id: String(ANI.id), message_id: second?.messageId, reply_markup: { inline_keyboard: [] } },
    ]);
    // The dialog still decides what a press means: both reached it.
    expect(received.filter((message) => message.choice).map((message) => message.choice?.value)).toEqual([
      "pengaduan",
      "aspirasi",
    ]);
  });

  it("a press whose payload was forgotten (after a restart) gets the toast too", async () => {
    await start(recordingHandler(() => [{ text: "Pilihan itu untuk pertanyaan sebelumnya." }]).handler);
    const forgotten = new CallbackCodec().encode("type", "x".repeat(80));
    emulator.callback(ANI, forgotten, 77);
    await emulator.waitForSent(ANI.id, 1);
    expect(emulator.callsOf("answerCallbackQuery")[0]?.payload.text).toBe(STALE_BUTTON_TOAST);
  });
});
