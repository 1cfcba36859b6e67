// How keyword evidence and the naive Bayes model become one calibrated distribution over agencies.
// Shared by the classifier and by model fitting, so what is fitted is exactly what runs.

export interface ScoringParams {
  /** Laplace smoothing of the naive Bayes counts. */
  alpha: number;
  /** Logit points per unit of keyword weight (a single keyword is 1, a two-word phrase 2). */
  keywordWeight: number;
  /** The NB log-likelihood gap is divided by known^lengthPower, so long stories are not overconfident. */
  lengthPower: number;
  /** Softmax temperature, fitted to minimize log-loss on cross-validated predictions. */
  temperature: number;
}

export const DEFAULT_PARAMS: ScoringParams = { alpha: 0.3, keywordWeight: 1.5, lengthPower: 0.5, temperature: 1 };

/**
 * `nbIndex[a]` is agency a's class in the NB model, or -1 for an agency the training corpus never saw
 * (added by AGENCIES_FILE): it gets the worst NB score, so it can only win on its keywords.
 */
export function combineLogits(
  nbLogits: Float64Array,
  known: number,
  nbIndex: Int32Array,
  keywordScores: Float64Array,
  params: ScoringParams,
  out: Float64Array,
): Float64Array {
  let max = -Infinity;
  let min = Infinity;
  for (let c = 0; c < nbLogits.length; c++) {
    const value = nbLogits[c] as number;
    if (value > max) max = value;
    if (value < min) min = value;
  }
  const scale = 1 / Math.pow(Math.max(1, known), params.lengthPower);
  for (let a = 0; a < nbIndex.length; a++) {
    const c = nbIndex[a] as number;
    const nb = nbLogits.length === 0 ? 0 : ((c >= 0 ? (nbLogits[c] as number) : min) - max) * scale;
    out[a] = (params.keywordWeight * (keywordScores[a] as number) + nb) / params.temperature;
  }
  return out;
}

/** In-place softmax; returns the array. */
export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const value of logits) if (value > max) max = value;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    logits[i] = e;
    sum += e;
  }
  for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) / sum;
  return logits;
}
