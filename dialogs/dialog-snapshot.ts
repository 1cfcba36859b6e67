// Stored dialog state: {value, context} as JSON beside a machine version. Anything unreadable or from
// another version becomes a fresh start, reported to the caller so the citizen can be told politely.
import { initialTransition, type SnapshotFrom } from "xstate";
import { z } from "zod";
import type { StoredConversation } from "../db/sql-store.js";
import { COMPLAINT_MACHINE_VERSION, complaintMachine } from "./complaint-dialog.js";
import type { QuestionId } from "./complaint-questions.js";
import { QUESTION_IDS } from "./complaint-questions.js";

export type ComplaintSnapshot = SnapshotFrom<typeof complaintMachine>;

const storedShape = z.object({
  value: z.union([z.literal("menu"), z.object({ form: z.enum(QUESTION_IDS as [QuestionId, ...QuestionId[]]) })]),
  context: z.object({
    draft: z.object({ photoIds: z.array(z.string()) }).passthrough(),
    submissionId: z.string(),
    trackingCode: z.string(),
    editing: z.boolean(),
    lastFiledCode: z.string().optional(),
  }),
});

export interface RestoredDialog {
  snapshot: ComplaintSnapshot;
  /** True when a form in progress could not be restored and was restarted. */
  reset: boolean;
}

let initial: ComplaintSnapshot | undefined;

/** The machine's initial snapshot; computed once, since snapshots are immutable. */
export function freshSnapshot(): ComplaintSnapshot {
  initial ??= initialTransition(complaintMachine)[0];
  return initial;
}

export function restoreDialog(stored: StoredConversation | null): RestoredDialog {
  if (!stored) return { snapshot: freshSnapshot(), reset: false };
  let raw: unknown;
  try {
    raw = JSON.parse(stored.snapshot);
  } catch {
    return { snapshot: freshSnapshot(), reset: true };
  }
  const parsed = storedShape.safeParse(raw);
  const wasInForm = typeof (raw as { value?: unknown } | null)?.value === "object";
  if (stored.machineVersion !== COMPLAINT_MACHINE_VERSION || !parsed.success) {
    return { snapshot: freshSnapshot(), reset: wasInForm || !parsed.success };
  }
  try {
    const snapshot = complaintMachine.resolveState({
      value: parsed.data.value,
      context: parsed.data.context as ComplaintSnapshot["context"],
    });
    if (snapshot.status !== "active") return { snapshot: freshSnapshot(), reset: true };
    return { snapshot, reset: false };
  } catch {
    return { snapshot: freshSnapshot(), reset: true };
  }
}

export function storeDialog(snapshot: ComplaintSnapshot): StoredConversation {
  return {
    machineVersion: COMPLAINT_MACHINE_VERSION,
    snapshot: JSON.stringify({ value: snapshot.value, context: snapshot.context }),
  };
}

export function currentQuestion(snapshot: ComplaintSnapshot): QuestionId {
  const value = snapshot.value;
  if (typeof value === "string") return "menu";
  const inner = (value as { form?: unknown }).form;
  return typeof inner === "string" && (QUESTION_IDS as readonly string[]).includes(inner) ? (inner as QuestionId) : "menu";
}
