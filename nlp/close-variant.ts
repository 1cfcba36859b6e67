// Typos of a known answer word: "kirm", "kirmi", "lewatin", "anonin", "rahsia". Damerau-Levenshtein
// (a swapped pair of letters is one edit) from natural, with room that grows with the word.
import { DamerauLevenshteinDistance } from "natural/lib/natural/distance/levenshtein_distance.js";

/** Edits allowed for a word of this length: none for short words, where one edit makes another word. */
function allowance(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/** True when `typed` is `word` with a typo or two. */
export function isCloseVariant(typed: string, word: string): boolean {
  if (typed === word) return true;
  const allowed = allowance(word.length);
  if (allowed === 0 || Math.abs(typed.length - word.length) > allowed) return false;
  return DamerauLevenshteinDistance(typed, word) <= allowed;
}
