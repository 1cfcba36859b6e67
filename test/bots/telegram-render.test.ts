// Rendering replies as Bot API calls: plain text only, buttons that fit Telegram's limits, long texts split.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CallbackCodec,
  LOCATION_BUTTON,
  MAX_CALLBACK_DATA_BYTES,
  MAX_TEXT,
  leavesReplyKeyboard,
  renderTelegram,
  splitText,
} from "../../bots/telegram-render.js";

describe("splitText", () => {
  it("keeps short texts whole and splits long ones at line breaks", () => {
    expect(splitText("halo")).toEqual(["halo"]);
    const lines = Array.from({ length: 300 }, (_, i) => `Baris ${i}: ${"x".repeat(20)}`);
    const parts = splitText(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MAX_TEXT);
      // Every part starts at the beginning of a line and ends at the end of one.
      expect(part.split("\n").every((line) => lines.includes(line))).toBe(true);
    }
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  it("splits a single huge line at spaces and never cuts an emoji in half", () => {
    const text = `${"🙂".repeat(3000)} ${"kata ".repeat(1000)}`;
    const parts = splitText(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MAX_TEXT);
      expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]/);
    }
  });

  it("loses no non-space character for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "🙂", "é"), maxLength: 12_000 }), (text) => {
        const parts = splitText(text, 500);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
        const squash = (s: string) => s.replace(/\s+/g, "");
        expect(squash(parts.join(""))).toBe(squash(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe("CallbackCodec", () => {
  it("encodes button payloads within 64 bytes and decodes them back", () => {
    const codec = new CallbackCodec();
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (questionId, value) => {
        const data = codec.encode(questionId, value);
        expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(MAX_CALLBACK_DATA_BYTES);
        expect(codec.decode(data)).toEqual({ questionId, value });
      }),
    );
    expect(codec.encode("menu", "lapor")).toBe("menu|lapor");
  });

  it("forgets the oldest long payloads beyond its capacity", () => {
    const codec = new CallbackCodec(2);
    const long = "x".repeat(70);
    const first = codec.encode("q1", long);
    codec.encode("q2", long);
    codec.encode("q3", long);
    expect(codec.decode(first)).toBeNull();
    expect(codec.decode("no separator")).toBeNull();
  });
});

describe("renderTelegram", () => {
  const codec = new CallbackCodec();

  it("sends plain text (no parse_mode) with one inline button per row", () => {
    const calls = renderTelegram(
      {
        text: "Pilih <b>jenis</b> *laporan*",
        questionId: "type",
        options: [
          { value: "pengaduan", label: "Pengaduan" },
          { value: "aspirasi", label: "Aspirasi" },
        ],
      },
      codec,
    );
    expect(calls).toEqual([
      {
        method: "sendMessage",
        text: "Pilih <b>jenis</b> *laporan*",
        reply_markup: {
          inline_keyboard: [
            [{ text: "Pengaduan", callback_data: "type|pengaduan" }],
            [{ text: "Aspirasi", callback_data: "type|aspirasi" }],
          ],
        },
      },
    ]);
    expect(JSON.stringify(calls)).not.toContain("parse_mode");
  });

  it("asks for a location with a one-time reply keyboard, options as typed buttons", () => {
    const [call] = renderTelegram(
      {
        text: "Di mana lokasinya?",
        requestLocation: true,
        options: [{ value: "lewati", label: "Lewati" }],
        questionId: "location",
      },
      codec,
    );
    expect(call?.reply_markup).toEqual({
      keyboard: [[{ text: LOCATION_BUTTON, request_location: true }], [{ text: "Lewati" }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    expect(leavesReplyKeyboard(call ? [call] : [], false)).toBe(true);
    // The next plain message takes the keyboard away.
    const [next] = renderTelegram({ text: "Terima kasih." }, codec, { replyKeyboardOpen: true });
    expect(next?.reply_markup).toEqual({ remove_keyboard: true });
  });

  it("puts a short text as the photo caption, a long one before it, and buttons on the last call", () => {
    const photo = { data: Buffer.from("png"), fileName: "grafik.png", mimeType: "image/png" };
    const document = { data: Buffer.from("a,b"), fileName: "laporan.csv", mimeType: "text/csv" };
    const short = renderTelegram({ text: "Grafik", photo, documents: [document] }, codec);
    expect(short.map((call) => call.method)).toEqual(["sendPhoto", "sendDocument"]);
    expect(short[0]).toMatchObject({ caption: "Grafik" });

    const long = renderTelegram(
      { text: "x\n".repeat(3000), photo, questionId: "q", options: [{ value: "ok", label: "OK" }] },
      codec,
    );
    expect(long.map((call) => call.method)).toEqual(["sendMessage", "sendMessage", "sendPhoto"]);
    expect(long[0]?.reply_markup).toBeUndefined();
    expect(long[2]?.reply_markup).toEqual({ inline_keyboard: [[{ text: "OK", callback_data: "q|ok" }]] });
  });
});
