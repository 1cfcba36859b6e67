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

export interface ComplaintScript {
  description: string;
  /** Open the form from the menu's "Buat laporan" button instead of /lapor. */
  fromMenu?: boolean;
  /** The answer to the agency question, typed (default "1": the suggestion, or the first of the top three). */
  agency?: string;
  location?: string;
  date?: string;
  photo?: Buffer;
  privacy?: "Biasa" | "Rahasia" | "Anonim";
}

/** Files one pengaduan through the dialog; returns the tracking code and the last replies. */
export async function fileComplaint(
  chat: ChatDriver,
  script: ComplaintScript,
): Promise<{ code: string; replies: OutboundMessage[] }> {
  if (script.fromMenu) {
    await chat.say("/start");
    await chat.press("Buat laporan");
  } else {
    await chat.say("/lapor");
  }
  await chat.press("Pengaduan");
  await chat.say(script.description);
  await chat.say(script.agency ?? "1");
  await chat.say(script.location ?? "Jl. Merdeka No. 5, depan SDN 3");
  await chat.say(script.date ?? "kemarin");
  if (script.photo) {
    await chat.send({ photo: { ok: true, data: script.photo, mimeType: "image/jpeg" } });
    await chat.press("Lanjut");
  } else {
    await chat.press("Lewati");
  }
  await chat.press(script.privacy ?? "Biasa");
  const replies = await chat.press("Kirim");
  const code = TRACKING_CODE.exec(replies.map((reply) => reply.text).join("\n"))?.[0];
  if (!code) throw new Error(`no tracking code in: ${replies.map((reply) => reply.text).join(" | ")}`);
  return { code, replies };
}
