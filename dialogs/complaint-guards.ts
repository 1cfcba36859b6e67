// The guards of the complaint dialog: what the conversation checks before it moves on. Pure predicates
// over the context and the already-parsed event.
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { hasARealWord, hasRealWords } from "../nlp/text-quality.js";
import {
  DESCRIPTION_MIN,
  LOCATION_MIN,
  MAX_PHOTOS,
  visibleLength,
  type ComplaintContext,
  type ComplaintDraft,
  type DialogEvent,
  type Story,
  type StoryDetails,
} from "./complaint-context.js";
import { missingLocation, type QuestionId } from "./complaint-questions.js";
import { withDescription } from "./story-draft.js";

type GuardArgs = { context: ComplaintContext; event: DialogEvent };

export const storyOf = (event: DialogEvent): Story | undefined =>
  event.type === "TEXT" || event.type === "PHOTO" ? event.story : undefined;
/** What a reply to another question told besides its answer: a place, a date, a privacy wish. */
export const toldOf = (event: DialogEvent): StoryDetails | undefined => (event.type === "TEXT" ? event.details : undefined);

/** A story worth starting a report: a described problem, a short complaint, or "mau lapor". */
function startsReport(story: Story | undefined): boolean {
  if (!story) return false;
  const known = story.classification.agency !== COORDINATOR_CODE || story.classification.keywords.length > 0;
  return story.intent || (story.hasWords && (known || visibleLength(story.description) >= DESCRIPTION_MIN));
}

function readsAsNewReport(story: Story | undefined): boolean {
  if (!story) return false;
  const confident = story.classification.agency !== COORDINATOR_CODE;
  return story.intent || (story.hasWords && confident && visibleLength(story.description) >= DESCRIPTION_MIN);
}

/** The message was only a wish for privacy ("tolong rahasiakan nama saya"): no story in it. */
const onlyPrivacyWish = (story: Story | undefined): boolean => Boolean(story?.privacy && !story.description);

/** The story tells some of the problem (not only "saya mau lapor"). */
const storyHasProblem = (story: Story | undefined): boolean => Boolean(story?.hasWords && story.description);

const hasContent = (draft: ComplaintDraft): boolean =>
  Boolean(draft.description || draft.locationText || draft.incidentDate || draft.agency || draft.latitude !== undefined) ||
  draft.photoIds.length > 0;

export const complaintGuards = {
  startsReport: ({ event }) => event.type === "TEXT" && event.newForm !== undefined && startsReport(event.story),
  pendingQuestion: ({ event }) => event.type === "TEXT" && event.pendingQuestion !== undefined,
  /** After SELESAI, text that tells something but no new problem ("oke pak, sudah saya terima jawabannya"). */
  respondsToFinished: ({ event }) =>
    event.type === "TEXT" &&
    event.finishedAwaiting !== undefined &&
    storyHasProblem(event.story) &&
    !readsAsNewReport(event.story),
  storyTruncated: ({ event }) => storyOf(event)?.truncated === true,
  // While an officer waits, only "mau lapor" or a confidently routed story reads as a new report.
  startsReportWhilePending: ({ event }) =>
    event.type === "TEXT" && event.pendingQuestion !== undefined && event.newForm !== undefined && readsAsNewReport(event.story),
  startsReportWithStory: ({ event }) =>
    event.type === "TEXT" && event.newForm !== undefined && startsReport(event.story) && storyHasProblem(event.story),
  onlyPrivacyWish: ({ event }) => onlyPrivacyWish(storyOf(event)),
  privacyWishAfterFiling: ({ context, event }) => onlyPrivacyWish(storyOf(event)) && Boolean(context.lastFiledCode),
  /** A photo whose caption tells the problem ("jalan bolong depan rumah"). */
  captionTellsStory: ({ event }) => event.type === "PHOTO" && storyHasProblem(event.story),
  /** A photo whose caption is a whole story, at the story question, with room for one more photo. */
  captionIsStory: ({ context, event }) =>
    event.type === "PHOTO" &&
    context.draft.photoIds.length < MAX_PHOTOS &&
    storyHasProblem(event.story) &&
    visibleLength(event.story?.description ?? "") >= DESCRIPTION_MIN,
  needsDescription: ({ context }) => visibleLength(context.draft.description ?? "") < DESCRIPTION_MIN,
  needsAgency: ({ context }) => context.draft.agency === undefined,
  tellsDetails: ({ event }) => {
    const told = toldOf(event);
    return Boolean(told?.locationText || told?.incidentDate || told?.privacy || told?.agency);
  },
  tellsOnlyPrivacy: ({ event }) => {
    const told = toldOf(event);
    return Boolean(told?.privacy && !told.locationText && !told.incidentDate);
  },
  needsLocation: ({ context }) =>
    missingLocation(context) ||
    (context.draft.reportType === "aspirasi" &&
      !context.draft.locationText &&
      context.draft.latitude === undefined &&
      !context.skipped?.includes("location")),
  needsDate: ({ context }) =>
    context.draft.reportType === "pengaduan" && !context.draft.incidentDate && !context.skipped?.includes("date"),
  noStory: ({ event }) => storyOf(event) === undefined,
  // Emoji, punctuation, "aaaa": nothing to keep. One real word ("sampah") is a start, kept below.
  noWords: ({ event }) => !hasARealWord(storyOf(event)?.description ?? ""),
  stillShort: ({ context, event }) => {
    const description = withDescription(context, storyOf(event) as Story).description ?? "";
    return visibleLength(description) < DESCRIPTION_MIN || !hasRealWords(description);
  },
  chose: ({ event }, params: { value: string }) => event.type === "CHOICE" && event.value === params.value,
  choseAny: ({ event }) => event.type === "CHOICE" && event.value !== "",
  notAPlace: ({ event }) => event.type === "TEXT" && event.notAPlace === true,
  locationTooShort: ({ event }) => event.type === "TEXT" && visibleLength(event.text) < LOCATION_MIN,
  locationOptional: ({ context }) => context.draft.reportType !== "pengaduan",
  dateUnderstood: ({ event }) => event.type === "TEXT" && event.date?.ok === true,
  dateInFuture: ({ event }) => event.type === "TEXT" && event.date?.ok === false && event.date.reason === "future",
  dateUnknownToCitizen: ({ event }) => event.type === "TEXT" && event.unknown === true,
  filedBefore: ({ context }) => Boolean(context.lastFiledCode),
  photoLimitReached: ({ context }) => context.draft.photoIds.length >= MAX_PHOTOS,
  formHasContent: ({ context }) => hasContent(context.draft),
  resumesAt: ({ context }, params: { question: QuestionId }) => context.resumeAt === params.question,
} satisfies Record<string, (args: GuardArgs, params: never) => boolean>;
