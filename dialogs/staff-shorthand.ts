// Officers on WhatsApp often leave out the slash: "proses LPR-7K3M9QXA tim survei besok", "antrian".
// Read as the staff command, but only for registered staff (the runner checks) and only when it cannot
// be a citizen's sentence: a command that acts on a complaint needs the code as its next word, the
// others must be the whole message. Pure.
import { splitCode, type SlashCommand } from "./slash-command.js";

/** Staff commands whose first argument is a tracking code. */
export const CODE_COMMANDS = ["lihat", "teruskan", "proses", "balas", "catatan", "selesai", "tolak", "bukanwewenang", "tanya"];
/** Staff commands typed alone (statistik may carry its period: "statistik 7"). */
export const ALONE_COMMANDS = ["antrian", "statistik", "dasbor"];

export function readStaffShorthand(text: string): SlashCommand | null {
  const match = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(text);
  const name = match?.[1]?.toLowerCase();
  if (!name) return null;
  const args = (match?.[2] ?? "").trim();
  if (CODE_COMMANDS.includes(name)) return splitCode(args).code ? { name, args } : null;
  if (!ALONE_COMMANDS.includes(name)) return null;
  return args === "" || (name === "statistik" && /^(\d{1,4}|semua)(\s+hari)?$/i.test(args)) ? { name, args } : null;
}
