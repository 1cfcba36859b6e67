// Suggests the agency for a complaint in the citizen's own words: catalog keywords and phrases plus a
// naive Bayes model over stems, combined into one softmax. Below the threshold the suggestion is the
// coordinator (No Wrong Door): an unsure guess must not send a complaint to the wrong office.
import type { AgencyCatalog } from "./agency-catalog.js";
import { COORDINATOR_CODE, type AgencyClassifier, type AgencyScore, type Classification } from "./classification.js";
import { loadModel, type SerializedModel } from "./classifier-model.js";
import type { LearnedModel } from "./learned-examples.js";
import { seedStems } from "./indonesian-stem.js";
import { buildKeywordIndex, type KeywordMatch } from "./keyword-index.js";
import { compileNaiveBayes, type NaiveBayesModel } from "./naive-bayes.js";
import { isUrgent, reportType } from "./report-signals.js";
import { combineLogits, softmax, type ScoringParams } from "./score-combination.js";
import { extractFeatures, type TextFeatures } from "./text-features.js";

export const DEFAULT_THRESHOLD = 0.45;
const MAX_KEYWORDS = 5;

export interface AgencyClassifierOptions {
  /** Confidence below which the suggestion is KOORDINATOR; default 0.45 (CLASSIFIER_THRESHOLD). */
  threshold?: number;
  /** A model to use instead of data/model.json (cross-validation and tests). */
  model?: SerializedModel;
  /**
   * This pemda's routing examples (nlp/learned-examples.ts), read at every classification, so examples
   * added while the bot runs count at once. Its `codes` must be the catalog's codes in catalog order.
   */
  learned?: LearnedModel;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The scorer without the report type and threshold, for model fitting. */
export interface AgencyScorer {
  codes: string[];
  /** Probabilities aligned with `codes`, plus what the decision rested on. */
  probabilities(features: TextFeatures): { probabilities: Float64Array; matches: KeywordMatch[] };
  nb: NaiveBayesModel;
}

export function createAgencyScorer(
  catalog: AgencyCatalog,
  model: SerializedModel,
  params: ScoringParams = model.params,
): AgencyScorer {
  const codes = catalog.agencies.map((agency) => agency.code);
  const position = new Map(codes.map((code, i) => [code, i]));
  if (model.stems) seedStems(model.stems);
  const keywords = buildKeywordIndex(catalog.agencies);
  const nb = compileNaiveBayes(model.counts, params.alpha);
  const nbClass = new Map(nb.classes.map((code, c) => [code, c]));
  const nbIndex = Int32Array.from(codes, (code) => nbClass.get(code) ?? -1);
  const keywordScores = new Float64Array(codes.length);

  return {
    codes,
    nb,
    probabilities(features) {
      const { scores, matches } = keywords.match(features.tokens, features.stems);
      keywordScores.fill(0);
      for (const [code, score] of scores) {
        const at = position.get(code);
        if (at !== undefined) keywordScores[at] = score;
      }
      const { logits, known } = nb.score(features.features);
      const out = combineLogits(logits, known, nbIndex, keywordScores, params, new Float64Array(codes.length));
      return { probabilities: softmax(out), matches };
    },
  };
}

/** Words of the text that pull most towards `code` in the NB model, as the citizen wrote them. */
function modelWords(nb: NaiveBayesModel, features: TextFeatures, code: string, covered: Set<string>): string[] {
  const c = nb.classes.indexOf(code);
  if (c < 0) return [];
  const lift: { word: string; value: number }[] = [];
  for (const [root, word] of features.surface) {
    if (covered.has(root)) continue;
    const row = nb.featureLogProbs(root);
    if (!row) continue;
    let mean = 0;
    for (const value of row) mean += value;
    mean /= row.length;
    const value = (row[c] as number) - mean;
    // e^2: the word is several times likelier in this agency's complaints than on average.
    if (value > 2) lift.push({ word, value });
  }
  return lift.sort((a, b) => b.value - a.value).map((entry) => entry.word);
}

/** Words of the text that this pemda's examples tie to `code` (e^1.5: several times likelier there). */
function learnedWords(learned: LearnedModel, features: TextFeatures, code: string, covered: Set<string>): string[] {
  const lift: { word: string; value: number }[] = [];
  for (const [root, word] of features.surface) {
    const value = covered.has(root) ? undefined : learned.lift(root, code);
    if (value !== undefined && value > 1.5) lift.push({ word, value });
  }
  return lift.sort((a, b) => b.value - a.value).map((entry) => entry.word);
}

export function createAgencyClassifier(catalog: AgencyCatalog, options: AgencyClassifierOptions = {}): AgencyClassifier {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const scorer = createAgencyScorer(catalog, options.model ?? loadModel().model);
  const learned = options.learned;
  if (learned && learned.codes.join(",") !== scorer.codes.join(",")) {
    throw new Error("createAgencyClassifier: the learned model must use the catalog's agency codes in catalog order");
  }

  return {
    classify(text: string): Classification {
      const features = extractFeatures(text);
      const scored = scorer.probabilities(features);
      const { matches } = scored;
      let probabilities = scored.probabilities;
      let learnedKnown = 0;
      if (learned && learned.size > 0) {
        // Bayes: the built-in posterior is the prior, the pemda's examples add their log-evidence.
        const { doubt } = learned.params;
        const floor = doubt / probabilities.length;
        const logits = probabilities.map((p) => Math.log((1 - doubt) * p + floor));
        learnedKnown = learned.addEvidence(features.features, logits);
        if (learnedKnown > 0) probabilities = softmax(logits);
      }
      const order = [...probabilities.keys()].sort((a, b) => (probabilities[b] as number) - (probabilities[a] as number));
      const top: AgencyScore[] = order
        .slice(0, 3)
        .map((i) => ({ agency: scorer.codes[i] as string, score: round(probabilities[i] as number) }));
      const best = top[0];
      const confidence = probabilities[order[0] ?? 0] ?? 0;
      const hasEvidence =
        matches.length > 0 || learnedKnown > 0 || features.features.some((f) => scorer.nb.featureLogProbs(f) !== undefined);
      const confident = best !== undefined && hasEvidence && confidence >= threshold;
      const decided = best?.agency ?? COORDINATOR_CODE;
      const decisive = matches.filter((match) => match.agency === decided);
      const covered = new Set(decisive.flatMap((match) => match.stems));
      const words = [
        ...decisive.map((match) => match.text),
        ...(learnedKnown > 0 && learned ? learnedWords(learned, features, decided, covered) : []),
        ...modelWords(scorer.nb, features, decided, covered),
      ];
      return {
        agency: confident ? decided : COORDINATOR_CODE,
        confidence: round(confidence),
        top,
        type: reportType(features.tokens, text),
        urgent: isUrgent(features.tokens),
        keywords: [...new Set(words)].slice(0, MAX_KEYWORDS),
      };
    },
  };
}
