// The citizen's complaint form as a conversation. Pure: effects are named actions the runner executes
// after the step ("ask" and "say" become replies, "fileComplaint" stores the complaint in the same
// transaction as the snapshot). Input arrives already parsed (see dialog-input.ts).
import { assign, setup } from "xstate";
import { COORDINATOR_CODE, type ReportType } from "../nlp/classification.js";
import type { Privacy } from "../complaints/complaint-status.js";
import {
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  EMPTY_CONTEXT,
  LOCATION_MIN,
  MAX_PHOTOS,
  visibleLength,
  type ComplaintContext,
  type ComplaintDraft,
  type DialogEvent,
} from "./complaint-context.js";
import type { QuestionId } from "./complaint-questions.js";
import type { NoticeId } from "./complaint-copy.js";

/** Bump when states or context change shape; older snapshots are reset politely by the runner. */
export const COMPLAINT_MACHINE_VERSION = 1;

export interface FileComplaintParams {
  submissionId: string;
  trackingCode: string;
  draft: ComplaintDraft;
}

type EventOf<T extends DialogEvent["type"]> = Extract<DialogEvent, { type: T }>;

function textOf(event: DialogEvent): string {
  return event.type === "TEXT" ? event.text.trim() : "";
}

function visibleTextLength(event: DialogEvent): number {
  return event.type === "TEXT" ? visibleLength(event.text) : 0;
}

/** Free text at the menu starts a form when it says "lapor" or clearly describes a public-service problem. */
const INTENT =
  /^(?:(?:saya|sy|aku|kami)\s+)?(?:(?:mau|ingin|pengen|pingin|akan)\s+)?(?:lapor(?:kan)?|melapor(?:kan)?|mengadu(?:kan)?|ngadu|komplain|aduan)\b[\s:,-]*(?:(?:soal|tentang|ttg|mengenai|masalah)\s+)?/i;

export function descriptionFromFreeText(text: string): string {
  return text.trim().replace(INTENT, "").trim();
}

