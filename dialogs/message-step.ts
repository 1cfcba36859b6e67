// One message inside its transaction (the runner opens it): the command handlers when the input is
// theirs, the plain replies to staff at the menu, otherwise the complaint dialog. Staff are looked up
// at most once and the chat's dialog is restored once; everything reads and writes through `tx`.
import type { OutboundMessage } from "../complaints/push-message.js";
import type { Tx } from "../db/transactions.js";
import type { StaffRecord } from "../db/sql-store.js";
import type { CommandContext, CommandHandler } from "./command-handler.js";
import { NOTICES } from "./complaint-copy.js";
import { renderQuestion } from "./complaint-render.js";
import { loadDialog, runComplaintStep, type ComplaintStepDeps } from "./complaint-step.js";
import { currentQuestion, type RestoredDialog } from "./dialog-snapshot.js";
import { staffAtMenu } from "./staff-copy.js";
import type { InboundMessage } from "./inbound-message.js";
import type { ParsedInput } from "./parsed-input.js";
import type { InputFacts } from "./dialog-input.js";
import type { CitizenReplies } from "./pending-answer.js";

export interface MessageStepDeps extends ComplaintStepDeps {
  /** Asked only for registered staff, before anything else. */
  staffCommands: CommandHandler[];
  /** Asked for everyone (citizens and staff) before the complaint dialog. */
  citizenCommands: CommandHandler[];
  /** Plain replies at the menu to an officer's question or to the SELESAI message. */
  citizenReplies?: CitizenReplies;
}

/** What one step produced. */
export interface StepOutcome {
  replies: OutboundMessage[];
  /** The step may have written outbox rows (a filing, any command). */
  queued: boolean;
  filed: boolean;
}

const commanded = (replies: OutboundMessage[]): StepOutcome => ({ replies, queued: true, filed: false });

async function findStaff(tx: Tx, message: InboundMessage): Promise<StaffRecord | null> {
  const identity = `${message.channel}:${message.userId}`;
  // WhatsApp staff may be registered by phone number, since @lid ids are not known in advance.
  return await tx.store.findStaff(message.phone ? [identity, `${message.channel}:${message.phone}`] : [identity]);
}

/** Commands, buttons of pushed messages (their question ids carry a code) and captioned photos. */
function forHandlers(input: ParsedInput): boolean {
  if (input.kind === "command") return true;
  if (input.kind === "choice") return input.questionId.includes(":") || input.questionId === "answerOrNew";
  return input.kind === "photo" && /LPR/i.test(input.caption);
}

/**
 * A command typed in the middle of a form (/status, a staff command) leaves the form open: its answer
 * says so and asks the form's question again, in the same message (one answer per message).
 */
function remindOpenForm(restored: RestoredDialog, replies: OutboundMessage[], deps: MessageStepDeps): OutboundMessage[] {
  const last = replies.at(-1);
  if (!last || last.options?.length) return replies;
  const question = currentQuestion(restored.snapshot);
  if (question === "menu") return replies;
  const again = renderQuestion(question, restored.snapshot.context, deps.readers.names);
  return [...replies.slice(0, -1), { ...again, text: `${last.text}\n\n${NOTICES.formStillOpen}\n\n${again.text}` }];
}

function withStaffHint(replies: OutboundMessage[], officer: StaffRecord): OutboundMessage[] {
  const last = replies.at(-1);
  if (!last) return replies;
  return [...replies.slice(0, -1), { ...last, text: `${last.text}\n\n${staffAtMenu(officer.agencyCode)}` }];
}

/** The citizen commands' answer to /status: for "Cek status" at the menu. */
async function ownComplaints(context: CommandContext, deps: MessageStepDeps): Promise<OutboundMessage[]> {
  const asStatus: CommandContext = { ...context, input: { kind: "command", name: "status", args: "" }, staff: null };
  for (const handler of deps.citizenCommands) {
    const replies = await handler.handle(asStatus);
    if (replies) return replies;
  }
  return [];
}

export async function runMessageStep(
  tx: Tx,
  step: { message: InboundMessage; input: ParsedInput; now: Date },
  deps: MessageStepDeps,
): Promise<StepOutcome> {
  const { message, now } = step;
  const restored = await loadDialog(tx.store, message);
  // "proses LPR-… catatan" without the slash is the command when an officer types it.
  const shorthand = step.input.kind === "text" || step.input.kind === "command" ? step.input.staffShorthand : undefined;
  const staff = forHandlers(step.input) || shorthand ? await findStaff(tx, message) : null;
  const input: ParsedInput = shorthand && staff ? { kind: "command", ...shorthand } : step.input;
  const handlers = forHandlers(input);
  const context: CommandContext = { db: tx.db, message, input, identity: `${message.channel}:${message.userId}`, staff, now };
  if (handlers) {
    for (const handler of staff ? [...deps.staffCommands, ...deps.citizenCommands] : deps.citizenCommands) {
      const replies = await handler.handle(context);
      if (replies) return commanded(remindOpenForm(restored, replies, deps));
    }
  }
  const replies = deps.citizenReplies;
  const atMenu = currentQuestion(restored.snapshot) === "menu";
  // Ratings are typed for as long as the complaint may be reopened; the prefilter is generous (calendar days).
  const since = new Date(now.getTime() - (deps.sla.reopenDays * 2 + 14) * 86_400_000);
  if (replies && atMenu && input.kind === "photo" && input.photo.ok) {
    // "Kirim foto lubangnya" asked by an officer: the photo belongs to that complaint, not to a new one.
    const asked = (await tx.store.awaitsCitizenReply(message.channel, message.userId, since))
      ? await replies.pendingQuestion(tx.db, message)
      : null;
    if (asked) return commanded(await replies.photo(tx.db, message, asked, input.photo, input.caption));
  }
  const facts: InputFacts = {};
  if (replies && input.kind === "text" && atMenu) {
    if (await tx.store.awaitsCitizenReply(message.channel, message.userId, since)) {
      const feedback = await replies.feedback(tx.db, message, input.text);
      if (feedback && "replies" in feedback) return commanded(feedback.replies);
      if (feedback) facts.finishedAwaiting = feedback.waiting;
      const asked = await replies.pendingQuestion(tx.db, message);
      if (asked) facts.pendingQuestion = asked;
    }
  }
  const result = await runComplaintStep(tx.store, { message, input, restored, now }, deps, facts);
  if (result.officerAnswer && replies) {
    return commanded(await replies.answer(tx.db, message, result.officerAnswer.code, result.officerAnswer.text));
  }
  if (result.showOwnComplaints) return { replies: await ownComplaints(context, deps), queued: false, filed: false };
  if (result.welcomed) {
    // An officer greeting the bot gets the citizen menu (they may report too) and the way to their work.
    const officer = staff ?? (await findStaff(tx, message));
    if (officer) return { replies: withStaffHint(result.replies, officer), queued: false, filed: false };
  }
  const filed = result.filedCode !== undefined;
  return { replies: result.replies, queued: filed, filed };
}
