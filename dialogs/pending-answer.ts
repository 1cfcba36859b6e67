// When an officer asked the reporter something (/tanya), a plain reply at the menu is the answer:
// citizens should not need to remember "/jawab KODE". Used only while no form is open.
import type { OutboundMessage } from "../complaints/push-message.js";
import { citizenActor, type LifecycleService } from "../complaints/lifecycle-service.js";
import type { Db } from "../db/database.js";
import type { InboundMessage } from "./inbound-message.js";
import { CITIZEN_CONFIRM } from "./citizen-commands-copy.js";

export type MenuTextHook = (db: Db, message: InboundMessage) => Promise<OutboundMessage[] | null>;

export function createPendingAnswerHook(lifecycle: LifecycleService): MenuTextHook {
  return async (db, message) => {
    const text = message.text?.trim() ?? "";
    if (text === "" || text.startsWith("/")) return null;
    const actor = citizenActor(message.channel, message.userId);
    const code = await lifecycle.awaitingAnswer(db, actor);
    if (!code) return null;
    const result = await lifecycle.answer(db, actor, code, text);
    return [{ text: result.ok ? CITIZEN_CONFIRM.answered(result.code) : result.message }];
  };
}
