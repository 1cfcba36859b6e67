// Reads one inbound message as a dialog event for the question being asked. Pure, given its readers.
import type { ParsedInput } from "./parsed-input.js";
import type { InputReaders } from "./input-readers.js";

export type { InputReaders } from "./input-readers.js";
import { coreAnswer, isCancel, isThanks, readAnswerWord } from "../nlp/answer-words.js";
import {
  DESCRIPTION_MIN,
  visibleLength,
  type ComplaintContext,
  type DialogEvent,
  type StoryDetails,
} from "./complaint-context.js";
import { questionOptions, type QuestionId } from "./complaint-questions.js";
import { matchOption, optionMentioned } from "./option-matcher.js";
import { readStory } from "./read-story.js";
import { asksAboutService } from "../nlp/service-question.js";
import { isNotAPlace, tellsNothingNew } from "./place-answer.js";
import { readPrivacyWish } from "./privacy-wish.js";

/** What the runner knows beyond the message (read from the database on the command path). */
export interface InputFacts {
  /** Code of a complaint whose officer question waits for this citizen. */
  pendingQuestion?: string;
  /** Code of a finished complaint whose "sudah beres?" still waits for this citizen. */
  finishedAwaiting?: string;
}

const COMMANDS: Record<string, DialogEvent["type"]> = {
  "/start": "START",
  "/menu": "START",
  "/lapor": "REPORT",
  "/batal": "CANCEL",
  "/bantuan": "HELP",
  "/help": "HELP",
  "/lewati": "SKIP",
  lewati: "SKIP",
  skip: "SKIP",
  menu: "START",
};

/**
 * "/lapor kel-sukajadi" (a deep link on a kelurahan's poster): the place, when it is a known region of
 * this deployment, pre-fills the form's region; anything else is ignored.
 */
function placeOf(args: string | undefined, readers: InputReaders): { regionHint?: string } {
  if (!args) return {};
  const regionHint = readers.regionHint(args.replace(/^kel-/i, "kelurahan ").replace(/[_-]+/g, " "));
  return regionHint ? { regionHint } : {};
}

/** The menu's "Buat laporan" is /lapor; every other option is a plain choice. */
function chosenEvent(question: QuestionId, value: string, readers: InputReaders): DialogEvent {
  if (question === "menu" && value === "lapor") return { type: "REPORT", ...readers.newForm() };
  return { type: "CHOICE", value };
}

export function readInput(
  input: ParsedInput,
  question: QuestionId,
  context: ComplaintContext,
  readers: InputReaders,
  facts: InputFacts = {},
): DialogEvent {
  const options = questionOptions(question, context, readers.names);
  switch (input.kind) {
    case "choice": {
      const valid =
        input.questionId === question &&
        (options.some((option) => option.value === input.value) ||
          (question === "agencyPick" && readers.names(input.value) !== undefined));
      return valid ? chosenEvent(question, input.value, readers) : { type: "STALE" };
    }
    case "location":
      return {
        type: "LOCATION",
        latitude: input.latitude,
        longitude: input.longitude,
        ...(question === "menu" ? { newForm: readers.newForm() } : {}),
      };
    case "photo": {
      if (!input.photo.ok) return { type: "PHOTO_FAILED", reason: input.photo.reason };
      // WhatsApp users often send the photo first, the story as its caption: both start the report.
      const tells = (question === "menu" || question === "description") && input.caption.trim() !== "";
      return {
        type: "PHOTO",
        attachmentId: readers.newId(),
        ...(tells ? { story: readStory(input.caption, readers) } : {}),
        ...(question === "menu" ? { newForm: readers.newForm() } : {}),
      };
    }
    case "unsupported":
      return { type: "UNSUPPORTED", kind: input.what };
    case "empty":
      return { type: "EMPTY" };
    case "command": {
      const command = COMMANDS[`/${input.name}`];
      if (command === "CANCEL") return { type: "CANCEL", from: question };
      if (command === "REPORT") return { type: "REPORT", ...readers.newForm(), ...placeOf(input.args, readers) };
      if (command === "SKIP" && options.some((option) => option.value === "lewati")) return { type: "CHOICE", value: "lewati" };
      // Unknown slash commands get the help, never a hint of commands the sender may not use.
      return command ? ({ type: command } as DialogEvent) : { type: "HELP" };
    }
    case "text":
      return readText(input.text, question, options, context, readers, facts);
  }
}

