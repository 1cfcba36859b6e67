// Weighted keyword and phrase matching, longest match first: "lampu jalan mati" is a DISPERKIM
// phrase, so its "jalan" is consumed and cannot also count for DPUPR. A catalog word written as a root
// ("lubang") matches every derived form ("berlubang", "lubangnya"); a derived word ("kebakaran") matches
// only itself, because the stemmer folds too much together (kebakaran and pembakaran both give "bakar").
import type { Agency } from "./classification.js";
import { stem } from "./indonesian-stem.js";
import { normalizeTokens } from "./normalize.js";

interface Entry {
  stems: string[];
  /** Per word: the exact normalized token required, or undefined when any form of the stem will do. */
  exact: (string | undefined)[];
  /** Catalog spelling, shown as a deciding keyword. */
  term: string;
  /** agency code -> weight; an entry listed by several agencies is split between them. */
  weights: Map<string, number>;
}

export interface KeywordMatch {
  /** Catalog spelling of the entry. */
  term: string;
  /** The matched words as they stand in the (normalized) text, e.g. "lubangnya" for the entry "lubang". */
  text: string;
  /** Stems the match covered. */
  stems: string[];
  agency: string;
  weight: number;
}

export interface KeywordIndex {
  /** Per agency code, the summed weight of distinct matched entries, and the matches themselves. */
  match(tokens: string[], stems: string[]): { scores: Map<string, number>; matches: KeywordMatch[] };
}

const SINGLE_WEIGHT = 1;
const PHRASE_WEIGHT = 2;

export function buildKeywordIndex(agencies: Agency[]): KeywordIndex {
  const byKey = new Map<string, { stems: string[]; exact: (string | undefined)[]; term: string; agencies: Set<string> }>();
  for (const agency of agencies) {
    for (const term of [...agency.keywords, ...agency.phrases]) {
      const tokens = normalizeTokens(term);
      if (tokens.length === 0) continue;
      const stems = tokens.map(stem);
      const exact = tokens.map((token, k) => (token === stems[k] ? undefined : token));
      const key = tokens.map((token, k) => exact[k] ?? `~${stems[k]}`).join(" ");
      const entry = byKey.get(key) ?? { stems, exact, term, agencies: new Set<string>() };
      entry.agencies.add(agency.code);
      byKey.set(key, entry);
    }
  }
  // First stem -> entries starting with it, longest first.
  const byFirst = new Map<string, Entry[]>();
  for (const { stems, exact, term, agencies: codes } of byKey.values()) {
    const base = stems.length > 1 ? PHRASE_WEIGHT + 0.5 * (stems.length - 2) : SINGLE_WEIGHT;
    const weights = new Map([...codes].map((code) => [code, base / codes.size]));
    const first = stems[0] as string;
    const list = byFirst.get(first) ?? [];
    list.push({ stems, exact, term, weights });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);

  return {
    match(tokens, stems) {
      const scores = new Map<string, number>();
      const matches: KeywordMatch[] = [];
      const seen = new Set<Entry>();
      let i = 0;
      while (i < stems.length) {
        const candidates = byFirst.get(stems[i] as string);
        const hit = candidates?.find((entry) =>
          entry.stems.every((s, k) => stems[i + k] === s && (entry.exact[k] === undefined || tokens[i + k] === entry.exact[k])),
        );
        if (!hit) {
          i++;
          continue;
        }
        const text = tokens.slice(i, i + hit.stems.length).join(" ");
        i += hit.stems.length;
        // Repeating a word ("sampah sampah sampah") must not outvote a second, different clue.
        if (seen.has(hit)) continue;
        seen.add(hit);
        for (const [code, weight] of hit.weights) {
          scores.set(code, (scores.get(code) ?? 0) + weight);
          matches.push({ term: hit.term, text, stems: hit.stems, agency: code, weight });
        }
      }
      return { scores, matches };
    },
  };
}
