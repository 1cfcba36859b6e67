// The normalized message shapes every channel adapter translates to and from.
// Types only: dialogs/ and complaints/ depend on this, never on a platform library.

export type ChannelName = "telegram" | "whatsapp" | "terminal";

export const CHANNEL_NAMES: readonly ChannelName[] = ["telegram", "whatsapp", "terminal"];

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

export interface OutboundOption {
  value: string;
  label: string;
}

export interface OutboundFile {
  data: Buffer;
  fileName: string;
  mimeType: string;
}

export interface OutboundMessage {
  text: string;
  /** Choices: buttons on Telegram, a numbered list on WhatsApp and the terminal. */
  options?: OutboundOption[];
  /** Identifies the question the options answer, so a stale button press can be recognised. */
  questionId?: string;
  /** Ask the platform for a location-sharing button (Telegram reply keyboard). */
  requestLocation?: boolean;
  photo?: OutboundFile;
  documents?: OutboundFile[];
}

/** Handles one inbound message and returns the replies for the same chat, in order. */
export interface MessageHandler {
  handle(message: InboundMessage): Promise<OutboundMessage[]>;
}

export type SendResult =
  | { ok: true }
  /** permanent: blocked by the user, chat not found; otherwise retried (after retryAfterMs if given). */
  | { ok: false; permanent: boolean; error: string; retryAfterMs?: number };

/** Pushes a message into a chat outside a reply (outbox deliveries: status changes, staff notices). */
export interface ChannelSender {
  readonly channel: ChannelName;
  send(chatId: string, message: OutboundMessage): Promise<SendResult>;
}

/** A started channel: its sender for the outbox, and a graceful stop. */
export interface RunningChannel {
  readonly sender: ChannelSender;
  stop(): Promise<void>;
}
