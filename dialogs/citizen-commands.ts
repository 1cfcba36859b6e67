// Citizen commands after filing: /status, /jawab and /tanggapi, /bukakembali, /nilai, the one-tap
// answers to the SELESAI message, and a photo captioned with a code. Only the reporter can act; for
// anyone else a code reads as unknown. Returns null for everything else (the dialog answers).
import type { OutboundMessage } from "../complaints/push-message.js";
import { FIXED_QUESTION_PREFIX, RATING_QUESTION_PREFIX } from "../complaints/notification-copy.js";
import { citizenActor, type CitizenActor, type LifecycleService } from "../complaints/lifecycle-service.js";
import { findTrackingCode } from "../complaints/tracking-code.js";
import type { Db } from "../db/database.js";
import {
  CITIZEN_CONFIRM,
  citizenUsage,
  renderCitizenList,
  renderCitizenStatus,
  type CitizenUsageKey,
} from "./citizen-commands-copy.js";
import type { CommandContext, CommandHandler } from "./command-handler.js";
import { splitCode } from "./slash-command.js";
import { addComplaintPhoto, confirmFixed, rateComplaint } from "./citizen-feedback.js";

export interface CitizenCommandDeps {
  lifecycle: LifecycleService;
}

const say = (text: string): OutboundMessage[] => [{ text }];

export function createCitizenCommands(deps: CitizenCommandDeps): CommandHandler {
  const { lifecycle } = deps;

  /** "/x KODE teks": the usage line when the code or the text is missing. */
  async function withCode(
    key: CitizenUsageKey,
    args: string,
    run: (code: string, rest: string) => Promise<OutboundMessage[]>,
  ): Promise<OutboundMessage[]> {
    if (args === "") return say(citizenUsage(key));
    const { code, typed, rest } = splitCode(args);
    if (!code) return say(citizenUsage(key, `"${typed}" bukan kode laporan yang valid.`));
    if (rest === "") return say(citizenUsage(key, "Isinya belum ditulis."));
    return run(code, rest);
  }

  async function answer(db: Db, actor: CitizenActor, args: string, key: CitizenUsageKey): Promise<OutboundMessage[]> {
    return withCode(key, args, async (code, rest) => {
      const result = await lifecycle.answer(db, actor, code, rest);
      return say(result.ok ? CITIZEN_CONFIRM.answered(result.code) : result.message);
    });
  }

  async function rate(db: Db, actor: CitizenActor, code: string, value: string): Promise<OutboundMessage[]> {
    const rating = /^[1-5]$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    return rateComplaint(lifecycle, db, actor, code, rating);
  }

  async function command(db: Db, actor: CitizenActor, name: string, args: string): Promise<OutboundMessage[] | null> {
    switch (name) {
      case "status": {
        if (args === "") {
          const result = await lifecycle.citizenComplaints(db, actor);
          return say(result.ok ? renderCitizenList(result.items, result.total) : result.message);
        }
        const { code, typed } = splitCode(args);
        if (!code) return say(citizenUsage("status", `"${typed}" bukan kode laporan yang valid.`));
        const result = await lifecycle.citizenStatus(db, actor, code);
        return say(result.ok ? renderCitizenStatus(result.view) : result.message);
      }
      case "jawab":
        return answer(db, actor, args, "jawab");
      case "tanggapi":
        return answer(db, actor, args, "tanggapi");
      case "bukakembali":
        return withCode("bukakembali", args, async (code, rest) => {
          const result = await lifecycle.reopen(db, actor, code, rest);
          return say(result.ok ? CITIZEN_CONFIRM.reopened(result.code, result.responseDue) : result.message);
        });
      case "nilai":
        return withCode("nilai", args, (code, rest) => rate(db, actor, code, rest));
      default:
        return null;
    }
  }

  async function choice(db: Db, actor: CitizenActor, questionId: string, value: string): Promise<OutboundMessage[] | null> {
    if (questionId.startsWith(RATING_QUESTION_PREFIX)) {
      return rate(db, actor, questionId.slice(RATING_QUESTION_PREFIX.length), value);
    }
    if (questionId.startsWith(FIXED_QUESTION_PREFIX)) {
      const code = questionId.slice(FIXED_QUESTION_PREFIX.length);
      if (value !== "sudah" && value !== "belum") return say(CITIZEN_CONFIRM.choiceUnknown);
      return confirmFixed(lifecycle, db, actor, code, value === "sudah");
    }
    return null;
  }

  return {
    async handle(context: CommandContext): Promise<OutboundMessage[] | null> {
      const { message, db, input } = context;
      const actor = citizenActor(message.channel, message.userId);
      if (input.kind === "choice") return choice(db, actor, input.questionId, input.value);
      // A photo captioned with one of the reporter's codes belongs to that complaint, not to a new one.
      if (input.kind === "photo" && input.photo.ok) {
        const code = findTrackingCode(input.caption);
        if (!code) return null;
        const added = await addComplaintPhoto(lifecycle, db, actor, code, input.photo);
        return added.ok ? say(CITIZEN_CONFIRM.photoAdded(added.code)) : added.replies;
      }
      return input.kind === "command" ? command(db, actor, input.name, input.args) : null;
    },
  };
}
