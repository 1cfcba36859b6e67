// Reads one inbound message as a dialog event for the question being asked. Pure, given its readers.
import type { InboundMessage } from "./inbound-message.js";
import type { Classification } from "../nlp/classification.js";
import type { DateParse } from "../nlp/indonesian-dates.js";
import type { ComplaintContext, DialogEvent, NewForm } from "./complaint-context.js";
import { parseSlashCommand } from "./slash-command.js";
import { matchOption, questionOptions, type AgencyNames, type QuestionId } from "./complaint-questions.js";

export interface InputReaders {
  classify(text: string): Classification;
  regionHint(text: string): string | undefined;
  parseDate(text: string): DateParse;
  /** Resolves what a citizen typed as an agency ("dlh", "Dinas Sosial") to its code. */
  agencyCode(text: string): string | undefined;
  names: AgencyNames;
  newForm(): NewForm;
  /** Ids for photos kept with the form (the runner stores the bytes under it). */
  newId(): string;
}

const COMMANDS: Record<string, DialogEvent["type"]> = {
  "/start": "START",
  "/menu": "START",
  "/lapor": "REPORT",
  "/batal": "CANCEL",
  batal: "CANCEL",
  "/bantuan": "HELP",
  "/help": "HELP",
  "/lewati": "SKIP",
  lewati: "SKIP",
  skip: "SKIP",
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
  message: InboundMessage,
  question: QuestionId,
  context: ComplaintContext,
  readers: InputReaders,
): DialogEvent {
  const options = questionOptions(question, context, readers.names);
  if (message.choice) {
    const valid =
      message.choice.questionId === question &&
      (options.some((option) => option.value === message.choice?.value) ||
        (question === "agencyPick" && readers.names(message.choice.value) !== undefined));
    if (!valid) return { type: "STALE" };
    return chosenEvent(question, message.choice.value, readers);
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    return { type: "LOCATION", latitude, longitude };
  }
  if (message.photo) {
    return message.photo.ok
      ? { type: "PHOTO", attachmentId: readers.newId() }
      : { type: "PHOTO_FAILED", reason: message.photo.reason };
  }
  const text = message.text ?? "";
  if (text.trim() === "") return { type: "UNSUPPORTED", kind: message.unsupported ?? "other" };

  const slash = parseSlashCommand(text);
  const bareWord = text.trim().toLowerCase();
  const command = slash ? COMMANDS[`/${slash.name}`] : COMMANDS[bareWord];
  if (command) {
    if (command === "REPORT") return { type: "REPORT", ...readers.newForm(), ...placeOf(slash?.args, readers) };
    if (command === "SKIP" && options.some((option) => option.value === "lewati")) return { type: "CHOICE", value: "lewati" };
    return { type: command } as DialogEvent;
  }
  // Unknown slash commands get the help, never a hint of commands the sender may not use.
  if (text.trim().startsWith("/")) return { type: "HELP" };

  const chosen = matchOption(text, options) ?? (question === "agencyPick" ? readers.agencyCode(text) : undefined);
  if (chosen) return chosenEvent(question, chosen, readers);

  switch (question) {
    case "menu":
      return { type: "TEXT", text, classification: readers.classify(text), newForm: readers.newForm() };
    case "type": // the problem told before the type is taken as the description
    case "description":
      return { type: "TEXT", text, classification: readers.classify(text), regionHint: readers.regionHint(text) };
    case "location":
      return { type: "TEXT", text, regionHint: readers.regionHint(text) };
    case "date":
      return { type: "TEXT", text, date: readers.parseDate(text) };
    default:
      return { type: "TEXT", text };
  }
}
