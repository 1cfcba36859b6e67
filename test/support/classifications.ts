// A confident classification for a road complaint, as the classifier would give it: dialog tests start here.
import type { Classification } from "../../nlp/classification.js";
import { hasRealWords } from "../../nlp/text-quality.js";
import type { Story } from "../../dialogs/complaint-context.js";

export const CONFIDENT_ROAD: Classification = {
  agency: "DPUPR",
  confidence: 0.9,
  top: [
    { agency: "DPUPR", score: 0.9 },
    { agency: "DISHUB", score: 0.06 },
    { agency: "DLH", score: 0.04 },
  ],
  type: "pengaduan",
  urgent: false,
  keywords: ["jalan"],
};

/** A story as read-story.ts would give it, for pure machine tests (what the message tells, nothing more). */
export function storyOf(description: string, extra: Partial<Story> = {}): Story {
  return {
    description,
    intent: false,
    truncated: false,
    hasWords: hasRealWords(description),
    classification: CONFIDENT_ROAD,
    ...extra,
  };
}
