// A stand-in for the runner in channel tests: records every InboundMessage and answers with `reply`.
import type { InboundMessage, MessageHandler, OutboundMessage } from "../../bots/channel.js";

export function recordingHandler(reply: (message: InboundMessage) => OutboundMessage[] = () => [{ text: "Diterima." }]) {
  const received: InboundMessage[] = [];
  const handler: MessageHandler = {
    async handle(message) {
      received.push(message);
      return reply(message);
    },
  };
  return { handler, received };
}
