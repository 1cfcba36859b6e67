// An inbound message read ONCE into what the sender did: the runner parses it on arrival, and the
// command handlers and the complaint dialog all take this typed input instead of parsing again.
import type { InboundMessage, InboundPhoto, UnsupportedKind } from "./inbound-message.js";
import { parseSlashCommand, type SlashCommand } from "./slash-command.js";
import { readStaffShorthand } from "./staff-shorthand.js";
import { readStatusRequest } from "./status-request.js";

/** Typed text that reads as a staff command without its slash: the command only when staff sent it. */
interface MaybeStaffCommand {
  staffShorthand?: SlashCommand;
}

export type ParsedInput =
  /** A button press: the question it belonged to and the option value. */
  | { kind: "choice"; questionId: string; value: string }
  | { kind: "location"; latitude: number; longitude: number }
  /** A photo (or why it could not be fetched), with its caption ("" when none). */
  | { kind: "photo"; photo: InboundPhoto; caption: string }
  /** "/status LPR-7K3M9QXA": lower-case name without "/" or "@botname", and the rest. */
  | ({ kind: "command"; name: string; args: string } & MaybeStaffCommand)
  | ({ kind: "text"; text: string } & MaybeStaffCommand)
  /** Only spaces: the terminal's empty line. */
  | { kind: "empty" }
  /** A voice note, sticker, document, ... or a message with no text at all. */
  | { kind: "unsupported"; what: UnsupportedKind };

export function parseInbound(message: InboundMessage): ParsedInput {
  if (message.choice) return { kind: "choice", questionId: message.choice.questionId, value: message.choice.value };
  if (message.location) return { kind: "location", ...message.location };
  if (message.photo) return { kind: "photo", photo: message.photo, caption: message.text?.trim() ?? "" };
  const text = message.text;
  if (text === undefined || (text.trim() === "" && message.unsupported)) {
    return { kind: "unsupported", what: message.unsupported ?? "other" };
  }
  if (text.trim() === "") return { kind: "empty" };
  const command = parseSlashCommand(text);
  if (command) return { kind: "command", ...command };
  // "gimana laporan saya?" is the citizen's /status, wherever the conversation is.
  const status = readStatusRequest(text);
  const shorthand = readStaffShorthand(text);
  const maybeStaff = shorthand ? { staffShorthand: shorthand } : {};
  return status
    ? { kind: "command", name: "status", args: status.code ?? "", ...maybeStaff }
    : { kind: "text", text, ...maybeStaff };
}

/** The typed text of a text or command input ("" for anything else). */
export function inputText(input: ParsedInput): string {
  if (input.kind === "text") return input.text;
  if (input.kind === "command") return `/${input.name}${input.args ? ` ${input.args}` : ""}`;
  return "";
}
