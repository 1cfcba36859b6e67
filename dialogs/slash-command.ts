// Splits "/balas@LaporBot lpr-7k3m9qxa Terima kasih" into a command name, a tracking code and the rest.
// Shared by the staff and citizen command handlers; knows nothing about what the commands do.
import { parseTrackingCode } from "../complaints/tracking-code.js";

export interface SlashCommand {
  /** Lower case, without "/" and without a Telegram "@botname" suffix. */
  name: string;
  /** Everything after the command word, trimmed (line breaks kept). */
  args: string;
}

export function parseSlashCommand(text: string | undefined): SlashCommand | null {
  const trimmed = text?.trim() ?? "";
  const match = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), args: (match[2] ?? "").trim() };
}

export interface CodeAndRest {
  /** Normalized code, or null when the first word is not a code. */
  code: string | null;
  /** What the person typed as the code (for the error message). */
  typed: string;
  rest: string;
}

/** The first word is the code; "LPR 7K3M9QXA" (a space after LPR) is read as one code too. */
export function splitCode(args: string): CodeAndRest {
  const spaced = /^(lpr)[\s-]+([0-9a-z]{8})(?:\s+([\s\S]*))?$/i.exec(args);
  if (spaced?.[2]) {
    return { code: parseTrackingCode(spaced[2]), typed: `${spaced[1]}-${spaced[2]}`, rest: (spaced[3] ?? "").trim() };
  }
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(args);
  if (!match?.[1]) return { code: null, typed: "", rest: "" };
  return { code: parseTrackingCode(match[1]), typed: match[1], rest: (match[2] ?? "").trim() };
}

/** The first word and the rest. */
export function splitWord(args: string): { word: string; rest: string } {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(args);
  return { word: match?.[1] ?? "", rest: (match?.[2] ?? "").trim() };
}
