// One pass from raw text to what the scorers need: normalized tokens, their stems, and the content
// features (stems without stopwords, plus adjacent pairs) for the statistical model.
import { readFileSync } from "node:fs";
import { stem } from "./indonesian-stem.js";
import { normalizeTokens } from "./normalize.js";

interface StopwordFile {
  words: string[];
}

const STOPWORDS = new Set(
  (JSON.parse(readFileSync(new URL("./data/stopwords.json", import.meta.url), "utf8")) as StopwordFile).words,
);

/** Bump when feature extraction changes, so a serialized model trained the old way is not trusted. */
export const FEATURE_VERSION = 2;

export interface TextFeatures {
  /** Normalized surface tokens, in order (stopwords included, for phrase matching and report type). */
  tokens: string[];
  /** stems[i] is the stem of tokens[i]. */
  stems: string[];
  /** Distinct content stems and "a_b" pairs of neighbouring content stems. */
  features: string[];
  /** First surface token seen for each content stem, to show people words they wrote. */
  surface: Map<string, string>;
}

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

export function extractFeatures(text: string): TextFeatures {
  const tokens = normalizeTokens(text);
  const stems = tokens.map(stem);
  const features: string[] = [];
  const surface = new Map<string, string>();
  let previous: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const root = stems[i] as string;
    // Bare numbers say nothing about the agency; a single letter is noise left from "rt/rw 5/b".
    if (STOPWORDS.has(token) || STOPWORDS.has(root) || root.length < 2 || /^\d+$/.test(root)) continue;
    features.push(root);
    if (previous !== undefined) features.push(`${previous}_${root}`);
    if (!surface.has(root)) surface.set(root, token);
    previous = root;
  }
  // Presence, not counts: "sampah sampah sampah" is one clue, and binarized NB does better on short texts.
  return { tokens, stems, features: [...new Set(features)], surface };
}
