// The citizen's complaint form as a conversation. Pure: effects are named actions the runner executes
// after the step ("ask" and "say" become replies, "fileComplaint" stores the complaint in the same
// transaction as the snapshot). Input arrives already parsed (see dialog-input.ts and read-story.ts).
//
// The story fills the form: whatever the first message already tells (problem, place, date, type,
// agency) is taken, the router `next` asks only what is still missing, and the summary shows it all
// with Ubah. Photos can be sent at any question; privacy defaults to biasa and is changed with Ubah.
import { assign, setup } from "xstate";
import { COORDINATOR_CODE, type ReportType } from "../nlp/classification.js";
import type { Privacy } from "../complaints/complaint-status.js";
import {
  EMPTY_CONTEXT,
  LOCATION_MAX,
  type ComplaintContext,
  type ComplaintDraft,
  type DialogEvent,
  type SkippableField,
  type Story,
} from "./complaint-context.js";
import { QUESTION_IDS, type QuestionId } from "./complaint-questions.js";
import { storyDraft, withDescription } from "./story-draft.js";
import { complaintGuards, storyOf, toldOf } from "./complaint-guards.js";
import { truncateGraphemes } from "../nlp/text-quality.js";
import type { NoticeId } from "./complaint-copy.js";

/** Bump when states or context change shape; dialog-snapshot.ts migrates or politely resets older ones. */
export const COMPLAINT_MACHINE_VERSION = 2;

export interface FileComplaintParams {
  submissionId: string;
  trackingCode: string;
  draft: ComplaintDraft;
}

type EventOf<T extends DialogEvent["type"]> = Extract<DialogEvent, { type: T }>;
type Args = { context: ComplaintContext; event: DialogEvent };

const skip = (context: ComplaintContext, field: SkippableField): SkippableField[] => [
  ...(context.skipped ?? []).filter((f) => f !== field),
  field,
];

/** Keeps the photo's bytes under the form's submission id until filing links them to the complaint. */
const STORE_PHOTO = {
  type: "storePhoto",
  params: ({ context, event }: Args) => ({
    attachmentId: (event as EventOf<"PHOTO">).attachmentId,
    draftKey: context.submissionId,
  }),
} as const;

const DISCARD = { type: "discardDraft", params: ({ context }: Args) => ({ submissionId: context.submissionId }) } as const;
const CANCELLED = [
  DISCARD,
  "resetForm",
  { type: "say", params: { notice: "cancelled" } },
  { type: "ask", params: { question: "menu" } },
] as const;
const hint = (notice: NoticeId) => [{ type: "say", params: { notice } }, "askCurrent"] as const;

/** Confirms the privacy a message asked for, in its own words: what Rahasia or Anonim means. */
const SAY_PRIVACY = {
  type: "say",
  params: ({ event }: { event: DialogEvent }) => ({
    notice:
      (storyOf(event)?.privacy ?? toldOf(event)?.privacy) === "rahasia"
        ? ("privacyRahasia" as const)
        : ("privacyAnonim" as const),
  }),
} as const;

/** A privacy wish, place or date told in reply to another question: kept, and the question asked again. */
const NOTE_TOLD = [
  { guard: "tellsOnlyPrivacy", actions: ["addDetails", SAY_PRIVACY, "askCurrent"] },
  { guard: "tellsDetails", actions: ["addDetails", ...hint("detailsNoted")] },
] as const;

/** The text goes to the officer of the complaint the citizen's reply was waited for on. */
const answerWaiting = (waiting: "pendingQuestion" | "finishedAwaiting") =>
  ({
    type: "answerOfficer",
    params: ({ event }: { event: DialogEvent }) => ({
      code: (event as EventOf<"TEXT">)[waiting] ?? "",
      text: (event as EventOf<"TEXT">).text.trim(),
    }),
  }) as const;

/** Questions the form can come back to after a cancel that was not confirmed. */
const RESUMABLE = QUESTION_IDS.filter((question) => !["menu", "cancelConfirm", "answerOrNew"].includes(question));

