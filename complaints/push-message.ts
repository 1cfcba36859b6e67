// What is pushed into a chat (replies, outbox notifications) and the sender contract of a channel.
// Defined here, at the lifecycle layer, because the outbox stores and delivers these; the channel
// adapters (bots/) implement the sender and re-export the types through bots/channel.ts.

export type ChannelName = "telegram" | "whatsapp" | "terminal";

export const CHANNEL_NAMES: readonly ChannelName[] = ["telegram", "whatsapp", "terminal"];

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

export type SendResult =
  | { ok: true }
  /** permanent: blocked by the user, chat not found; otherwise retried (after retryAfterMs if given). */
  | { ok: false; permanent: boolean; error: string; retryAfterMs?: number };

/** Pushes a message into a chat outside a reply (outbox deliveries: status changes, staff notices). */
export interface ChannelSender {
  readonly channel: ChannelName;
  /** When set, the only chats this sender can reach now (a terminal session reaches the person typing); rows for others stay pending. */
  readonly reachableChats?: readonly string[];
  send(chatId: string, message: OutboundMessage): Promise<SendResult>;
}
