// A Telegram update -> the normalized InboundMessage. Pure; the photo is only located here (which file
// to fetch) and downloaded as the message's `complete`, in the chat's turn in the runner's queue.
import type { Update } from "telegraf/types";
import type { InboundMessage, UnsupportedKind } from "./channel.js";
import type { CallbackCodec } from "./telegram-render.js";

/** getFile refuses anything larger on the public Bot API. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

interface FileRef {
  file_id: string;
  file_size?: number;
}

/** What to download for the message: a file, or the reason there is nothing we may fetch. */
export type PhotoToFetch = { fileId: string; mimeType: string; fileName?: string } | { tooLarge: true };

export interface ReadUpdate {
  /** Null for a button press that carries nothing for us (still answered). */
  message: InboundMessage | null;
  photo?: PhotoToFetch;
  /** Answered at once so the client stops its spinner, before the press is processed. */
  callbackQueryId?: string;
  /** The message whose button was pressed, and the question it asked (null when the payload is forgotten). */
  pressed?: { messageId: number; questionId: string | null };
  /** "private", "group", "supergroup" (channel posts never get here). */
  chatType?: string;
}

/** The fields we read; typegram's unions make plain property access awkward. */
interface LooseMessage {
  message_id: number;
  chat: { id: number; type: string };
  from?: { id: number; is_bot: boolean; first_name: string; last_name?: string; username?: string };
  text?: string;
  caption?: string;
  location?: { latitude: number; longitude: number };
  photo?: Array<FileRef & { width: number; height: number }>;
  document?: FileRef & { mime_type?: string; file_name?: string };
  voice?: unknown;
  audio?: unknown;
  video_note?: unknown;
  sticker?: unknown;
  video?: unknown;
  animation?: unknown;
  contact?: unknown;
  poll?: unknown;
  dice?: unknown;
}

const IMAGE_DOCUMENT = /^image\/(jpeg|png|webp)$/;

/** The largest size Telegram lets us fetch; sizes come smallest first but we do not rely on it. */
export function pickPhotoSize(
  sizes: ReadonlyArray<FileRef & { width: number; height: number }>,
  maxBytes = MAX_DOWNLOAD_BYTES,
): PhotoToFetch {
  const fitting = sizes
    .filter((size) => (size.file_size ?? 0) <= maxBytes)
    .sort((a, b) => a.width * a.height - b.width * b.height || (a.file_size ?? 0) - (b.file_size ?? 0));
  const best = fitting.at(-1);
  return best ? { fileId: best.file_id, mimeType: "image/jpeg" } : { tooLarge: true };
}

export function displayName(from: LooseMessage["from"]): string | undefined {
  if (!from) return undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return name || from.username || undefined;
}

function unsupportedKind(message: LooseMessage): UnsupportedKind | null {
  if (message.voice || message.audio) return "voice";
  if (message.sticker) return "sticker";
  if (message.video || message.video_note || message.animation) return "video";
  if (message.document) return "document";
  if (message.contact || message.poll || message.dice) return "other";
  return null;
}

/** Null for updates that are not a person talking to the bot (service messages, channel posts, other bots). */
export function readUpdate(
  update: Update,
  botId: string,
  codec: CallbackCodec,
  maxBytes = MAX_DOWNLOAD_BYTES,
): ReadUpdate | null {
  const messageId = `${botId}:${update.update_id}`;

  if ("callback_query" in update) {
    const query = update.callback_query;
    const data = "data" in query ? query.data : undefined;
    const chat = query.message?.chat;
    const chatType = chat?.type ?? "private";
    if (data === undefined || query.from.is_bot) return { callbackQueryId: query.id, message: null, chatType };
    const base = {
      channel: "telegram" as const,
      chatId: String(chat?.id ?? query.from.id),
      userId: String(query.from.id),
      messageId,
      ...(displayName(query.from) ? { displayName: displayName(query.from) } : {}),
    };
    const decoded = codec.decode(data);
    // A forgotten payload reads as a press on a question that has moved on: the dialog says so.
    const choice = decoded ?? { questionId: "(kedaluwarsa)", value: "" };
    const pressed = query.message ? { messageId: query.message.message_id, questionId: decoded?.questionId ?? null } : undefined;
    return { callbackQueryId: query.id, message: { ...base, choice }, chatType, ...(pressed ? { pressed } : {}) };
  }

  if (!("message" in update)) return null;
  const message = update.message as unknown as LooseMessage;
  if (!message.from || message.from.is_bot) return null;
  const name = displayName(message.from);
  const base: InboundMessage = {
    channel: "telegram",
    chatId: String(message.chat.id),
    userId: String(message.from.id),
    messageId,
    ...(name ? { displayName: name } : {}),
  };

  const chatType = message.chat.type;
  if (typeof message.text === "string") return { message: { ...base, text: fromDeepLink(message.text) }, chatType };
  // A venue (a place picked from the map's list) carries its location too.
  if (message.location) {
    return {
      message: { ...base, location: { latitude: message.location.latitude, longitude: message.location.longitude } },
      chatType,
    };
  }
  // The caption travels as text: a photo captioned with a tracking code belongs to that complaint.
  const withCaption: InboundMessage = message.caption ? { ...base, text: message.caption } : base;
  if (message.photo && message.photo.length > 0) {
    return { message: withCaption, photo: pickPhotoSize(message.photo, maxBytes), chatType };
  }
  // A photo sent "as a file" keeps its quality; citizens do this often, so treat it as the photo it is.
  const document = message.document;
  if (document && IMAGE_DOCUMENT.test(document.mime_type ?? "")) {
    const photo: PhotoToFetch =
      (document.file_size ?? 0) > maxBytes
        ? { tooLarge: true }
        : {
            fileId: document.file_id,
            mimeType: document.mime_type ?? "image/jpeg",
            ...(document.file_name ? { fileName: document.file_name } : {}),
          };
    return { message: withCaption, photo, chatType };
  }
  const kind = unsupportedKind(message);
  return kind ? { message: { ...base, unsupported: kind }, chatType } : null;
}

/**
 * `t.me/<bot>?start=LPR-XXXXXXXX` arrives as "/start LPR-XXXXXXXX": the reporter asks for that
 * complaint's status (which /status shows to its reporter only); `kel-<name>` starts a report in that
 * kelurahan. Other payloads stay a plain /start.
 */
export function fromDeepLink(text: string): string {
  const match = /^\/start(?:@\w+)?\s+(lpr-[0-9a-z]{8})\s*$/i.exec(text.trim());
  if (match?.[1]) return `/status ${match[1].toUpperCase()}`;
  // `?start=kel-sukajadi` (a kelurahan's poster): a new report with that kelurahan filled in.
  const place = /^\/start(?:@\w+)?\s+(kel-[A-Za-z0-9_-]{1,60})\s*$/.exec(text.trim());
  return place?.[1] ? `/lapor ${place[1]}` : text;
}