/** Keeps the photo's bytes under the form's submission id until filing links them to the complaint. */
const STORE_PHOTO = {
  type: "storePhoto",
  params: ({ context, event }: { context: ComplaintContext; event: DialogEvent }) => ({
    attachmentId: (event as EventOf<"PHOTO">).attachmentId,
    draftKey: context.submissionId,
  }),
} as const;

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
    // "Cek status": the runner answers with the citizen's own complaints (the /status command).
    showOwnComplaints: () => {},
    startForm: assign(({ event }) => {
      const form = event.type === "REPORT" ? event : event.type === "TEXT" ? event.newForm : undefined;
      const regionHint = event.type === "REPORT" ? event.regionHint : undefined;
      return {
        draft: { photoIds: [], ...(regionHint ? { regionHint } : {}) },
        submissionId: form?.submissionId ?? "",
        trackingCode: form?.trackingCode ?? "",
        editing: false,
      };
    }),
    takeFreeTextDescription: assign(({ context, event }) => {
      const e = event as EventOf<"TEXT">;
      return { draft: { ...context.draft, description: descriptionFromFreeText(e.text), suggestion: e.classification } };
    }),
    setType: assign(({ context, event }) => ({
      draft: { ...context.draft, reportType: (event as EventOf<"CHOICE">).value as ReportType },
    })),
    setDescription: assign(({ context, event }) => {
      const e = event as EventOf<"TEXT">;
      return {
        draft: {
          ...context.draft,
          description: e.text.trim(),
          suggestion: e.classification,
          regionHint: context.draft.regionHint ?? e.regionHint,
        },
      };
    }),
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
    setCoordinator: assign(({ context }) => ({
      draft: { ...context.draft, agency: COORDINATOR_CODE, agencyConfirmed: false },
    })),
    setLocationText: assign(({ context, event }) => {
      const e = event as EventOf<"TEXT">;
      return {
        draft: {
          ...context.draft,
          locationText: e.text.trim(),
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
          locationText: context.draft.locationText,
          regionHint: e.regionHint ?? context.draft.regionHint,
        },
      };
    }),
    setDate: assign(({ context, event }) => {
      const parsed = (event as EventOf<"TEXT">).date;
      return { draft: { ...context.draft, incidentDate: parsed?.ok ? parsed.date : undefined } };
    }),
    clearDate: assign(({ context }) => ({ draft: { ...context.draft, incidentDate: undefined } })),
    addPhoto: assign(({ context, event }) => ({
      draft: { ...context.draft, photoIds: [...context.draft.photoIds, (event as EventOf<"PHOTO">).attachmentId] },
    })),
    clearPhotos: assign(({ context }) => ({ draft: { ...context.draft, photoIds: [] } })),
    setPrivacy: assign(({ context, event }) => ({
      draft: { ...context.draft, privacy: (event as EventOf<"CHOICE">).value as Privacy },
    })),
    startEditing: assign({ editing: true }),
    stopEditing: assign({ editing: false }),
    rememberFiled: assign(({ context }) => ({ ...EMPTY_CONTEXT, lastFiledCode: context.trackingCode })),
    resetForm: assign(({ context }) => ({ ...EMPTY_CONTEXT, lastFiledCode: context.lastFiledCode })),
  },
  guards: {
    isReportIntent: ({ event }) => event.type === "TEXT" && INTENT.test(event.text.trim()) && event.newForm !== undefined,
    describesProblem: ({ event }) =>
      event.type === "TEXT" &&
      event.newForm !== undefined &&
      visibleLength(descriptionFromFreeText(event.text)) >= DESCRIPTION_MIN &&
      (INTENT.test(event.text.trim()) || event.classification?.agency !== COORDINATOR_CODE),
    hasDescription: ({ context }) => visibleLength(context.draft.description ?? "") >= DESCRIPTION_MIN,
    tellsProblemEarly: ({ context, event }) =>
      !context.editing && visibleTextLength(event) >= DESCRIPTION_MIN && textOf(event).length <= DESCRIPTION_MAX,
    tooShort: ({ event }) => visibleTextLength(event) < DESCRIPTION_MIN,
    tooLong: ({ event }) => textOf(event).length > DESCRIPTION_MAX,
    hasConfidentSuggestion: ({ context }) =>
      context.draft.suggestion !== undefined && context.draft.suggestion.agency !== COORDINATOR_CODE,
    chose: ({ event }, params: { value: string }) => event.type === "CHOICE" && event.value === params.value,
    choseAny: ({ event }) => event.type === "CHOICE" && event.value !== "",
    locationTooShort: ({ event }) => visibleTextLength(event) < LOCATION_MIN,
    locationOptional: ({ context }) => context.draft.reportType !== "pengaduan",
    dateUnderstood: ({ event }) => event.type === "TEXT" && event.date?.ok === true,
    dateInFuture: ({ event }) => event.type === "TEXT" && event.date?.ok === false && event.date.reason === "future",
    photoLimitReached: ({ context }) => context.draft.photoIds.length >= MAX_PHOTOS,
    isEditing: ({ context }) => context.editing,
  },
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
          {
            guard: { type: "chose", params: { value: "bantuan" } },
            actions: [{ type: "say", params: { notice: "help" } }, "askCurrent"],
          },
          { guard: { type: "chose", params: { value: "status" } }, actions: "showOwnComplaints" },
          { actions: [{ type: "say", params: { notice: "welcome" } }, "askCurrent"] },
        ],
        TEXT: [
          {
            guard: "describesProblem",
            target: "form",
            actions: ["startForm", "takeFreeTextDescription", { type: "say", params: { notice: "descriptionTaken" } }],
          },
          { guard: "isReportIntent", target: "form", actions: "startForm" },
          { actions: [{ type: "say", params: { notice: "welcome" } }, "askCurrent"] },
        ],
        CANCEL: { actions: [{ type: "say", params: { notice: "nothingToCancel" } }, "askCurrent"] },
        HELP: { actions: [{ type: "say", params: { notice: "help" } }, "askCurrent"] },
        SKIP: { actions: [{ type: "say", params: { notice: "welcome" } }, "askCurrent"] },
        STALE: { actions: [{ type: "say", params: { notice: "stale" } }, "askCurrent"] },
        LOCATION: { actions: [{ type: "say", params: { notice: "welcome" } }, "askCurrent"] },
        PHOTO: { actions: [{ type: "say", params: { notice: "photoOutsideForm" } }, "askCurrent"] },
        PHOTO_FAILED: { actions: [{ type: "say", params: { notice: "photoOutsideForm" } }, "askCurrent"] },
        UNSUPPORTED: { actions: [{ type: "say", params: { notice: "unsupported" } }, "askCurrent"] },
      },
    },
    form: {
      initial: "type",
      // Anywhere in the form: cancel, help, stale buttons and media we do not take keep the answers given.
      on: {
        CANCEL: {
          target: "menu",
          actions: [
            { type: "discardDraft", params: ({ context }) => ({ submissionId: context.submissionId }) },
            "resetForm",
            { type: "say", params: { notice: "cancelled" } },
            { type: "ask", params: { question: "menu" } },
          ],
        },
        HELP: { actions: [{ type: "say", params: { notice: "help" } }, "askCurrent"] },
        START: { actions: [{ type: "say", params: { notice: "formInProgress" } }, "askCurrent"] },
        REPORT: { actions: [{ type: "say", params: { notice: "formInProgress" } }, "askCurrent"] },
        STALE: { actions: [{ type: "say", params: { notice: "stale" } }, "askCurrent"] },
        UNSUPPORTED: { actions: [{ type: "say", params: { notice: "unsupported" } }, "askCurrent"] },
        PHOTO: [
          { guard: "photoLimitReached", actions: [{ type: "say", params: { notice: "photoLimit" } }, "askCurrent"] },
          { actions: [STORE_PHOTO, "addPhoto", { type: "say", params: { notice: "photoKeptForLater" } }, "askCurrent"] },
        ],
        PHOTO_FAILED: { actions: [{ type: "say", params: { notice: "photoFailed" } }, "askCurrent"] },
        LOCATION: { actions: [{ type: "say", params: { notice: "locationNotNow" } }, "askCurrent"] },
        SKIP: { actions: [{ type: "say", params: { notice: "required" } }, "askCurrent"] },
        CHOICE: { actions: [{ type: "say", params: { notice: "chooseOption" } }, "askCurrent"] },
        TEXT: { actions: [{ type: "say", params: { notice: "chooseOption" } }, "askCurrent"] },
      },
      states: {
        type: {
          entry: { type: "ask", params: { question: "type" } },
          on: {
            // A citizen who tells the problem before choosing the type keeps it: it becomes the description.
            TEXT: {
              guard: "tellsProblemEarly",
              actions: ["setDescription", { type: "say", params: { notice: "descriptionTaken" } }, "askCurrent"],
            },
            CHOICE: [
              { guard: "isEditing", target: "summary", actions: "setType" },
              { guard: "hasDescription", target: "routeSuggestion", actions: "setType" },
              { target: "description", actions: "setType" },
            ],
          },
        },
        description: {
          entry: { type: "ask", params: { question: "description" } },
          on: {
            TEXT: [
              { guard: "tooShort", actions: [{ type: "say", params: { notice: "descriptionTooShort" } }, "askCurrent"] },
              { guard: "tooLong", actions: [{ type: "say", params: { notice: "descriptionTooLong" } }, "askCurrent"] },
              { target: "routeSuggestion", actions: "setDescription" },
            ],
            CHOICE: { actions: [{ type: "say", params: { notice: "descriptionExpected" } }, "askCurrent"] },
          },
        },
        // A confident suggestion is offered for confirmation; otherwise the citizen picks from the top three.
        routeSuggestion: {
          always: [{ guard: "hasConfidentSuggestion", target: "agency" }, { target: "agencyPick" }],
        },
        agency: {
          entry: { type: "ask", params: { question: "agency" } },
          on: {
            CHOICE: [
              { guard: { type: "chose", params: { value: "benar" } }, target: "afterAgency", actions: "acceptSuggestion" },
              { guard: { type: "chose", params: { value: "lain" } }, target: "agencyPick" },
              { guard: { type: "chose", params: { value: "tidak_tahu" } }, target: "afterAgency", actions: "setCoordinator" },
            ],
          },
        },
        agencyPick: {
          entry: { type: "ask", params: { question: "agencyPick" } },
          on: {
            CHOICE: { guard: "choseAny", target: "afterAgency", actions: "setAgency" },
            SKIP: { target: "afterAgency", actions: "setCoordinator" },
          },
        },
        afterAgency: {
          always: [{ guard: "isEditing", target: "summary" }, { target: "location" }],
        },
        location: {
          entry: { type: "ask", params: { question: "location" } },
          on: {
            TEXT: [
              { guard: "locationTooShort", actions: [{ type: "say", params: { notice: "locationTooShort" } }, "askCurrent"] },
              { guard: "isEditing", target: "summary", actions: "setLocationText" },
              { target: "date", actions: "setLocationText" },
            ],
            LOCATION: [
              { guard: "isEditing", target: "summary", actions: "setLocationPin" },
              { target: "date", actions: ["setLocationPin", { type: "say", params: { notice: "locationReceived" } }] },
            ],
            SKIP: [
              { guard: "locationOptional", target: "afterLocation" },
              { actions: [{ type: "say", params: { notice: "required" } }, "askCurrent"] },
            ],
            CHOICE: { guard: { type: "chose", params: { value: "lewati" } }, target: "afterLocation" },
          },
        },
        afterLocation: {
          always: [{ guard: "isEditing", target: "summary" }, { target: "date" }],
        },
        date: {
          entry: { type: "ask", params: { question: "date" } },
          on: {
            TEXT: [
              { guard: "dateUnderstood", target: "afterDate", actions: "setDate" },
              { guard: "dateInFuture", actions: [{ type: "say", params: { notice: "dateInFuture" } }, "askCurrent"] },
              { actions: [{ type: "say", params: { notice: "dateUnknown" } }, "askCurrent"] },
            ],
            SKIP: { target: "afterDate", actions: "clearDate" },
            CHOICE: { guard: { type: "chose", params: { value: "lewati" } }, target: "afterDate", actions: "clearDate" },
          },
        },
        afterDate: {
          always: [{ guard: "isEditing", target: "summary" }, { target: "photo" }],
        },
        photo: {
          entry: { type: "ask", params: { question: "photo" } },
          on: {
            PHOTO: [
              { guard: "photoLimitReached", actions: [{ type: "say", params: { notice: "photoLimit" } }, "askCurrent"] },
              { actions: [STORE_PHOTO, "addPhoto", { type: "say", params: { notice: "photoReceived" } }, "askCurrent"] },
            ],
            SKIP: { target: "afterPhoto" },
            CHOICE: { target: "afterPhoto" },
            TEXT: { actions: [{ type: "say", params: { notice: "photoExpected" } }, "askCurrent"] },
          },
        },
        afterPhoto: {
          always: [{ guard: "isEditing", target: "summary" }, { target: "privacy" }],
        },
        privacy: {
          entry: { type: "ask", params: { question: "privacy" } },
          on: { CHOICE: { target: "summary", actions: "setPrivacy" } },
        },
        summary: {
          entry: ["stopEditing", { type: "ask", params: { question: "summary" } }],
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
              {
                guard: { type: "chose", params: { value: "batal" } },
                target: "#complaint.menu",
                actions: [
                  { type: "discardDraft", params: ({ context }) => ({ submissionId: context.submissionId }) },
                  "resetForm",
                  { type: "say", params: { notice: "cancelled" } },
                  { type: "ask", params: { question: "menu" } },
                ],
              },
            ],
          },
        },
        editPick: {
          entry: { type: "ask", params: { question: "editPick" } },
          on: {
            CHOICE: [
              { guard: { type: "chose", params: { value: "type" } }, target: "type", actions: "startEditing" },
              // A new description may change the agency: the suggestion is asked again, then back to the summary.
              { guard: { type: "chose", params: { value: "description" } }, target: "description", actions: "startEditing" },
              { guard: { type: "chose", params: { value: "agency" } }, target: "agencyPick", actions: "startEditing" },
              { guard: { type: "chose", params: { value: "location" } }, target: "location", actions: "startEditing" },
              { guard: { type: "chose", params: { value: "date" } }, target: "date", actions: "startEditing" },
              { guard: { type: "chose", params: { value: "photo" } }, target: "photo", actions: ["startEditing", "clearPhotos"] },
              { guard: { type: "chose", params: { value: "privacy" } }, target: "privacy", actions: "startEditing" },
            ],
          },
        },
      },
    },
  },
});

export type ComplaintMachine = typeof complaintMachine;
