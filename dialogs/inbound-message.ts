// The normalized inbound message every channel adapter produces, and the handler contract of the
// runner that consumes it. Adapters import these through bots/channel.ts; imports point down only.
import type { ChannelName, OutboundMessage } from "../complaints/push-message.js";

/** A photo already fetched by the adapter, or the reason it could not be fetched. */
export type InboundPhoto =
  { ok: true; data: Buffer; mimeType: string; fileName?: string } | { ok: false; reason: "too_large" | "download_failed" };

export interface InboundLocation {
  latitude: number;
  longitude: number;
}

/** What the citizen sent that we do not accept (voice note, sticker, ...): answered politely. */
export type UnsupportedKind = "voice" | "sticker" | "document" | "video" | "other";

export interface InboundMessage {
  channel: ChannelName;
  /** Where replies go (Telegram chat id, WhatsApp chat id, "local" for the terminal). */
  chatId: string;
  /** Stable identity of the sender on this channel (staff are registered as `channel:userId`). */
  userId: string;
  /** Platform id of this message or update; a repeated id is dropped as a redelivery. */
  messageId: string;
  displayName?: string;
  /** Phone number when the platform reveals it (WhatsApp). */
  phone?: string;
  text?: string;
  /** A button press: the question it belonged to and the option value. */
  choice?: { questionId: string; value: string };
  photo?: InboundPhoto;
  location?: InboundLocation;
  unsupported?: UnsupportedKind;
}

/** Handles one inbound message and returns the replies for the same chat, in order. */
export interface MessageHandler {
  handle(message: InboundMessage): Promise<OutboundMessage[]>;
}
