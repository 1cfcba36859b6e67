// The data the complaint dialog collects, and the events the runner feeds it (already parsed).
import type { Classification } from "../nlp/classification.js";
import type { DateParse } from "../nlp/indonesian-dates.js";
import type { ComplaintAnswers } from "../complaints/complaint-filing.js";
import type { QuestionId } from "./question-ids.js";
import type { Privacy } from "../complaints/complaint-status.js";

export { visibleLength } from "../nlp/text-quality.js";

/** The answers so far; photos are held as draft attachments until filing. */
export type ComplaintDraft = Partial<Omit<ComplaintAnswers, "photoIds">> & { photoIds: string[] };

/** Optional questions the citizen chose to skip: they are not asked again. */
export type SkippableField = "location" | "date";

/** What one message already tells: read before the step by dialogs/read-story.ts. */
export interface Story {
  /** The message without greetings and "saya mau lapor" (may be short or empty). */
  description: string;
  /** The message says the sender wants to report ("min mau ngadu"). */
  intent: boolean;
  /** The first 4,000 characters were kept of a longer message. */
  truncated: boolean;
  /** The description carries real words (not emoji, punctuation or stretched letters). */
  hasWords: boolean;
  classification: Classification;
  /** A wish to hide who reports ("tolong rahasiakan nama saya"), told with the story or alone. */
  privacy?: Privacy;
  locationText?: string;
  incidentDate?: string;
  regionHint?: string;
}

/** The place, date and privacy wish a message tells, read when it answers none of the question's options. */
export type StoryDetails = Pick<Story, "locationText" | "incidentDate" | "regionHint"> & {
  privacy?: Privacy;
  /** An agency the citizen names to correct the one shown ("instansinya salah, harusnya PLN"). */
  agency?: string;
};

/** A message held while the citizen says whether it answers an officer or starts a new report. */
export interface HeldMessage {
  code: string;
  text: string;
  story: Story;
  form: NewForm;
}

export interface ComplaintContext {
  draft: ComplaintDraft;
  /** Unique per form: a complaint is filed under it at most once. */
  submissionId: string;
  trackingCode: string;
  /** Kept for snapshots of version 1; the router returns to the summary by itself now. */
  editing: boolean;
  /** Code of the last complaint filed from this chat, shown after filing. */
  lastFiledCode?: string;
  skipped?: SkippableField[];
  /** The citizen chose the type (Ubah): a new description does not change it. */
  typeChosen?: boolean;
  /** The question to return to when the citizen does not confirm a cancel. */
  resumeAt?: QuestionId;
  held?: HeldMessage;
}

export interface NewForm {
  submissionId: string;
  trackingCode: string;
}

export type DialogEvent =
  | { type: "START" }
  /** regionHint: a place given with the command ("/lapor kel-sukajadi", e.g. from a t.me deep link). */
  | ({ type: "REPORT"; regionHint?: string } & NewForm)
  /** `from` is the question being asked, to come back to when the cancel is not confirmed. */
  | { type: "CANCEL"; from?: QuestionId }
  | { type: "SKIP" }
  | { type: "HELP" }
  | { type: "STALE" }
  /** An empty message (an empty line in the terminal). */
  | { type: "EMPTY" }
  /** "foto nyusul ya pak" in a form: the photo comes later. */
  | { type: "PHOTO_LATER" }
  /** "makasih min" at the menu: a thanks, no story. */
  | { type: "THANKS" }
  /** "ok", "kirim" again or "siap" at the menu right after filing: the report is already on its way. */
  | { type: "ACK" }
  | { type: "CHOICE"; value: string }
  /** Free text, with what the runner could read from it for the current question. */
  | {
      type: "TEXT";
      text: string;
      story?: Story;
      regionHint?: string;
      date?: DateParse;
      /** Present when free text at the menu may start a new form. */
      newForm?: NewForm;
      /** The code of a complaint whose officer question waits for this citizen (menu only). */
      pendingQuestion?: string;
      /** The code of a finished complaint whose "sudah beres?" waits for this citizen (menu only). */
      finishedAwaiting?: string;
      /** The text reads as an answer word of another question ("benar", "gak jadi", "kan sudah saya tulis"). */
      notAPlace?: boolean;
      /** "gak tau", "lupa": the citizen does not know. */
      unknown?: boolean;
      /** A place or date told in reply to a question about something else (the agency, the summary). */
      details?: StoryDetails;
    }
  /** newForm: present at the menu, where a pin starts a report. */
  | { type: "LOCATION"; latitude: number; longitude: number; regionHint?: string; newForm?: NewForm }
  /** story: what the caption tells (menu and story question); newForm: at the menu, where a photo starts a report. */
  | { type: "PHOTO"; attachmentId: string; story?: Story; newForm?: NewForm }
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
export const LOCATION_MAX = 300;
export const MAX_PHOTOS = 5;
