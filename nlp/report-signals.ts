// Report type and urgency from cue lists (data/signals.json). Rules, not a model: a wrong type is
// corrected by the citizen in the dialog, and an urgent flag must be explainable to staff.
import { readFileSync } from "node:fs";
import type { ReportType } from "./classification.js";
import { normalizeTokens } from "./normalize.js";

interface SignalFile {
  urgent: string[];
  information: string[];
  aspiration: string[];
  complaint: string[];
}

const signals = JSON.parse(readFileSync(new URL("./data/signals.json", import.meta.url), "utf8")) as SignalFile;
const NEGATIONS = new Set(["tidak", "bukan", "belum", "tanpa", "jangan"]);

type CueSet = Map<string, string[][]>;

function cueSet(cues: string[]): CueSet {
  const set: CueSet = new Map();
  for (const cue of cues) {
    const tokens = normalizeTokens(cue);
    const first = tokens[0];
    if (first === undefined) continue;
    set.set(first, [...(set.get(first) ?? []), tokens]);
  }
  return set;
}

const URGENT = cueSet(signals.urgent);
const INFORMATION = cueSet(signals.information);
const ASPIRATION = cueSet(signals.aspiration);
const COMPLAINT = cueSet(signals.complaint);

/** How many cues of the set occur in the tokens; with `negatable`, "tidak banjir" does not count. */
function countCues(tokens: string[], set: CueSet, negatable = false): number {
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    const candidates = set.get(tokens[i] as string);
    if (!candidates) continue;
    const hit = candidates.find((cue) => cue.every((token, k) => tokens[i + k] === token));
    if (!hit) continue;
    if (negatable && (NEGATIONS.has(tokens[i - 1] ?? "") || NEGATIONS.has(tokens[i - 2] ?? ""))) continue;
    count++;
  }
  return count;
}

export function isUrgent(tokens: string[]): boolean {
  return countCues(tokens, URGENT, true) > 0;
}

export function reportType(tokens: string[], rawText: string): ReportType {
  const information = countCues(tokens, INFORMATION) + (rawText.includes("?") ? 1 : 0);
  const aspiration = countCues(tokens, ASPIRATION);
  const complaint = countCues(tokens, COMPLAINT);
  if (information > 0 && information >= aspiration && (complaint === 0 || information > complaint)) {
    return "permintaan_informasi";
  }
  if (aspiration > 0 && aspiration >= complaint) return "aspirasi";
  return "pengaduan";
}
