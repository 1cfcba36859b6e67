// Stored dialog state: {value, context} as JSON beside a machine version. A form of an older version
// is migrated when its question still exists (version 1 -> 2: same questions, skipped optional ones
// remembered), so dialogs open at deploy time continue; anything unreadable becomes a fresh start,
// reported to the caller so the citizen can be told politely.
import { initialTransition, type SnapshotFrom } from "xstate";
import { z } from "zod";
import type { StoredConversation } from "../db/sql-store.js";
import { COMPLAINT_MACHINE_VERSION, complaintMachine } from "./complaint-dialog.js";
import type { SkippableField } from "./complaint-context.js";
import type { QuestionId } from "./complaint-questions.js";
import { QUESTION_IDS } from "./complaint-questions.js";

export type ComplaintSnapshot = SnapshotFrom<typeof complaintMachine>;

const storedShape = z.object({
  value: z.union([
    z.literal("menu"),
    z.literal("answerOrNew"),
    z.object({ form: z.enum(QUESTION_IDS as [QuestionId, ...QuestionId[]]) }),
  ]),
  context: z
    .object({
      draft: z.object({ photoIds: z.array(z.string()) }).passthrough(),
      submissionId: z.string(),
      trackingCode: z.string(),
      editing: z.boolean(),
      lastFiledCode: z.string().optional(),
    })
    .passthrough(),
});
type StoredShape = z.infer<typeof storedShape>;

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

/** Version 1 asked every question in a fixed order: what was passed without an answer was skipped. */
// Version 1 asked the questions from "type" to "editPick" in the order QUESTION_IDS lists them.
const V1_ORDER = QUESTION_IDS.slice(QUESTION_IDS.indexOf("type"), QUESTION_IDS.indexOf("editPick") + 1);

function migrateV1(stored: StoredShape): StoredShape {
  if (stored.value === "menu" || stored.value === "answerOrNew") return stored;
  const at = V1_ORDER.indexOf(stored.value.form);
  const draft = stored.context.draft as { locationText?: string; latitude?: number; incidentDate?: string };
  const skipped: SkippableField[] = [];
  if (at > V1_ORDER.indexOf("location") && !draft.locationText && draft.latitude === undefined) skipped.push("location");
  if (at > V1_ORDER.indexOf("date") && !draft.incidentDate) skipped.push("date");
  return { ...stored, context: { ...stored.context, skipped, typeChosen: stored.context.draft.reportType !== undefined } };
}

const MIGRATIONS: Record<number, (stored: StoredShape) => StoredShape> = { 1: migrateV1 };

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
  const migrate = stored.machineVersion === COMPLAINT_MACHINE_VERSION ? (s: StoredShape) => s : MIGRATIONS[stored.machineVersion];
  if (!parsed.success || !migrate) return { snapshot: freshSnapshot(), reset: wasInForm || !parsed.success };
  try {
    const data = migrate(parsed.data);
    const snapshot = complaintMachine.resolveState({ value: data.value, context: data.context as ComplaintSnapshot["context"] });
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
  if (value === "answerOrNew") return "answerOrNew";
  if (typeof value === "string") return "menu";
  const inner = (value as { form?: unknown }).form;
  return typeof inner === "string" && (QUESTION_IDS as readonly string[]).includes(inner) ? (inner as QuestionId) : "menu";
}
