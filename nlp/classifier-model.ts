// The trained model: naive Bayes counts plus fitted scoring parameters, serialized to data/model.json
// by `npx tsx app/train-classifier.ts`. Loading checks a hash of the inputs it was trained on; when the
// corpus or the normalizer data changed since, it retrains the counts in memory (tens of ms) instead of
// trusting a stale file, and a test keeps the committed file fresh.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { countFeatures, type NaiveBayesCounts } from "./naive-bayes.js";
import { DEFAULT_PARAMS, type ScoringParams } from "./score-combination.js";
import type { Agency } from "./classification.js";
import { stem } from "./indonesian-stem.js";
import { normalizeTokens } from "./normalize.js";
import { extractFeatures, FEATURE_VERSION } from "./text-features.js";

export interface LabeledText {
  text: string;
  agency: string;
}

export interface SerializedModel {
  format: "lapor-chat-agency-model/1";
  inputsHash: string;
  params: ScoringParams;
  /** Cross-validated figures on the training corpus from when the parameters were fitted. */
  fit?: { folds: number; top1: number; logLoss: number };
  counts: NaiveBayesCounts;
  /** Stems of the default catalog's words: a warm start for the stem memo, not part of the model. */
  stems?: Record<string, string>;
}

const dataFile = (name: string) => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
export const TRAINING_FILE = dataFile("training.jsonl");
export const MODEL_FILE = dataFile("model.json");
const INPUT_FILES = [TRAINING_FILE, dataFile("slang.json"), dataFile("stopwords.json")];

/** Reads a JSONL file of {"text", "agency"} lines; blank lines and lines starting with # are skipped. */
export function readLabeledTexts(file: string): LabeledText[] {
  const out: LabeledText[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === "" || trimmed.startsWith("#")) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch (error) {
        throw new Error(`${file}:${i + 1}: invalid JSON: ${(error as Error).message}`);
      }
      const { text, agency } = (parsed ?? {}) as Partial<LabeledText>;
      if (typeof text !== "string" || typeof agency !== "string") {
        throw new Error(`${file}:${i + 1}: expected {"text": string, "agency": string}`);
      }
      out.push({ text, agency });
    });
  return out;
}

export function modelInputsHash(): string {
  const hash = createHash("sha256").update(`features:${FEATURE_VERSION}\n`);
  for (const file of INPUT_FILES) hash.update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

export function countTrainingFeatures(examples: LabeledText[]): NaiveBayesCounts {
  return countFeatures(examples.map(({ text, agency }) => ({ features: extractFeatures(text).features, label: agency })));
}

export function catalogStems(agencies: Agency[]): Record<string, string> {
  const stems: Record<string, string> = {};
  for (const agency of agencies) {
    for (const term of [...agency.keywords, ...agency.phrases])
      for (const token of normalizeTokens(term)) stems[token] = stem(token);
  }
  return Object.fromEntries(Object.entries(stems).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The committed model when it matches the current inputs; otherwise counts trained now. */
export function loadModel(): { model: SerializedModel; fresh: boolean } {
  const inputsHash = modelInputsHash();
  let stored: SerializedModel | undefined;
  if (existsSync(MODEL_FILE)) {
    stored = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as SerializedModel;
    if (stored.format === "lapor-chat-agency-model/1" && stored.inputsHash === inputsHash) {
      return { model: stored, fresh: true };
    }
  }
  const counts = countTrainingFeatures(existsSync(TRAINING_FILE) ? readLabeledTexts(TRAINING_FILE) : []);
  const params = stored?.params ?? DEFAULT_PARAMS;
  const stems = stored?.stems;
  return {
    model: { format: "lapor-chat-agency-model/1", inputsHash, params, counts, ...(stems ? { stems } : {}) },
    fresh: false,
  };
}
