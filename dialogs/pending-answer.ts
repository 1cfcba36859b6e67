// Plain replies to what staff asked the citizen, so nobody has to remember "/jawab KODE" or "/nilai":
// - an officer's question (/tanya): the reply is the answer (a message that starts a new report is
//   first asked about: the dialog's answerOrNew question); a photo is attached to that complaint;
// - the SELESAI message: "4" or "empat" rates it, "sudah beres" / "belum beres" (or 1 / 2 once rated)
//   answers "sudah beres?", as the buttons do on Telegram.
// Used only at the menu, on the command path (inside the message's Prisma transaction).
import type { OutboundMessage } from "../complaints/push-message.js";
import { citizenActor, type LifecycleService } from "../complaints/lifecycle-service.js";
import type { Db } from "../db/database.js";
import { readAnswerWord, readFixedAnswer, readRating } from "../nlp/answer-words.js";
import type { InboundMessage, InboundPhoto } from "./inbound-message.js";
import { CITIZEN_CONFIRM } from "./citizen-commands-copy.js";
import { addComplaintPhoto, confirmFixed, rateComplaint } from "./citizen-feedback.js";

export interface CitizenReplies {
  /** Code of the complaint whose officer question waits for this citizen, or null. */
  pendingQuestion(db: Db, message: InboundMessage): Promise<string | null>;
  /** Hands the text to the officer who asked. */
  answer(db: Db, message: InboundMessage, code: string, text: string): Promise<OutboundMessage[]>;
  /** A photo sent while an officer waits: attached to that complaint, its caption (if any) the answer. */
  photo(
    db: Db,
    message: InboundMessage,
    code: string,
    photo: Extract<InboundPhoto, { ok: true }>,
    caption: string,
  ): Promise<OutboundMessage[]>;
  /**
   * A typed rating or "sudah / belum beres" after SELESAI: the replies; otherwise the code of a finished
   * complaint still waiting for the citizen (the text may respond to its answer), or null.
   */
  feedback(db: Db, message: InboundMessage, text: string): Promise<{ replies: OutboundMessage[] } | { waiting: string } | null>;
}

const say = (text: string): OutboundMessage[] => [{ text }];

/** "iya" / "gak" in reply to "sudah beres?", the last question the SELESAI message asked. */
function yesOrNo(text: string): boolean | null {
  const word = readAnswerWord(text);
  return word === "yes" ? true : word === "no" ? false : null;
}

export function createCitizenReplies(lifecycle: LifecycleService): CitizenReplies {
  return {
    pendingQuestion: (db, message) => lifecycle.awaitingAnswer(db, citizenActor(message.channel, message.userId)),

    async answer(db, message, code, text) {
      const result = await lifecycle.answer(db, citizenActor(message.channel, message.userId), code, text);
      return say(result.ok ? CITIZEN_CONFIRM.answered(result.code) : result.message);
    },

    async photo(db, message, code, photo, caption) {
      const actor = citizenActor(message.channel, message.userId);
      const added = await addComplaintPhoto(lifecycle, db, actor, code, photo);
      if (!added.ok) return added.replies;
      if (caption.trim() === "") return say(CITIZEN_CONFIRM.photoAdded(added.code));
      const answered = await lifecycle.answer(db, actor, code, caption.trim());
      return say(answered.ok ? CITIZEN_CONFIRM.answered(answered.code) : answered.message);
    },

    async feedback(db, message, typed) {
      const text = typed.trim();
      if (text === "" || text.startsWith("/")) return null;
      const actor = citizenActor(message.channel, message.userId);
      const waiting = await lifecycle.awaitingFeedback(db, actor);
      if (!waiting) return null;
      // The rating is asked first, so a lone number rates; once rated, 1 and 2 are the two options of "sudah beres?".
      const rating = waiting.rating ? readRating(text) : null;
      if (rating !== null) return { replies: await rateComplaint(lifecycle, db, actor, waiting.code, rating) };
      if (!waiting.fixed) return { waiting: waiting.code };
      const fixed = readFixedAnswer(text) ?? (waiting.rating ? null : ({ "1": true, "2": false }[text] ?? null)) ?? yesOrNo(text);
      return fixed === null
        ? { waiting: waiting.code }
        : { replies: await confirmFixed(lifecycle, db, actor, waiting.code, fixed) };
    },
  };
}
