// The questions the complaint dialog can ask: the context records the open one, the machine asks them.
export type QuestionId =
  | "menu"
  | "type"
  | "description"
  | "agency"
  | "agencyPick"
  | "location"
  | "date"
  | "photo"
  | "privacy"
  | "summary"
  | "editPick"
  | "cancelConfirm"
  | "answerOrNew";

export const QUESTION_IDS: readonly QuestionId[] = [
  "menu",
  "type",
  "description",
  "agency",
  "agencyPick",
  "location",
  "date",
  "photo",
  "privacy",
  "summary",
  "editPick",
  "cancelConfirm",
  "answerOrNew",
];
