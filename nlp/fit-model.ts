// Fits the scoring parameters by k-fold cross-validation on the training corpus only (never on the
// evaluation set): alpha, keyword weight and length power by accuracy, then the softmax temperature by
// log-loss, so that a confidence of 0.8 is right about 80 % of the time on unseen complaints.
import type { AgencyCatalog } from "./agency-catalog.js";
import { createAgencyScorer } from "./agency-classifier.js";
import {
  catalogStems,
  countTrainingFeatures,
  modelInputsHash,
  type LabeledText,
  type SerializedModel,
} from "./classifier-model.js";
import { DEFAULT_PARAMS, type ScoringParams } from "./score-combination.js";
import { extractFeatures } from "./text-features.js";

const GRID = {
  alpha: [0.1, 0.3, 1],
  keywordWeight: [1, 2, 3, 4, 6],
  lengthPower: [0.5, 1, 1.5],
};

interface FoldData {
  model: SerializedModel;
  held: { features: ReturnType<typeof extractFeatures>; index: number }[];
}

function folds(examples: LabeledText[], k: number): FoldData[] {
  // Deterministic interleaved folds keep every agency in every fold without a random seed.
  return Array.from({ length: k }, (_, fold) => {
    const train = examples.filter((_, i) => i % k !== fold);
    const held = examples
      .map((example, index) => ({ example, index }))
      .filter(({ index }) => index % k === fold)
      .map(({ example, index }) => ({ features: extractFeatures(example.text), index }));
    const model: SerializedModel = {
      format: "lapor-chat-agency-model/1",
      inputsHash: "cv",
      params: DEFAULT_PARAMS,
      counts: countTrainingFeatures(train),
    };
    return { model, held };
  });
}

function evaluate(data: FoldData[], examples: LabeledText[], catalog: AgencyCatalog, params: ScoringParams) {
  let correct = 0;
  let logLoss = 0;
  let n = 0;
  for (const { model, held } of data) {
    const scorer = createAgencyScorer(catalog, model, params);
    for (const { features, index } of held) {
      const { probabilities } = scorer.probabilities(features);
      const truth = scorer.codes.indexOf((examples[index] as LabeledText).agency);
      let best = 0;
      for (let a = 1; a < probabilities.length; a++) if ((probabilities[a] as number) > (probabilities[best] as number)) best = a;
      if (best === truth) correct++;
      logLoss -= Math.log(Math.max(1e-9, probabilities[truth] ?? 1e-9));
      n++;
    }
  }
  return { top1: correct / n, logLoss: logLoss / n };
}

/** Held-out predictions for inspection: which training lines the cross-validated model gets wrong. */
export function crossValidatedErrors(examples: LabeledText[], catalog: AgencyCatalog, params: ScoringParams, k = 5) {
  const errors: { text: string; truth: string; predicted: string; confidence: number }[] = [];
  for (const { model, held } of folds(examples, k)) {
    const scorer = createAgencyScorer(catalog, model, params);
    for (const { features, index } of held) {
      const { probabilities } = scorer.probabilities(features);
      let best = 0;
      for (let a = 1; a < probabilities.length; a++) if ((probabilities[a] as number) > (probabilities[best] as number)) best = a;
      const example = examples[index] as LabeledText;
      if (scorer.codes[best] !== example.agency) {
        errors.push({
          text: example.text,
          truth: example.agency,
          predicted: scorer.codes[best] as string,
          confidence: probabilities[best] as number,
        });
      }
    }
  }
  return errors;
}

export function fitModel(
  examples: LabeledText[],
  catalog: AgencyCatalog,
  k = 5,
  log: (line: string) => void = () => {},
): SerializedModel {
  const data = folds(examples, k);
  let best: { params: ScoringParams; top1: number; logLoss: number } | undefined;
  for (const alpha of GRID.alpha) {
    for (const keywordWeight of GRID.keywordWeight) {
      for (const lengthPower of GRID.lengthPower) {
        const params = { alpha, keywordWeight, lengthPower, temperature: 1 };
        const result = evaluate(data, examples, catalog, params);
        if (
          !best ||
          result.top1 > best.top1 + 1e-9 ||
          (Math.abs(result.top1 - best.top1) < 1e-9 && result.logLoss < best.logLoss)
        ) {
          best = { params, ...result };
        }
      }
    }
  }
  if (!best) throw new Error("fitModel: empty parameter grid");
  log(`grid best: ${JSON.stringify(best.params)} top1=${best.top1.toFixed(3)}`);
  // Temperature: golden-section search on log T for the lowest cross-validated log-loss.
  let lo = Math.log(0.1);
  let hi = Math.log(10);
  const lossAt = (logT: number) => evaluate(data, examples, catalog, { ...best.params, temperature: Math.exp(logT) }).logLoss;
  for (let i = 0; i < 30; i++) {
    const a = hi - (hi - lo) / 1.618;
    const b = lo + (hi - lo) / 1.618;
    if (lossAt(a) < lossAt(b)) hi = b;
    else lo = a;
  }
  const params = { ...best.params, temperature: Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000 };
  const final = evaluate(data, examples, catalog, params);
  log(`temperature ${params.temperature}: top1=${final.top1.toFixed(3)} logLoss=${final.logLoss.toFixed(3)}`);
  return {
    format: "lapor-chat-agency-model/1",
    inputsHash: modelInputsHash(),
    params,
    fit: { folds: k, top1: Math.round(final.top1 * 1000) / 1000, logLoss: Math.round(final.logLoss * 1000) / 1000 },
    counts: countTrainingFeatures(examples),
    stems: catalogStems(catalog.agencies),
  };
}
