// OutboundMessage -> the Bot API calls that show it. Pure. Text is always sent without parse_mode, so
// whatever a citizen typed (echoed back in summaries and staff notices) can never turn into markup.
import { createHash } from "node:crypto";
import type { OutboundFile, OutboundMessage, OutboundOption } from "./channel.js";

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;
export const MAX_CALLBACK_DATA_BYTES = 64;
export const LOCATION_BUTTON = "Kirim lokasi";

export interface InlineButton {
  text: string;
  callback_data: string;
}

export interface ReplyButton {
  text: string;
  request_location?: boolean;
}

export type ReplyMarkup =
  | { inline_keyboard: InlineButton[][] }
  | { keyboard: ReplyButton[][]; one_time_keyboard: boolean; resize_keyboard: boolean }
  | { remove_keyboard: true };

export type TelegramCall =
  | { method: "sendMessage"; text: string; reply_markup?: ReplyMarkup }
  | { method: "sendPhoto"; photo: OutboundFile; caption?: string; reply_markup?: ReplyMarkup }
  | { method: "sendDocument"; document: OutboundFile; reply_markup?: ReplyMarkup };

/** Splits at line breaks; a single line longer than the limit is split at a space, or hard as a last resort. */
export function splitText(text: string, limit = MAX_TEXT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") parts.push(current.replace(/\n+$/, ""));
    current = "";
  };
  for (const line of text.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      let cut = rest.lastIndexOf(" ", limit);
      if (cut <= 0) cut = limit;
      // Never cut a surrogate pair (emoji) in half.
      const code = rest.charCodeAt(cut - 1);
      if (cut === limit && code >= 0xd800 && code <= 0xdbff) cut -= 1;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, "");
    }
    current = rest;
  }
  flush();
  return parts;
}

/**
 * Button payloads: `${questionId}|${value}` when it fits Telegram's 64 bytes. Longer ones get a short
 * hash kept in a bounded in-memory table; a press that outlives the table reads as a stale button.
 */
export class CallbackCodec {
  private readonly long = new Map<string, { questionId: string; value: string }>();

  constructor(private readonly capacity = 5000) {}

  encode(questionId: string, value: string): string {
    const plain = `${questionId}|${value}`;
    if (Buffer.byteLength(plain, "utf8") <= MAX_CALLBACK_DATA_BYTES && !questionId.includes("|") && !plain.startsWith("~")) {
      return plain;
    }
    const key = `~${createHash("sha256").update(plain).digest("base64url").slice(0, 22)}`;
    this.long.delete(key);
    this.long.set(key, { questionId, value });
    if (this.long.size > this.capacity) {
      const oldest = this.long.keys().next().value;
      if (oldest !== undefined) this.long.delete(oldest);
    }
    return key;
  }

  /** Null when the payload is not ours or has been forgotten. */
  decode(data: string): { questionId: string; value: string } | null {
    if (data.startsWith("~")) return this.long.get(data) ?? null;
    const bar = data.indexOf("|");
    if (bar < 0) return null;
    return { questionId: data.slice(0, bar), value: data.slice(bar + 1) };
  }
}

function inlineKeyboard(options: readonly OutboundOption[], questionId: string, codec: CallbackCodec): ReplyMarkup {
  return {
    inline_keyboard: options.map((option) => [{ text: option.label, callback_data: codec.encode(questionId, option.value) }]),
  };
}

/** Options without a question id (or next to a location request) become typed replies: their label is matched like typing. */
function replyKeyboard(options: readonly OutboundOption[], requestLocation: boolean): ReplyMarkup {
  const rows: ReplyButton[][] = requestLocation ? [[{ text: LOCATION_BUTTON, request_location: true }]] : [];
  rows.push(...options.map((option) => [{ text: option.label }]));
  return { keyboard: rows, one_time_keyboard: true, resize_keyboard: true };
}

export interface RenderState {
  /** A reply keyboard from an earlier message is still on screen: the next plain message removes it. */
  replyKeyboardOpen: boolean;
}

export function renderTelegram(
  message: OutboundMessage,
  codec: CallbackCodec,
  state: RenderState = { replyKeyboardOpen: false },
): TelegramCall[] {
  const options = message.options ?? [];
  let markup: ReplyMarkup | undefined;
  if (message.requestLocation) markup = replyKeyboard(options, true);
  else if (options.length > 0 && message.questionId) markup = inlineKeyboard(options, message.questionId, codec);
  else if (options.length > 0) markup = replyKeyboard(options, false);
  else if (state.replyKeyboardOpen) markup = { remove_keyboard: true };

  const calls: TelegramCall[] = [];
  const text = message.text.trim() === "" ? "" : message.text;
  const captionFits = message.photo !== undefined && text.length <= MAX_CAPTION;
  if (text !== "" && !captionFits) {
    for (const part of splitText(text)) calls.push({ method: "sendMessage", text: part });
  }
  if (message.photo) {
    calls.push({ method: "sendPhoto", photo: message.photo, ...(captionFits && text !== "" ? { caption: text } : {}) });
  }
  for (const document of message.documents ?? []) calls.push({ method: "sendDocument", document });
  // Buttons travel with the last part so they sit under everything the message says.
  const last = calls.at(-1);
  if (last && markup) last.reply_markup = markup;
  return calls;
}

/** Whether a reply keyboard stays on screen after these calls (one_time hides it only once pressed). */
export function leavesReplyKeyboard(calls: readonly TelegramCall[], before: boolean): boolean {
  let open = before;
  for (const call of calls) {
    if (!call.reply_markup) continue;
    if ("keyboard" in call.reply_markup) open = true;
    else if ("remove_keyboard" in call.reply_markup) open = false;
  }
  return open;
}
