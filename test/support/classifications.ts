// A confident classification for a road complaint, as the classifier would give it: dialog tests start here.
import type { Classification } from "../../nlp/classification.js";

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
