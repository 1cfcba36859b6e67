// The data the complaint dialog collects, and the events the runner feeds it (already parsed).
import type { Classification } from "../nlp/classification.js";
import type { DateParse } from "../nlp/indonesian-dates.js";
import type { ComplaintAnswers } from "../complaints/complaint-filing.js";

/** The answers so far; photos are held as draft attachments until filing. */
export type ComplaintDraft = Partial<Omit<ComplaintAnswers, "photoIds">> & { photoIds: string[] };

export interface ComplaintContext {
  draft: ComplaintDraft;
  /** Unique per form: a complaint is filed under it at most once. */
  submissionId: string;
  trackingCode: string;
  /** Set while changing one field from the summary: the answer returns to the summary. */
  editing: boolean;
  /** Code of the last complaint filed from this chat, shown after filing. */
  lastFiledCode?: string;
}

export interface NewForm {
  submissionId: string;
  trackingCode: string;
}

export type DialogEvent =
  | { type: "START" }
  /** regionHint: a place given with the command ("/lapor kel-sukajadi", e.g. from a t.me deep link). */
  | ({ type: "REPORT"; regionHint?: string } & NewForm)
  | { type: "CANCEL" }
  | { type: "SKIP" }
  | { type: "HELP" }
  | { type: "STALE" }
  | { type: "CHOICE"; value: string }
  /** Free text, with what the runner could read from it for the current question. */
  | {
      type: "TEXT";
      text: string;
      classification?: Classification;
      regionHint?: string;
      date?: DateParse;
      /** Present when free text at the menu may start a new form. */
      newForm?: NewForm;
    }
  | { type: "LOCATION"; latitude: number; longitude: number; regionHint?: string }
  | { type: "PHOTO"; attachmentId: string }
  | { type: "PHOTO_FAILED"; reason: "too_large" | "download_failed" | "limit" }
  | { type: "UNSUPPORTED"; kind: string };

export const EMPTY_CONTEXT: ComplaintContext = {
  draft: { photoIds: [] },
  submissionId: "",
  trackingCode: "",
  editing: false,
};

export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 4000;
export const LOCATION_MIN = 3;
export const MAX_PHOTOS = 5;

/** Length as a reader sees it: invisible format characters (zero-width, bidi controls) and spaces do not count. */
export function visibleLength(text: string): number {
  return text.replace(/[\s\p{Cf}\p{Cc}]/gu, "").length;
}
