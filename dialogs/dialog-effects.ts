// The complaint machine's effects as one typed union. The pure step's named actions are read into
// these once; complaint-step.ts executes the writes and complaint-render.ts turns the rest into replies.
import type { ExecutableActionsFrom } from "xstate";
import type { complaintMachine, FileComplaintParams } from "./complaint-dialog.js";
import type { QuestionId } from "./complaint-questions.js";
import type { NoticeId } from "./complaint-copy.js";

export type DialogEffect =
  /** Reply: ask this question. */
  | { type: "ask"; question: QuestionId }
  /** Reply: ask the question the dialog rests on after the step. */
  | { type: "askCurrent" }
  /** Reply: a notice before the question. */
  | { type: "say"; notice: NoticeId }
  /** Write: file the form as a complaint, in the step's transaction. */
  | { type: "fileComplaint"; form: FileComplaintParams }
  /** Write: drop the photos kept for an abandoned form. */
  | { type: "discardDraft"; submissionId: string }
  /** Write: keep the message's photo under the form until filing. */
  | { type: "storePhoto"; attachmentId: string; draftKey: string }
  /** Command path: hand the text to the officer who asked. */
  | { type: "answerOfficer"; code: string; text: string }
  /** Command path: answer with the citizen's own complaints (/status). */
  | { type: "showOwnComplaints" };

type MachineAction = ExecutableActionsFrom<typeof complaintMachine>;

/** The effects of one transition, in order; context assignments are already in the next snapshot. */
export function effectsOf(actions: readonly MachineAction[]): DialogEffect[] {
  const effects: DialogEffect[] = [];
  for (const action of actions) {
    const params = action.params as Record<string, unknown> | undefined;
    switch (action.type) {
      case "ask":
        effects.push({ type: "ask", question: params?.question as QuestionId });
        break;
      case "askCurrent":
        effects.push({ type: "askCurrent" });
        break;
      case "say":
        effects.push({ type: "say", notice: params?.notice as NoticeId });
        break;
      case "fileComplaint":
        effects.push({ type: "fileComplaint", form: params as unknown as FileComplaintParams });
        break;
      case "discardDraft":
        effects.push({ type: "discardDraft", submissionId: params?.submissionId as string });
        break;
      case "storePhoto":
        effects.push({ type: "storePhoto", attachmentId: params?.attachmentId as string, draftKey: params?.draftKey as string });
        break;
      case "answerOfficer":
        effects.push({ type: "answerOfficer", code: params?.code as string, text: params?.text as string });
        break;
      case "showOwnComplaints":
        effects.push({ type: "showOwnComplaints" });
        break;
      default:
        break;
    }
  }
  return effects;
}
