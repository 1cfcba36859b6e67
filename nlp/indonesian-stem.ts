// Stems Indonesian words with natural's StemmerId (a Sastrawi port) behind a memo: the stemmer costs
// ~15 µs a word, and complaints reuse a small vocabulary, so the cache is what makes 10k/s possible.
import { createRequire } from "node:module";
import type StemmerId from "natural/lib/natural/stemmers/indonesian/stemmer_id.js";

// Loaded at the first stem: importing natural's stemmer reads its root-word dictionary (~30 ms of start-up).
let stemmer: typeof StemmerId | undefined;
const stemmerId = () =>
  (stemmer ??= createRequire(import.meta.url)("natural/lib/natural/stemmers/indonesian/stemmer_id.js") as typeof StemmerId);

const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

export function stem(word: string): string {
  let root = cache.get(word);
  if (root === undefined) {
    // Short words, numbers and abbreviations (rt, kk, pdam) are left alone: the stemmer would eat them.
    root = word.length <= 3 || /\d/.test(word) ? word : stemmerId().stem(word);
    // Bounded so arbitrary input cannot grow memory without end; a full reset keeps this trivial.
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(word, root);
  }
  return root;
}

/** Pre-fills the memo (the model ships the stems of the catalog's words, so building its index is cheap). */
export function seedStems(stems: Record<string, string>): void {
  for (const [word, root] of Object.entries(stems)) if (!cache.has(word)) cache.set(word, root);
}

let rootWords: Set<string> | undefined;

/** True for a word of the stemmer's root dictionary (kata dasar); loaded on first use. */
export function isRootWord(word: string): boolean {
  if (!rootWords) {
    const require = createRequire(import.meta.url);
    rootWords = new Set(require("natural/lib/natural/stemmers/indonesian/data/kata-dasar.json") as string[]);
  }
  return rootWords.has(word);
}
