// Telegram updates read as InboundMessages: ids, names, buttons, pins, photos and what we decline.
import { describe, expect, it } from "vitest";
import type { Update } from "telegraf/types";
import { pickPhotoSize, readUpdate } from "../../bots/telegram-inbound.js";
import { CallbackCodec } from "../../bots/telegram-render.js";

const codec = new CallbackCodec();
const from = { id: 42, is_bot: false, first_name: "Siti", last_name: "Aminah" };

function messageUpdate(updateId: number, content: Record<string, unknown>, chat = { id: 42, type: "private" }): Update {
  return { update_id: updateId, message: { message_id: 1, date: 0, chat, from, ...content } } as unknown as Update;
}

describe("readUpdate", () => {
  it("reads a text with a stable message id from the bot id and update id", () => {
    const read = readUpdate(messageUpdate(900, { text: "/start" }), "7001", codec);
    expect(read).toEqual({
      message: {
        channel: "telegram",
        chatId: "42",
        userId: "42",
        messageId: "7001:900",
        displayName: "Siti Aminah",
        text: "/start",
      },
      chatType: "private",
    });
    // The same update read again (a redelivery) gets the same id.
    expect(readUpdate(messageUpdate(900, { text: "/start" }), "7001", codec)?.message?.messageId).toBe("7001:900");
  });

  it("reads a button press as a choice and keeps the query id for answering", () => {
    const update = {
      update_id: 901,
      callback_query: {
        id: "cb1",
        from,
        chat_instance: "x",
        data: codec.encode("type", "aspirasi"),
        message: { message_id: 5, date: 0, chat: { id: -100, type: "group" } },
      },
    } as unknown as Update;
    expect(readUpdate(update, "7001", codec)).toEqual({
      callbackQueryId: "cb1",
      message: {
        channel: "telegram",
        chatId: "-100",
        userId: "42",
        messageId: "7001:901",
        displayName: "Siti Aminah",
        choice: { questionId: "type", value: "aspirasi" },
      },
      chatType: "group",
      pressed: { messageId: 5, questionId: "type" },
    });
  });

  it("turns a forgotten button payload into a stale choice, and a press without data into nothing to handle", () => {
    const stale = {
      update_id: 902,
      callback_query: { id: "cb2", from, chat_instance: "x", data: "~unknown" },
    } as unknown as Update;
    expect(readUpdate(stale, "7001", codec)?.message?.choice?.value).toBe("");
    const game = {
      update_id: 903,
      callback_query: { id: "cb3", from, chat_instance: "x", game_short_name: "g" },
    } as unknown as Update;
    expect(readUpdate(game, "7001", codec)).toEqual({ callbackQueryId: "cb3", message: null, chatType: "private" });
  });

  it("reads a t.me deep link with a tracking code as the status request of that complaint", () => {
    const read = (text: string) => readUpdate(messageUpdate(904, { text }), "7001", codec)?.message?.text;
    expect(read("/start lpr-7k3m9qxa")).toBe("/status LPR-7K3M9QXA");
    expect(read("/start LPR-7K3M9QXA")).toBe("/status LPR-7K3M9QXA");
    expect(read("/start")).toBe("/start");
    expect(read("/start kel-sukajadi")).toBe("/lapor kel-sukajadi");
    expect(read("/start promo2026")).toBe("/start promo2026");
    // Only the whole payload counts: a code inside other text is not a deep link.
    expect(read("/start LPR-7K3M9QXA tolong")).toBe("/start LPR-7K3M9QXA tolong");
  });

  it("reads location pins and venues, photos and image documents", () => {
    expect(
      readUpdate(messageUpdate(1, { location: { latitude: -6.9, longitude: 107.6 } }), "1", codec)?.message?.location,
    ).toEqual({
      latitude: -6.9,
      longitude: 107.6,
    });
    expect(
      readUpdate(
        messageUpdate(2, { venue: { title: "Alun-alun", address: "Jl. Asia Afrika" }, location: { latitude: 1, longitude: 2 } }),
        "1",
        codec,
      )?.message?.location,
    ).toEqual({ latitude: 1, longitude: 2 });
    const photo = readUpdate(
      messageUpdate(3, {
        photo: [
          { file_id: "small", width: 90, height: 90, file_size: 1000 },
          { file_id: "big", width: 1280, height: 960, file_size: 200_000 },
        ],
      }),
      "1",
      codec,
    );
    expect(photo?.photo).toEqual({ fileId: "big", mimeType: "image/jpeg" });
    const captioned = readUpdate(
      messageUpdate(8, { photo: [{ file_id: "p", width: 9, height: 9 }], caption: "LPR-ABCDEFGH" }),
      "1",
      codec,
    );
    expect(captioned?.message?.text).toBe("LPR-ABCDEFGH");
    const doc = readUpdate(
      messageUpdate(4, { document: { file_id: "d", mime_type: "image/png", file_name: "jalan.png", file_size: 10 } }),
      "1",
      codec,
    );
    expect(doc?.photo).toEqual({ fileId: "d", mimeType: "image/png", fileName: "jalan.png" });
  });

  it("marks voice notes, stickers, videos and other documents unsupported and ignores service messages and bots", () => {
    const kind = (content: Record<string, unknown>) => readUpdate(messageUpdate(5, content), "1", codec)?.message?.unsupported;
    expect(kind({ voice: { file_id: "v" } })).toBe("voice");
    expect(kind({ sticker: { file_id: "s" } })).toBe("sticker");
    expect(kind({ video: { file_id: "v" } })).toBe("video");
    expect(kind({ document: { file_id: "d", mime_type: "application/pdf" } })).toBe("document");
    expect(kind({ contact: { phone_number: "1" } })).toBe("other");
    expect(readUpdate(messageUpdate(6, { new_chat_members: [from] }), "1", codec)).toBeNull();
    const fromBot = {
      update_id: 7,
      message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, from: { ...from, is_bot: true }, text: "hi" },
    } as unknown as Update;
    expect(readUpdate(fromBot, "1", codec)).toBeNull();
  });
});

describe("pickPhotoSize", () => {
  it("takes the largest size under the limit, or reports the photo too large", () => {
    const sizes = [
      { file_id: "a", width: 90, height: 90, file_size: 5 },
      { file_id: "b", width: 800, height: 600, file_size: 50 },
      { file_id: "c", width: 4000, height: 3000, file_size: 500 },
    ];
    expect(pickPhotoSize(sizes, 100)).toEqual({ fileId: "b", mimeType: "image/jpeg" });
    expect(pickPhotoSize(sizes, 1)).toEqual({ tooLarge: true });
  });
});
