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
  InboundLocation,
  InboundMessage,
  InboundPhoto,
  MessageHandler,
  UnsupportedKind,
} from "../dialogs/inbound-message.js";

/** A started channel: its sender for the outbox, and a graceful stop. */
export interface RunningChannel {
  readonly sender: ChannelSender;
  stop(): Promise<void>;
}
