// The normalized message shapes every channel adapter translates to and from (types only).
// Inbound shapes and the handler contract belong to the runner (dialogs/inbound-message.ts), outbound
// shapes to the outbox (complaints/push-message.ts); adapters import all of them from here.
import type { ChannelSender } from "../complaints/push-message.js";

export type {
  ChannelName,
  ChannelSender,
  DeliveryContext,
  OutboundFile,
  OutboundMessage,
  OutboundOption,
  SendResult,
} from "../complaints/push-message.js";
export { CHANNEL_NAMES } from "../complaints/push-message.js";
export type {
  InboundDetails,
  InboundLocation,
  InboundMessage,
  InboundPhoto,
  MessageHandler,
  UnsupportedKind,
} from "../dialogs/inbound-message.js";

/** Whether a channel can currently receive and send (for /readyz); `detail` says why not. */
export interface ChannelHealth {
  connected: boolean;
  detail?: string;
  /** Times this channel recovered its connection since it started (counted into /metrics). */
  reconnects?: number;
}

/** A started channel: its sender for the outbox, a graceful stop, and (optionally) its health. */
export interface RunningChannel {
  readonly sender: ChannelSender;
  stop(): Promise<void>;
  /** Absent: connected whenever it runs (the terminal). */
  health?(): ChannelHealth;
}
