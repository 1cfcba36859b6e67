// One citizen message through the complaint dialog: read, transition, execute its typed effects, save.
// Over the step store (db/step-store.ts), inside the runner's transaction, so the effects and the new
// snapshot commit together and nothing else can run in between.
import type { InboundMessage } from "./inbound-message.js";
import type { OutboundMessage } from "../complaints/push-message.js";
import type { StepStore } from "../db/step-store.js";
import { fileComplaint } from "../complaints/complaint-filing.js";
import type { SlaPolicy } from "../complaints/sla.js";
import type { DialogEvent } from "./complaint-context.js";
import { complaintMachine } from "./complaint-dialog.js";
import { effectsOf } from "./dialog-effects.js";
import { NOTICES } from "./complaint-copy.js";
import { renderQuestion, renderStep } from "./complaint-render.js";
import { currentQuestion, restoreDialog, storeDialog, type RestoredDialog } from "./dialog-snapshot.js";
import type { ParsedInput } from "./parsed-input.js";
import { readInput, type InputFacts, type InputReaders } from "./dialog-input.js";
import { pureTransition } from "./pure-transition.js";

const transition = pureTransition(complaintMachine);

export interface ComplaintStepDeps {
  readers: InputReaders;
  sla: SlaPolicy;
}

export interface StepResult {
  replies: OutboundMessage[];
  /** The event the message was read as. */
  event: DialogEvent;
  filedCode?: string;
  /** The citizen asked for their complaints ("Cek status"): the runner answers with /status. */
  showOwnComplaints: boolean;
  /** The text answers an officer's question: only the command path can hand it over (see the runner). */
  officerAnswer?: { code: string; text: string };
  /** The answer is the welcome at the menu (a greeting or a word that tells nothing yet). */
  welcomed: boolean;
}

/** One message as the step sees it: parsed once, with the chat's dialog restored once by the runner. */
export interface StepInput {
  message: InboundMessage;
  input: ParsedInput;
  restored: RestoredDialog;
  now: Date;
}

/** The chat's dialog as stored. Restored from JSON every time (about 9 µs): a cache of live snapshots
 * thrashed once more chats were active than it held, and kept snapshots slowed every young-generation GC. */
export async function loadDialog(store: StepStore, message: InboundMessage): Promise<RestoredDialog> {
  return restoreDialog(await store.loadConversation({ channel: message.channel, chatId: message.chatId }));
}

export async function runComplaintStep(
  store: StepStore,
  step: StepInput,
  deps: ComplaintStepDeps,
  facts: InputFacts = {},
): Promise<StepResult> {
  const { message, input, restored, now } = step;
  const key = { channel: message.channel, chatId: message.chatId };
  const question = currentQuestion(restored.snapshot);
  const event = readInput(input, question, restored.snapshot.context, deps.readers, facts);

  const [next, actions] = transition(restored.snapshot, event);
  const effects = effectsOf(actions);
  // The writes, in the step's transaction; the replies are rendered from the same effects below.
  let filed: { trackingCode: string; assignedAgency: string | null } | undefined;
  let officerAnswer: StepResult["officerAnswer"];
  let showOwnComplaints = false;
  for (const effect of effects) {
    switch (effect.type) {
      case "fileComplaint": {
        const { draft, submissionId, trackingCode } = effect.form;
        filed = await fileComplaint(
          store,
          {
            ...draft,
            submissionId,
            trackingCode,
            reportType: draft.reportType ?? "pengaduan",
            description: draft.description ?? "",
            privacy: draft.privacy ?? "biasa",
          },
          {
            channel: message.channel,
            userId: message.userId,
            chatId: message.chatId,
            displayName: message.displayName,
            phone: message.phone,
          },
          { now, sla: deps.sla, agencyName: deps.readers.names },
        );
        break;
      }
      case "storePhoto":
        if (input.kind === "photo" && input.photo.ok) {
          await store.saveDraftPhoto(effect.attachmentId, effect.draftKey, input.photo, message.channel, now);
        }
        break;
      case "discardDraft":
        await store.discardDraftPhotos(effect.submissionId);
        break;
      case "answerOfficer":
        officerAnswer = { code: effect.code, text: effect.text };
        break;
      case "showOwnComplaints":
        showOwnComplaints = true;
        break;
      default:
        break;
    }
  }
  await store.saveConversation(key, storeDialog(next), now);

  const current = currentQuestion(next);
  let replies = renderStep({
    effects,
    context: next.context,
    current,
    names: deps.readers.names,
    routeWorkingDays: deps.sla.routeWorkingDays,
    ...(filed ? { filed } : {}),
  });
  if (replies.length === 0) replies = [renderQuestion(current, next.context, deps.readers.names)];
  if (restored.reset) replies = [{ text: NOTICES.formRestarted }, ...replies];
  return {
    replies,
    event,
    showOwnComplaints,
    welcomed: effects.some((effect) => effect.type === "say" && effect.notice === "welcome"),
    ...(filed ? { filedCode: filed.trackingCode } : {}),
    ...(officerAnswer ? { officerAnswer } : {}),
  };
}
