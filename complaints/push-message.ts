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
  /**
   * platformMessageIds: what the platform calls the sent message (WhatsApp Cloud API wamid), so its
   * delivery receipts find the outbox row. held: only a notice went out (a closed 24-hour window);
   * the message itself waits until the recipient writes again.
   */
  | { ok: true; platformMessageIds?: string[]; held?: boolean }
  /** permanent: blocked by the user, chat not found; otherwise retried (after retryAfterMs if given). */
  | { ok: false; permanent: boolean; error: string; retryAfterMs?: number; code?: string };

/** What the outbox knows about a push, for channels that may only send free text for a while. */
export interface DeliveryContext {
  /** When the recipient last wrote to us on this channel; null when never or not known. */
  lastInboundAt: Date | null;
  /** The complaint the push is about: its code and current status fill a template notice. */
  complaint: { trackingCode: string; statusLabel: string } | null;
  /** The platform already refused free text for this push (window closed): send the notice. */
  windowClosed: boolean;
}

/** Pushes a message into a chat outside a reply (outbox deliveries: status changes, staff notices). */
export interface ChannelSender {
  readonly channel: ChannelName;
  /** When set, the only chats this sender can reach now (a terminal session reaches the person typing); rows for others stay pending. */
  readonly reachableChats?: readonly string[];
  /** The outbox looks up a DeliveryContext for every push through this sender. */
  readonly wantsDeliveryContext?: boolean;
  send(chatId: string, message: OutboundMessage, context?: DeliveryContext): Promise<SendResult>;
}