export const complaintMachine = setup({
  types: {
    context: {} as ComplaintContext,
    events: {} as DialogEvent,
  },
  actions: {
    // Rendered by the runner into replies; declared here so the machine reads like the conversation.
    ask: (_, _params: { question: QuestionId }) => {},
    askCurrent: () => {},
    say: (_, _params: { notice: NoticeId }) => {},
    fileComplaint: (_, _params: FileComplaintParams) => {},
    discardDraft: (_, _params: { submissionId: string }) => {},
    storePhoto: (_, _params: { attachmentId: string; draftKey: string }) => {},
    /** The runner hands the text to the officer who asked (command path, in the same transaction). */
    answerOfficer: (_, _params: { code: string; text: string }) => {},
    // "Cek status": the runner answers with the citizen's own complaints (the /status command).
    showOwnComplaints: () => {},
    startForm: assign(({ context, event }) => {
      const form =
        event.type === "REPORT"
          ? event
          : event.type === "TEXT" || event.type === "PHOTO" || event.type === "LOCATION"
            ? event.newForm
            : undefined;
      const regionHint = event.type === "REPORT" ? event.regionHint : undefined;
      return {
        ...EMPTY_CONTEXT,
        // Kept until the next filing: "ok" or a privacy wish may still be about the report just sent.
        lastFiledCode: context.lastFiledCode,
        draft: { ...EMPTY_CONTEXT.draft, ...(regionHint ? { regionHint } : {}) },
        submissionId: form?.submissionId ?? "",
        trackingCode: form?.trackingCode ?? "",
      };
    }),
    takeStory: assign(({ context, event }) => ({ draft: storyDraft(context.draft, storyOf(event) as Story) })),
    holdMessage: assign(({ event }) => {
      const e = event as EventOf<"TEXT">;
      return {
        held: {
          code: e.pendingQuestion ?? "",
          text: e.text.trim(),
          story: e.story as Story,
          form: e.newForm ?? { submissionId: "", trackingCode: "" },
        },
      };
    }),
    startHeldForm: assign(({ context }) => {
      const held = context.held;
      return {
        ...EMPTY_CONTEXT,
        submissionId: held?.form.submissionId ?? "",
        trackingCode: held?.form.trackingCode ?? "",
        draft: held ? storyDraft({ photoIds: [] }, held.story) : { photoIds: [] },
      };
    }),
    dropHeld: assign({ held: undefined }),
    notePrivacy: assign(({ context, event }) => ({ draft: { ...context.draft, privacy: storyOf(event)?.privacy } })),
    setDescription: assign(({ context, event }) => ({ draft: withDescription(context, storyOf(event) as Story) })),
    setType: assign(({ context, event }) => ({
      draft: { ...context.draft, reportType: (event as EventOf<"CHOICE">).value as ReportType },
      typeChosen: true,
    })),
    acceptSuggestion: assign(({ context }) => ({
      draft: { ...context.draft, agency: context.draft.suggestion?.agency, agencyConfirmed: true },
    })),
    setAgency: assign(({ context, event }) => {
      const value = (event as EventOf<"CHOICE">).value;
      return {
        draft: {
          ...context.draft,
          agency: value === "tidak_tahu" ? COORDINATOR_CODE : value,
          agencyConfirmed: value === context.draft.suggestion?.agency,
        },
      };
    }),
    // Told on purpose, later than the story: it replaces what the story had (the summary shows it, Ubah changes it).
    addDetails: assign(({ context, event }) => {
      const details = (event as EventOf<"TEXT">).details ?? {};
      return {
        draft: {
          ...context.draft,
          ...(details.locationText ? { locationText: details.locationText } : {}),
          ...(details.incidentDate ? { incidentDate: details.incidentDate } : {}),
          ...(details.privacy ? { privacy: details.privacy } : {}),
          ...(details.agency
            ? { agency: details.agency, agencyConfirmed: details.agency === context.draft.suggestion?.agency }
            : {}),
          regionHint: details.regionHint ?? context.draft.regionHint,
        },
      };
    }),
    setCoordinator: assign(({ context }) => ({ draft: { ...context.draft, agency: COORDINATOR_CODE, agencyConfirmed: false } })),
    setLocationText: assign(({ context, event }) => {
      const e = event as EventOf<"TEXT">;
      return {
        draft: {
          ...context.draft,
          locationText: truncateGraphemes(e.text.trim(), LOCATION_MAX),
          latitude: undefined,
          longitude: undefined,
          regionHint: e.regionHint ?? context.draft.regionHint,
        },
      };
    }),
    setLocationPin: assign(({ context, event }) => {
      const e = event as EventOf<"LOCATION">;
      return {
        draft: {
          ...context.draft,
          latitude: e.latitude,
          longitude: e.longitude,
          regionHint: e.regionHint ?? context.draft.regionHint,
        },
      };
    }),
    skipLocation: assign(({ context }) => ({
      draft: { ...context.draft, locationText: undefined, latitude: undefined, longitude: undefined },
      skipped: skip(context, "location"),
    })),
    setDate: assign(({ context, event }) => {
      const parsed = (event as EventOf<"TEXT">).date;
      return { draft: { ...context.draft, incidentDate: parsed?.ok ? parsed.date : undefined } };
    }),
    skipDate: assign(({ context }) => ({ draft: { ...context.draft, incidentDate: undefined }, skipped: skip(context, "date") })),
    addPhoto: assign(({ context, event }) => ({
      draft: { ...context.draft, photoIds: [...context.draft.photoIds, (event as EventOf<"PHOTO">).attachmentId] },
    })),
    clearPhotos: assign(({ context }) => ({ draft: { ...context.draft, photoIds: [] } })),
    setPrivacy: assign(({ context, event }) => ({
      draft: { ...context.draft, privacy: (event as EventOf<"CHOICE">).value as Privacy },
    })),
    rememberResume: assign(({ event }) => ({ resumeAt: (event as EventOf<"CANCEL">).from })),
    resumeAtSummary: assign({ resumeAt: "summary" as QuestionId }),
    rememberFiled: assign(({ context }) => ({ ...EMPTY_CONTEXT, lastFiledCode: context.trackingCode })),
    resetForm: assign(({ context }) => ({ ...EMPTY_CONTEXT, lastFiledCode: context.lastFiledCode })),
  },
  guards: complaintGuards,
}).createMachine({
  id: "complaint",
  context: EMPTY_CONTEXT,
  initial: "menu",
  states: {
    menu: {
      on: {
        START: {
          actions: [
            { type: "say", params: { notice: "welcome" } },
            { type: "ask", params: { question: "menu" } },
          ],
        },
        REPORT: { target: "form", actions: "startForm" },
        CHOICE: [
          { guard: { type: "chose", params: { value: "bantuan" } }, actions: hint("help") },
          { guard: { type: "chose", params: { value: "status" } }, actions: "showOwnComplaints" },
          { actions: hint("welcome") },
        ],
        TEXT: [
          // An officer's question is waiting: a new story is not silently taken as the answer.
          { guard: "startsReportWhilePending", target: "answerOrNew", actions: "holdMessage" },
          { guard: "pendingQuestion", actions: answerWaiting("pendingQuestion") },
          // After SELESAI: a reply to the agency's answer goes to the officer, as /tanggapi would.
          { guard: "respondsToFinished", actions: answerWaiting("finishedAwaiting") },
          {
            guard: "startsReportWithStory",
            target: "form",
            actions: [
              "startForm",
              "takeStory",
              {
                type: "say",
                params: ({ event }) => ({ notice: storyOf(event)?.truncated ? "descriptionTruncated" : "storyTaken" }),
              },
            ],
          },
          // After a filing the wish may be meant for the report just sent: say that one stays as it was.
          {
            guard: "privacyWishAfterFiling",
            target: "form",
            actions: ["startForm", "takeStory", SAY_PRIVACY, { type: "say", params: { notice: "filedPrivacyUnchanged" } }],
          },
          { guard: "onlyPrivacyWish", target: "form", actions: ["startForm", "takeStory", SAY_PRIVACY] },
          { guard: "startsReport", target: "form", actions: ["startForm", "takeStory"] },
          { actions: hint("welcome") },
        ],
        THANKS: { actions: { type: "say", params: { notice: "thanks" } } },
        ACK: [
          { guard: "filedBefore", actions: { type: "say", params: { notice: "alreadyFiled" } } },
          { actions: hint("welcome") },
        ],
        CANCEL: { actions: hint("nothingToCancel") },
        HELP: { actions: hint("help") },
        SKIP: { actions: hint("welcome") },
        STALE: { actions: hint("stale") },
        EMPTY: { actions: hint("empty") },
        // A photo (with or without its story as the caption) or a pin sent first starts the report with it.
        LOCATION: {
          target: "form",
          actions: ["startForm", "setLocationPin", { type: "say", params: { notice: "locationStartsReport" } }],
        },
        PHOTO: [
          {
            guard: "captionTellsStory",
            target: "form",
            actions: [
              "startForm",
              STORE_PHOTO,
              "addPhoto",
              "takeStory",
              { type: "say", params: { notice: "photoAndStoryTaken" } },
            ],
          },
          {
            target: "form",
            actions: ["startForm", STORE_PHOTO, "addPhoto", { type: "say", params: { notice: "photoStartsReport" } }],
          },
        ],
        PHOTO_FAILED: { actions: hint("photoFailed") },
        UNSUPPORTED: { actions: hint("unsupported") },
      },
    },
    answerOrNew: {
      entry: { type: "ask", params: { question: "answerOrNew" } },
      on: {
        CHOICE: [
          {
            guard: { type: "chose", params: { value: "answer" } },
            target: "menu",
            actions: [
              {
                type: "answerOfficer",
                params: ({ context }) => ({ code: context.held?.code ?? "", text: context.held?.text ?? "" }),
              },
              "dropHeld",
            ],
          },
          {
            guard: { type: "chose", params: { value: "new" } },
            target: "form",
            actions: ["startHeldForm", { type: "say", params: { notice: "storyTaken" } }],
          },
        ],
        CANCEL: {
          target: "menu",
          actions: ["dropHeld", { type: "say", params: { notice: "cancelled" } }, { type: "ask", params: { question: "menu" } }],
        },
        START: {
          target: "menu",
          actions: ["dropHeld", { type: "say", params: { notice: "welcome" } }, { type: "ask", params: { question: "menu" } }],
        },
        REPORT: { target: "form", actions: ["dropHeld", "startForm"] },
        "*": { actions: hint("chooseOption") },
      },
    },
    form: {
      initial: "next",
      // Anywhere in the form: cancel (confirmed when something was entered), help, photos, stale buttons.
      on: {
        CANCEL: [
          { guard: "formHasContent", target: ".cancelConfirm", actions: "rememberResume" },
          { target: "menu", actions: CANCELLED },
        ],
        HELP: { actions: hint("help") },
        START: { actions: hint("formInProgress") },
        REPORT: { actions: hint("formInProgress") },
        STALE: { actions: hint("stale") },
        EMPTY: { actions: hint("empty") },
        UNSUPPORTED: { actions: hint("unsupported") },
        PHOTO: [
          { guard: "photoLimitReached", actions: hint("photoLimit") },
          { actions: [STORE_PHOTO, "addPhoto", { type: "say", params: { notice: "photoKeptForLater" } }, "askCurrent"] },
        ],
        PHOTO_FAILED: { actions: hint("photoFailed") },
        PHOTO_LATER: { actions: hint("photoLater") },
        LOCATION: { actions: hint("locationNotNow") },
        SKIP: { actions: hint("required") },
        CHOICE: { actions: hint("chooseOption") },
        TEXT: [...NOTE_TOLD, { actions: hint("chooseOption") }],
      },
      states: {
        // Asks only what is still missing, in the order a conversation would.
        next: {
          always: [
            { guard: "needsDescription", target: "description" },
            { guard: "needsAgency", target: "agencyPick" },
            { guard: "needsLocation", target: "location" },
            { guard: "needsDate", target: "date" },
            { target: "summary" },
          ],
        },
        description: {
          entry: { type: "ask", params: { question: "description" } },
          on: {
            TEXT: [
              { guard: "onlyPrivacyWish", actions: ["notePrivacy", SAY_PRIVACY, "askCurrent"] },
              { guard: "noStory", actions: hint("descriptionExpected") },
              { guard: "noWords", actions: hint("descriptionNoWords") },
              { guard: "stillShort", actions: ["setDescription", ...hint("descriptionTooShort")] },
              {
                guard: "storyTruncated",
                target: "next",
                actions: ["setDescription", { type: "say", params: { notice: "descriptionTruncated" } }],
              },
              { target: "next", actions: "setDescription" },
            ],
            CHOICE: { actions: hint("descriptionExpected") },
            // A photo whose caption is the whole story answers this question; any other photo is kept (form level).
            PHOTO: {
              guard: "captionIsStory",
              target: "next",
              actions: [STORE_PHOTO, "addPhoto", "setDescription", { type: "say", params: { notice: "photoAndStoryTaken" } }],
            },
          },
        },
        type: {
          entry: { type: "ask", params: { question: "type" } },
          on: { CHOICE: { target: "next", actions: "setType" } },
        },
        // Kept for dialogs opened before version 2, which asked to confirm the suggestion.
        agency: {
          entry: { type: "ask", params: { question: "agency" } },
          on: {
            CHOICE: [
              { guard: { type: "chose", params: { value: "benar" } }, target: "next", actions: "acceptSuggestion" },
              { guard: { type: "chose", params: { value: "lain" } }, target: "agencyPick" },
              { guard: { type: "chose", params: { value: "tidak_tahu" } }, target: "next", actions: "setCoordinator" },
            ],
          },
        },
        agencyPick: {
          entry: { type: "ask", params: { question: "agencyPick" } },
          on: {
            CHOICE: { guard: "choseAny", target: "next", actions: "setAgency" },
            SKIP: { target: "next", actions: "setCoordinator" },
          },
        },
        location: {
          entry: { type: "ask", params: { question: "location" } },
          on: {
            TEXT: [
              ...NOTE_TOLD,
              { guard: "notAPlace", actions: hint("locationNotAPlace") },
              { guard: "locationTooShort", actions: hint("locationTooShort") },
              { target: "next", actions: "setLocationText" },
            ],
            LOCATION: { target: "next", actions: ["setLocationPin", { type: "say", params: { notice: "locationReceived" } }] },
            SKIP: [{ guard: "locationOptional", target: "next", actions: "skipLocation" }, { actions: hint("locationRequired") }],
            CHOICE: { guard: { type: "chose", params: { value: "lewati" } }, target: "next", actions: "skipLocation" },
          },
        },
        date: {
          entry: { type: "ask", params: { question: "date" } },
          on: {
            TEXT: [
              { guard: "dateUnderstood", target: "next", actions: "setDate" },
              { guard: "dateInFuture", actions: hint("dateInFuture") },
              { guard: "dateUnknownToCitizen", target: "next", actions: "skipDate" },
              ...NOTE_TOLD,
              { actions: hint("dateUnknown") },
            ],
            SKIP: { target: "next", actions: "skipDate" },
            CHOICE: { guard: { type: "chose", params: { value: "lewati" } }, target: "next", actions: "skipDate" },
          },
        },
        photo: {
          entry: { type: "ask", params: { question: "photo" } },
          on: {
            PHOTO: [
              { guard: "photoLimitReached", actions: hint("photoLimit") },
              { actions: [STORE_PHOTO, "addPhoto", { type: "say", params: { notice: "photoReceived" } }, "askCurrent"] },
            ],
            SKIP: { target: "next" },
            PHOTO_LATER: { target: "next", actions: { type: "say", params: { notice: "photoLater" } } },
            CHOICE: [
              { guard: { type: "chose", params: { value: "hapus" } }, actions: ["clearPhotos", ...hint("photosRemoved")] },
              { target: "next" },
            ],
            TEXT: [...NOTE_TOLD, { actions: hint("photoExpected") }],
          },
        },
        privacy: {
          entry: { type: "ask", params: { question: "privacy" } },
          on: { CHOICE: { target: "next", actions: "setPrivacy" } },
        },
        summary: {
          entry: { type: "ask", params: { question: "summary" } },
          on: {
            CHOICE: [
              {
                guard: { type: "chose", params: { value: "kirim" } },
                target: "#complaint.menu",
                actions: [
                  {
                    type: "fileComplaint",
                    params: ({ context }) => ({
                      submissionId: context.submissionId,
                      trackingCode: context.trackingCode,
                      draft: context.draft,
                    }),
                  },
                  "rememberFiled",
                  { type: "say", params: { notice: "filed" } },
                ],
              },
              { guard: { type: "chose", params: { value: "ubah" } }, target: "editPick" },
              { guard: { type: "chose", params: { value: "batal" } }, target: "cancelConfirm", actions: "resumeAtSummary" },
            ],
          },
        },
        editPick: {
          entry: { type: "ask", params: { question: "editPick" } },
          on: {
            CHOICE: [
              { guard: { type: "chose", params: { value: "type" } }, target: "type" },
              { guard: { type: "chose", params: { value: "description" } }, target: "description" },
              { guard: { type: "chose", params: { value: "agency" } }, target: "agencyPick" },
              { guard: { type: "chose", params: { value: "location" } }, target: "location" },
              { guard: { type: "chose", params: { value: "date" } }, target: "date" },
              // The photos already sent stay unless the citizen removes them there.
              { guard: { type: "chose", params: { value: "photo" } }, target: "photo" },
              { guard: { type: "chose", params: { value: "privacy" } }, target: "privacy" },
            ],
          },
        },
        cancelConfirm: {
          entry: { type: "ask", params: { question: "cancelConfirm" } },
          on: {
            CANCEL: { target: "#complaint.menu", actions: CANCELLED },
            CHOICE: [
              { guard: { type: "chose", params: { value: "ya" } }, target: "#complaint.menu", actions: CANCELLED },
              { target: "resume" },
            ],
          },
        },
        resume: {
          always: [
            ...RESUMABLE.map((question) => ({ guard: { type: "resumesAt" as const, params: { question } }, target: question })),
            { target: "next" },
          ],
        },
      },
    },
  },
});

export type ComplaintMachine = typeof complaintMachine;