/** "foto nyusul", "fotonya nanti saya kirim", "nanti sy kirim gambarnya". */
const PHOTO_LATER =
  /\b(?:foto|fotonya|gambar|gambarnya|gambare)\b.{0,20}\b(?:nyusul|menyusul|susul|disusulkan|nanti|ntar|besok|belakangan)\b|\b(?:nanti|ntar|besok)\b.{0,20}\b(?:kirim|kirimkan|dikirim|susulkan)\b.{0,12}\b(?:foto|fotonya|gambar|gambarnya)\b/i;

/** "kirim" again, "lanjut", "sudah" at the menu: nothing new (after filing: the report is already sent). */
const ACKNOWLEDGING = new Set(["kirim", "kirim aja", "kirim saja", "lanjut", "sudah", "udah", "selesai", "done"]);

/** "kirim aja" when asked for the agency: send it on, and the coordinator routes it (the question says so). */
const JUST_SEND = /^(?:langsung\s+)?(?:kirim|kirimkan|kirim\s+laporan|teruskan)(?:\s+(?:aja|saja|sekarang|langsung))?$/;

function agencyPicked(text: string, readers: InputReaders): string | undefined {
  return readers.agencyCode(text) ?? (JUST_SEND.test(coreAnswer(text)) ? "tidak_tahu" : undefined);
}

/** "harusnya PLN", "instansinya salah, tujuannya ke dinas pu aja": the agency a correction names. */
const AGENCY_CORRECTION =
  /\b(?:harusnya|seharusnya|mestinya|semestinya|tujuannya|ditujukan|teruskan|diteruskan|kirim|ganti|diganti|pindah|bukan\s+\S+(?:\s+\S+)?\s+tapi)(?:\s+(?:ke|kepada|jadi|menjadi))?\s+(.+)$/iu;

/** At the summary: an agency named alone ("PLN", "dinas pu") or in a correction, by its name or alias. */
function namedAgency(text: string, readers: InputReaders): string | undefined {
  const named = readers.agencyCode(coreAnswer(text));
  if (named) return named;
  const corrected = AGENCY_CORRECTION.exec(text)?.[1];
  return corrected ? readers.agencyCode(coreAnswer(corrected)) : undefined;
}

function isPhotoLater(text: string): boolean {
  return PHOTO_LATER.test(text) && text.trim().split(/\s+/).length <= 6;
}

