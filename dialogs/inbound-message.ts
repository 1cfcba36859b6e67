// The normalized inbound message every channel adapter produces, and the handler contract of the
// runner that consumes it. Adapters import these through bots/channel.ts; imports point down only.
import type { ChannelName, OutboundMessage } from "../complaints/push-message.js";

/** A fetched photo, or the reason it could not be fetched. */
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
  /**
   * The platform's slow part (fetch the photo, look up the phone, note the service window), awaited
   * first inside the chat's turn: it keeps the chat's order and never runs for a message flood control
   * drops. Never rejects: a failed download comes back as `photo: { ok: false, ... }`.
   */
  complete?: () => Promise<InboundDetails>;
}

/** What `complete` adds to the message. */
export interface InboundDetails {
  photo?: InboundPhoto;
  phone?: string;
}

/** The message with what its `complete` fetched (the runner calls this inside the chat's turn). */
export async function completeInbound(message: InboundMessage): Promise<InboundMessage> {
  const { complete, ...known } = message;
  return complete ? { ...known, ...(await complete()) } : message;
}

/**
 * Handles one inbound message (its `complete` included) in the chat's queue and returns the replies for
 * the same chat. One chat's calls resolve in the order they were made, so a caller that hands each
 * call's replies to its sender as soon as it resolves keeps the chat's order.
 */
export interface MessageHandler {
  handle(message: InboundMessage): Promise<OutboundMessage[]>;
}
