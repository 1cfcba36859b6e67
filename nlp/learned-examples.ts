// What one pemda taught: routing examples from its own staff decisions and imports, as evidence that
// is added to the built-in model's answer. Each agency's feature distribution is smoothed towards the
// background (how often a feature occurs in any complaint: the built-in corpus plus everything learned)
// by a Dirichlet prior of `strength` pseudo-documents, and a text scores
// log P(features | agency) - log P(features | background) per agency. So an agency nobody has taught
// scores exactly 0 (the built-in knowledge answers alone), and an agency with many examples outweighs
// the built-in prior where its examples say something different.
import type { NaiveBayesCounts } from "./naive-bayes.js";
import { extractFeatures } from "./text-features.js";

export interface LearnedParams {
  /** Pseudo-documents of background an agency's distribution is smoothed with (Dirichlet prior). */
  strength: number;
  /** Nats of learned evidence per nat of built-in log-probability. */
  weight: number;
  /** The summed log-likelihood ratio is divided by knownFeatures^lengthPower, as in the built-in model. */
  lengthPower: number;
  /**
   * How likely the built-in answer is wrong for this pemda: its distribution is mixed with a uniform one
   * by this share before the learned evidence is added, so no built-in certainty is beyond the reach of
   * enough local examples.
   */
  doubt: number;
}

/** Chosen on our own written split (test/nlp/fixtures/kota-sukamaju.csv), never on real data: see nlp/README.md. */
export const LEARNED_PARAMS: LearnedParams = { strength: 5, weight: 1, lengthPower: 0, doubt: 0.1 };

export interface LearnedText {
  text: string;
  agency: string;
}

export interface LearnedModel {
  /** Agency codes the evidence is aligned with (the catalog's order). */
  readonly codes: string[];
  readonly params: LearnedParams;
  /** Examples counted (examples naming an agency outside the catalog are ignored). */
  readonly size: number;
  add(examples: LearnedText[]): void;
  /** Drops everything (before a full reload). */
  clear(): void;
  /** Examples per agency code. */
  counts(): Map<string, number>;
  /**
   * Adds the learned log-evidence per agency to `out` (aligned with `codes`); returns how many of the
   * features were seen in any learned example (0: the learned model has nothing to say).
   */
  addEvidence(features: string[], out: Float64Array): number;
  /** log P(feature | agency) / P(feature | background), or undefined when no example has the feature. */
  lift(feature: string, agency: string): number | undefined;
}

/**
 * `corpus` is the built-in model's counts (data/model.json): the background a learned feature is
 * compared with. Without it the background is the learned examples alone, and a pemda that taught only
 * one agency would learn nothing (every feature would be as common there as in the background).
 */
export function createLearnedModel(
  codes: string[],
  corpus?: NaiveBayesCounts,
  params: LearnedParams = LEARNED_PARAMS,
): LearnedModel {
  const k = codes.length;
  const corpusDocs = corpus ? corpus.docs.reduce((sum, n) => sum + n, 0) : 0;
  const corpusDf = (feature: string): number => {
    const flat = corpus?.features[feature];
    if (!flat) return 0;
    let sum = 0;
    for (let j = 1; j < flat.length; j += 2) sum += flat[j] as number;
    return sum;
  };
  const position = new Map(codes.map((code, i) => [code, i]));
  const docs = new Float64Array(k);
  let total = 0;
  // feature -> documents per agency containing it (binary features, as in the built-in model)
  const df = new Map<string, Int32Array>();
  const dfTotal = new Map<string, number>();
  // feature -> log-ratio row, computed on first use and dropped when counts change
  let cache = new Map<string, Float64Array>();
  // Agencies with at least one example: the only ones the loop has to touch.
  let taught: number[] = [];

  const ratioRow = (feature: string): Float64Array | undefined => {
    let row = cache.get(feature);
    if (row) return row;
    const counts = df.get(feature);
    if (!counts) return undefined;
    // Background: how often the feature occurs in any complaint we know, with a half-count floor.
    const background = ((dfTotal.get(feature) ?? 0) + corpusDf(feature) + 0.5) / (total + corpusDocs + 1);
    const logBackground = Math.log(background);
    row = new Float64Array(k);
    for (const a of taught) {
      const p = ((counts[a] as number) + params.strength * background) / ((docs[a] as number) + params.strength);
      row[a] = Math.log(p) - logBackground;
    }
    cache.set(feature, row);
    return row;
  };

  return {
    codes,
    params,
    get size() {
      return total;
    },
    add(examples) {
      for (const { text, agency } of examples) {
        const a = position.get(agency);
        if (a === undefined) continue;
        docs[a] = (docs[a] as number) + 1;
        total++;
        for (const feature of extractFeatures(text).features) {
          let row = df.get(feature);
          if (!row) {
            row = new Int32Array(k);
            df.set(feature, row);
          }
          row[a] = (row[a] as number) + 1;
          dfTotal.set(feature, (dfTotal.get(feature) ?? 0) + 1);
        }
      }
      taught = [...docs.keys()].filter((a) => (docs[a] as number) > 0);
      cache = new Map();
    },
    clear() {
      docs.fill(0);
      total = 0;
      df.clear();
      dfTotal.clear();
      taught = [];
      cache = new Map();
    },
    counts() {
      return new Map(taught.map((a) => [codes[a] as string, docs[a] as number]));
    },
    lift(feature, agency) {
      const a = position.get(agency);
      const row = ratioRow(feature);
      return a === undefined || !row ? undefined : row[a];
    },
    addEvidence(features, out) {
      if (total === 0) return 0;
      let known = 0;
      const sum = new Float64Array(k);
      for (const feature of features) {
        const row = ratioRow(feature);
        if (!row) continue;
        known++;
        for (const a of taught) sum[a] = (sum[a] as number) + (row[a] as number);
      }
      if (known === 0) return 0;
      const scale = params.weight / Math.pow(known, params.lengthPower);
      for (const a of taught) out[a] = (out[a] as number) + (sum[a] as number) * scale;
      return known;
    },
  };
}