function readText(
  text: string,
  question: QuestionId,
  options: ReturnType<typeof questionOptions>,
  context: ComplaintContext,
  readers: InputReaders,
  facts: InputFacts,
): DialogEvent {
  const command = COMMANDS[text.trim().toLowerCase()];
  if (command === "CANCEL" || (isCancel(text) && question !== "cancelConfirm")) return { type: "CANCEL", from: question };
  if (command === "SKIP" && options.some((option) => option.value === "lewati")) return { type: "CHOICE", value: "lewati" };
  if (command) return { type: command } as DialogEvent;
  // "/ 123", "/?": not a command anyone has, so the help.
  if (text.trim().startsWith("/")) return { type: "HELP" };
  // "foto nyusul ya pak" on its own, in a form: the photo comes later. A story or a longer answer that
  // says so too is read as what it is (the menu and the story question have no photo to wait for).
  if (!["menu", "answerOrNew", "description"].includes(question) && isPhotoLater(text)) return { type: "PHOTO_LATER" };

  // "kirim aja" at a question that may be skipped (the date, a photo): skip it and go on to the summary.
  if (JUST_SEND.test(coreAnswer(text)) && options.some((option) => option.value === "lewati")) {
    return { type: "CHOICE", value: "lewati" };
  }
  const chosen = matchOption(text, options) ?? (question === "agencyPick" ? agencyPicked(text, readers) : undefined);
  if (chosen) return chosenEvent(question, chosen, readers);
  const word = readAnswerWord(text);

  switch (question) {
    case "menu": {
      if (isThanks(text)) return { type: "THANKS" };
      // "iya" while an officer waits is the answer to their question, not an acknowledgement.
      if (!facts.pendingQuestion && (word === "yes" || ACKNOWLEDGING.has(coreAnswer(text)))) return { type: "ACK" };
      const story = readStory(text, readers);
      // "ini bener layanan pengaduan ya?": answered with the welcome, never filed as a story.
      if (asksAboutService(text) && !story.intent && story.classification.keywords.length === 0) return { type: "START" };
      return { type: "TEXT", text, story, newForm: readers.newForm(), ...facts };
    }
    case "answerOrNew":
      return { type: "TEXT", text, story: readStory(text, readers), newForm: readers.newForm(), ...facts };
    case "description": {
      // "kirim", "ok", "kan sudah saya tulis": no part of the story (a privacy wish is read below).
      if (tellsNothingNew(text) && !readPrivacyWish(text)) return { type: "TEXT", text };
      // A short start ("jalan rusak parah") is kept: the answer continues it instead of replacing it.
      const kept = context.draft.description ?? "";
      const partial = kept !== "" && visibleLength(kept) < DESCRIPTION_MIN;
      return { type: "TEXT", text, story: readStory(partial ? `${kept} ${text.trim()}` : text, readers) };
    }
    case "type": {
      // "ini pengaduan ya pak, tolong cepat": the type it names, never a new description.
      const mentioned = optionMentioned(text, options);
      return mentioned ? { type: "CHOICE", value: mentioned } : { type: "TEXT", text };
    }
    case "location": {
      if (word === "none" || word === "unknown") return { type: "SKIP" };
      // "rahasia aja pak" in reply to the place question: the wish is noted, never taken as the place.
      const wish = readPrivacyWish(text);
      if (wish?.only) return { type: "TEXT", text, details: { privacy: wish.privacy } };
      return { type: "TEXT", text, regionHint: readers.regionHint(text), notAPlace: isNotAPlace(text, options) };
    }
    case "date": {
      const date = readers.parseDate(text);
      const unknown = word === "unknown" || word === "none";
      // "di gang kenari rt 04" or "rahasia": told at the date question, noted, and the date asked again.
      const told = date.ok || unknown ? undefined : readStory(text, readers);
      const details: StoryDetails = {
        ...(told?.locationText ? { locationText: told.locationText } : {}),
        ...(told?.privacy ? { privacy: told.privacy } : {}),
      };
      return { type: "TEXT", text, date, unknown, ...(details.locationText || details.privacy ? { details } : {}) };
    }
    case "photo": {
      // Only a privacy wish is read here: any other text ("fotonya di hp suami") is no place or date.
      const wish = readPrivacyWish(text);
      return wish?.only ? { type: "TEXT", text, details: { privacy: wish.privacy } } : { type: "TEXT", text };
    }
    default: {
      // "di jl. cempaka no 12" or "tolong rahasiakan nama saya" in reply to the agency question or at
      // the summary: noted, and the question stays (the privacy wish as read-story reads it).
      const agency = question === "summary" ? namedAgency(text, readers) : undefined;
      const story = agency ? undefined : readStory(text, readers);
      const details: StoryDetails = {
        ...(story?.locationText ? { locationText: story.locationText } : {}),
        ...(story?.incidentDate ? { incidentDate: story.incidentDate } : {}),
        ...(story?.regionHint ? { regionHint: story.regionHint } : {}),
        ...(story?.privacy ? { privacy: story.privacy } : {}),
        ...(agency ? { agency } : {}),
      };
      return details.locationText || details.incidentDate || details.privacy || details.agency
        ? { type: "TEXT", text, details }
        : { type: "TEXT", text };
    }
  }
}
