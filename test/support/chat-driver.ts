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
  /** The agency, typed ("tidak tahu", "DLH", "1"); by default the suggestion or the first of the top three. */
  agency?: string;
  location?: string;
  date?: string;
  photo?: Buffer;
  privacy?: "Biasa" | "Rahasia" | "Anonim";
}

/** The question a reply asks: its button question id, the location request, or the description. */
export function askedQuestion(reply: OutboundMessage | undefined): string {
  if (reply?.questionId) return reply.questionId;
  return reply?.requestLocation ? "location" : "description";
}

/**
 * Files one pengaduan through the dialog as a citizen answering one thing at a time; answers only
 * what the dialog asks, then changes the agency, location and privacy through Ubah when the script
 * names them and the story did not already give them.
 */
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
  let agencyAnswered = false;
  let locationAnswered = !script.location;
  let photoSent = false;
  let privacySet = !script.privacy || script.privacy === "Biasa";
  for (let step = 0; step < 20; step += 1) {
    const last = chat.transcript.at(-1);
    const question = askedQuestion(last);
    let replies: OutboundMessage[];
    if (question === "description") replies = await chat.say(script.description);
    else if (question === "agencyPick" || question === "agency") {
      agencyAnswered = true;
      replies = await chat.say(script.agency ?? "1");
    } else if (question === "location") {
      locationAnswered = true;
      replies = await chat.say(script.location ?? "Jl. Merdeka No. 5, depan SDN 3");
    } else if (question === "date") replies = await chat.say(script.date ?? "kemarin");
    else if (question === "privacy") {
      privacySet = true;
      replies = await chat.press(script.privacy ?? "Biasa");
    } else if (question === "editPick") {
      replies = await chat.press(!agencyAnswered && script.agency ? "Instansi" : !locationAnswered ? "Lokasi" : "Kerahasiaan");
    } else if (question === "summary") {
      if (script.photo && !photoSent) {
        photoSent = true;
        replies = await chat.send({ photo: { ok: true, data: script.photo, mimeType: "image/jpeg" } });
      } else if ((!agencyAnswered && script.agency) || !locationAnswered || !privacySet) replies = await chat.press("Ubah");
      else {
        replies = await chat.press("Kirim");
        const code = TRACKING_CODE.exec(replies.map((reply) => reply.text).join("\n"))?.[0];
        if (!code) throw new Error(`no tracking code in: ${replies.map((reply) => reply.text).join(" | ")}`);
        return { code, replies };
      }
    } else throw new Error(`unexpected question ${question}: ${last?.text ?? ""}`);
    if (replies.length !== 1) throw new Error(`expected one reply, got ${replies.length}`);
  }
  throw new Error(`no summary reached: ${chat.lastText()}`);
}
