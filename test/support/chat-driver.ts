// Drives the runner as one person in one chat, the way an adapter would.
import { randomUUID } from "node:crypto";
import type { ChannelName, InboundMessage, MessageHandler, OutboundMessage } from "../../bots/channel.js";

export interface ChatDriver {
  /** Sends text; returns the replies. */
  say(text: string): Promise<OutboundMessage[]>;
  /** Presses the option whose label or value matches, on the last question asked. */
  press(labelOrValue: string): Promise<OutboundMessage[]>;
  send(extra: Partial<InboundMessage>): Promise<OutboundMessage[]>;
  /** Every reply so far, newest last. */
  readonly transcript: OutboundMessage[];
  lastText(): string;
}

export function chatDriver(
  handler: MessageHandler,
  who: { channel?: ChannelName; userId: string; displayName?: string },
): ChatDriver {
  const transcript: OutboundMessage[] = [];
  const base = { channel: who.channel ?? "terminal", chatId: who.userId, userId: who.userId, displayName: who.displayName };
  const send = async (extra: Partial<InboundMessage>) => {
    const replies = await handler.handle({ ...base, messageId: randomUUID(), ...extra } as InboundMessage);
    transcript.push(...replies);
    return replies;
  };
  return {
    transcript,
    send,
    say: (text) => send({ text }),
    press: (labelOrValue) => {
      const question = [...transcript].reverse().find((reply) => reply.options?.length);
      const option = question?.options?.find(
        (o) => o.value === labelOrValue || o.label.toLowerCase().startsWith(labelOrValue.toLowerCase()),
      );
      if (!question?.questionId || !option)
        throw new Error(`no option "${labelOrValue}" in: ${question?.text ?? "(no question)"}`);
      return send({ choice: { questionId: question.questionId, value: option.value } });
    },
    lastText: () => transcript.at(-1)?.text ?? "",
  };
}

export const TRACKING_CODE = /LPR-[0-9A-HJKMNP-TV-Z]{8}/;
