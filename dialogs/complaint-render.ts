// Turns the effects of one dialog step into the reply the citizen reads: notices first, then
// the question of the state the dialog rests in, with its options.
import type { OutboundMessage } from "../complaints/push-message.js";
import type { ComplaintContext } from "./complaint-context.js";
import { NOTICES, alreadyFiledNotice, filedNotice, filedPrivacyNotice, questionText } from "./complaint-copy.js";
import type { DialogEffect } from "./dialog-effects.js";
import { questionOptions, type AgencyNames, type QuestionId } from "./complaint-questions.js";

export interface RenderInput {
  effects: readonly DialogEffect[];
  context: ComplaintContext;
  /** The question the dialog rests on after the step. */
  current: QuestionId;
  names: AgencyNames;
  routeWorkingDays: number;
  /** What filing stored, when this step filed a complaint. */
  filed?: { trackingCode: string; assignedAgency: string | null };
}

export function renderQuestion(question: QuestionId, context: ComplaintContext, names: AgencyNames): OutboundMessage {
  const options = questionOptions(question, context, names);
  return {
    text: questionText(question, context, names),
    ...(options.length > 0 ? { options, questionId: question } : {}),
    ...(question === "location" ? { requestLocation: true } : {}),
  };
}

/** One message per step keeps chats calm and within channel rate limits. */
export function renderStep(input: RenderInput): OutboundMessage[] {
  const texts: string[] = [];
  let question: OutboundMessage | undefined;
  for (const effect of input.effects) {
    if (effect.type === "say") {
      const filedCode = input.context.lastFiledCode ?? "";
      if (effect.notice === "alreadyFiled") texts.push(alreadyFiledNotice(filedCode));
      else if (effect.notice === "filedPrivacyUnchanged") texts.push(filedPrivacyNotice(filedCode));
      else if (effect.notice !== "filed") texts.push(NOTICES[effect.notice]);
    } else if (effect.type === "fileComplaint" && input.filed) {
      texts.push(filedNotice(input.filed.trackingCode, input.filed.assignedAgency, input.routeWorkingDays, input.names));
    } else if (effect.type === "ask") {
      question = renderQuestion(effect.question, input.context, input.names);
    } else if (effect.type === "askCurrent") {
      question = renderQuestion(input.current, input.context, input.names);
    }
  }
  if (question) texts.push(question.text);
  if (texts.length === 0) return [];
  return [{ ...question, text: texts.join("\n\n") }];
}
